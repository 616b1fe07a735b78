"""audit log: one successor per entry (unique prev_hash), so the hash chain cannot fork

Revision ID: 0002_audit
Revises: 0001
Create Date: 2026-11-25 16:20:00
"""
from __future__ import annotations

from alembic import op


revision = '0002_audit'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_audit_log_prev_hash'), ['prev_hash'])


def downgrade() -> None:
    with op.batch_alter_table('audit_log') as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_log_prev_hash'), type_='unique')
