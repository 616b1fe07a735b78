"""audit checkpoints (signed chain heads); memo status and the chain head it was issued at

Revision ID: 0006_audit_checkpoints
Revises: 0005_decision_history
Create Date: 2026-12-05 09:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006_audit_checkpoints'
down_revision = '0005_decision_history'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_checkpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('chain_length', sa.Integer(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('signer', sa.String(length=500), nullable=False),
    sa.Column('certificate', sa.Text(), nullable=False),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_checkpoint'))
    )
    with op.batch_alter_table('memo') as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='issued'))
        batch_op.add_column(sa.Column('chain_length', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('chain_head', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('memo') as batch_op:
        batch_op.drop_column('chain_head')
        batch_op.drop_column('chain_length')
        batch_op.drop_column('status')
    op.drop_table('audit_checkpoint')
