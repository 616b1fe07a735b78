"""supplier: index on parent_id (upstream tiers are looked up by parent)

Revision ID: 0003_supplier_parent
Revises: 0002_audit
Create Date: 2026-11-25 16:40:00
"""
from __future__ import annotations

from alembic import op


revision = '0003_supplier_parent'
down_revision = '0002_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f('ix_supplier_parent_id'), 'supplier', ['parent_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_supplier_parent_id'), table_name='supplier')
