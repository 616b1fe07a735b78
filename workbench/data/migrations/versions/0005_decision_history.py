"""decision history: versions on hits and decisions, revisions and undo kept as new decision rows

Revision ID: 0005_decision_history
Revises: 0004_team_mode
Create Date: 2026-12-05 09:10:00

Existing decisions become the history they already were: each one numbered in order (the hit's
version it produced), with the status before it taken from the decision that preceded it.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005_decision_history'
down_revision = '0004_team_mode'
branch_labels = None
depends_on = None

_decision = sa.table(
    'match_decision',
    sa.column('id', sa.Integer),
    sa.column('match_id', sa.Integer),
    sa.column('status', sa.String),
    sa.column('decided_at', sa.DateTime),
    sa.column('previous_status', sa.String),
    sa.column('version', sa.Integer),
)
_match = sa.table('match', sa.column('id', sa.Integer), sa.column('version', sa.Integer))


def upgrade() -> None:
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('match_decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('action', sa.String(length=16), server_default='decide', nullable=False))
        batch_op.add_column(sa.Column('previous_status', sa.String(length=16), server_default='open', nullable=False))
        batch_op.add_column(sa.Column('previous_changed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('undoes_id', sa.Integer(), nullable=True))
    _number_existing_decisions(op.get_bind())


def _number_existing_decisions(conn: sa.Connection) -> None:
    rows = conn.execute(
        sa.select(_decision.c.id, _decision.c.match_id, _decision.c.status).order_by(
            _decision.c.match_id, _decision.c.decided_at, _decision.c.id
        )
    )
    updates, versions = [], {}
    previous: dict[int, str] = {}
    for row in rows:
        version = versions.get(row.match_id, 1) + 1
        versions[row.match_id] = version
        updates.append({'d_id': row.id, 'prev': previous.get(row.match_id, 'open'), 'v': version})
        previous[row.match_id] = row.status
    if updates:
        conn.execute(
            _decision.update()
            .where(_decision.c.id == sa.bindparam('d_id'))
            .values(previous_status=sa.bindparam('prev'), version=sa.bindparam('v')),
            updates,
        )
        conn.execute(
            _match.update().where(_match.c.id == sa.bindparam('m_id')).values(version=sa.bindparam('v')),
            [{'m_id': m, 'v': v} for m, v in versions.items()],
        )


def downgrade() -> None:
    with op.batch_alter_table('match_decision', schema=None) as batch_op:
        batch_op.drop_column('undoes_id')
        batch_op.drop_column('version')
        batch_op.drop_column('previous_changed')
        batch_op.drop_column('previous_status')
        batch_op.drop_column('action')
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_column('version')
