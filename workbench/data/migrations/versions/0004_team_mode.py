"""team mode: edit versions on suppliers and indicator findings; a unique supplier identity

`supplier.version` and `indicator_finding.version` start at 1 for every existing row.
`supplier.identity_key` is the normalised name and country (`supplier_identity`); one unique index
covers suppliers in use (not deleted). Suppliers already sharing an identity are all kept: the
oldest (lowest id) keeps the plain key, each later twin gets "#<its id>" appended to its key, so
nothing is merged or lost and the duplicate check in the supplier import can still show them.

Revision ID: 0004_team_mode
Revises: 0003_supplier_parent
Create Date: 2026-12-05 09:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004_team_mode'
down_revision = '0003_supplier_parent'
branch_labels = None
depends_on = None

IN_USE = sa.text('deleted_at IS NULL')


def _identity(name: str | None, country: str | None) -> str:
    # Frozen copy of workbench.data.models.cases.supplier_identity as of this revision.
    return " ".join((name or "").split()).casefold() + "\t" + " ".join((country or "").split()).casefold()


def _fill_identity_keys() -> None:
    conn = op.get_bind()
    supplier = sa.table(
        'supplier',
        sa.column('id', sa.Integer),
        sa.column('legal_name', sa.String),
        sa.column('country', sa.String),
        sa.column('deleted_at', sa.DateTime),
        sa.column('identity_key', sa.String),
    )
    rows = conn.execute(
        sa.select(supplier.c.id, supplier.c.legal_name, supplier.c.country, supplier.c.deleted_at)
        .order_by(supplier.c.id)
    ).all()
    taken: set[str] = set()
    updates = []
    for row in rows:
        key = _identity(row.legal_name, row.country)
        if row.deleted_at is None:
            if key in taken:
                key = f"{key}#{row.id}"
            taken.add(key)
        updates.append({'row_id': row.id, 'key': key})
    if updates:
        conn.execute(
            supplier.update().where(supplier.c.id == sa.bindparam('row_id')).values(identity_key=sa.bindparam('key')),
            updates,
        )


def upgrade() -> None:
    with op.batch_alter_table('supplier') as batch_op:
        batch_op.add_column(sa.Column('identity_key', sa.String(length=600), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    _fill_identity_keys()
    with op.batch_alter_table('supplier') as batch_op:
        batch_op.alter_column('identity_key', existing_type=sa.String(length=600), nullable=False)
        batch_op.create_index(
            'uq_supplier_identity', ['identity_key'], unique=True,
            sqlite_where=IN_USE, postgresql_where=IN_USE,
        )
    with op.batch_alter_table('indicator_finding') as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('indicator_finding') as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('supplier') as batch_op:
        batch_op.drop_index('uq_supplier_identity')
        batch_op.drop_column('version')
        batch_op.drop_column('identity_key')
