"""supplier_rating: a cache of each supplier's risk rating (derived data, for the dashboard)

Revision ID: 0011_desktop
Revises: 0006_audit_checkpoints
Create Date: 2026-12-05 09:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011_desktop'
down_revision = '0006_audit_checkpoints'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new, empty table: existing data is untouched; the cache fills on first use.
    op.create_table(
        'supplier_rating',
        sa.Column('supplier_id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('presumption', sa.Boolean(), nullable=False),
        sa.Column('nexus', sa.Boolean(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['supplier_id'], ['supplier.id'],
            name=op.f('fk_supplier_rating_supplier_id_supplier'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('supplier_id', name=op.f('pk_supplier_rating')),
    )
    with op.batch_alter_table('supplier_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supplier_rating_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_supplier_rating_rank'), ['rank'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('supplier_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supplier_rating_rank'))
        batch_op.drop_index(batch_op.f('ix_supplier_rating_level'))
    op.drop_table('supplier_rating')
