"""tracing: traced products, their input trees and the evidence documents on file

Revision ID: 0012_tracing
Revises: 0011_desktop
Create Date: 2026-12-05 09:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012_tracing'
down_revision = '0011_desktop'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('traced_product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('entry_number', sa.String(length=40), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=True),
    sa.Column('hts', sa.String(length=16), nullable=False),
    sa.Column('quantity', sa.String(length=60), nullable=False),
    sa.Column('cleared_ref', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_traced_product')),
    sa.UniqueConstraint('name', name=op.f('uq_traced_product_name'))
    )
    with op.batch_alter_table('traced_product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_traced_product_entry_number'), ['entry_number'], unique=False)

    op.create_table('trace_node',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('supplier_id', sa.Integer(), nullable=True),
    sa.Column('input', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=80), nullable=False),
    sa.Column('region', sa.String(length=200), nullable=False),
    sa.Column('hs_code', sa.String(length=16), nullable=False),
    sa.Column('quantity', sa.String(length=60), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('document_refs', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['trace_node.id'], name=op.f('fk_trace_node_parent_id_trace_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['traced_product.id'], name=op.f('fk_trace_node_product_id_traced_product'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supplier_id'], ['supplier.id'], name=op.f('fk_trace_node_supplier_id_supplier'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trace_node')),
    sa.UniqueConstraint('product_id', 'key', name=op.f('uq_trace_node_product_id'))
    )
    with op.batch_alter_table('trace_node', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trace_node_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trace_node_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trace_node_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('evidence_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=120), nullable=False),
    sa.Column('family', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=20), nullable=False),
    sa.Column('translation_name', sa.String(length=500), nullable=False),
    sa.Column('translation_sha256', sa.String(length=64), nullable=False),
    sa.Column('issuer', sa.String(length=500), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['trace_node.id'], name=op.f('fk_evidence_document_node_id_trace_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['traced_product.id'], name=op.f('fk_evidence_document_product_id_traced_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_document'))
    )
    with op.batch_alter_table('evidence_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_document_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_document_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_document_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    op.drop_table('evidence_document')
    op.drop_table('trace_node')
    op.drop_table('traced_product')
