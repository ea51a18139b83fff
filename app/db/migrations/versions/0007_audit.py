"""audit trail as evidence: full changes as JSON, hash chain with a locked head; first sign-in password change

Revision ID: 0007_audit
Revises: 0006_notices
Create Date: 2026-11-29 02:10:00

Existing audit rows keep their summary (changes '{}') and are chained in id
order, so the chain covers the history from the start.
"""

import sqlalchemy as sa
from alembic import op

from app.db.models.audit import GENESIS, chain_hash

revision = '0007_audit'
down_revision = '0006_notices'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changes', sa.Text(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_audit_log_actor'), ['actor'], unique=False)
    op.create_table('audit_chain',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('verified_id', sa.Integer(), nullable=False),
    sa.Column('verified_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))

    conn = op.get_bind()
    log = sa.table('audit_log', sa.column('id', sa.Integer), sa.column('at', sa.DateTime),
                   sa.column('actor', sa.String), sa.column('entity', sa.String),
                   sa.column('entity_id', sa.String), sa.column('action', sa.String),
                   sa.column('summary', sa.Text), sa.column('changes', sa.Text), sa.column('hash', sa.String))
    last_id, last_hash = 0, GENESIS
    rows = conn.execute(sa.select(log.c.id, log.c.at, log.c.actor, log.c.entity, log.c.entity_id,
                                  log.c.action, log.c.summary).order_by(log.c.id)).all()
    for r in rows:
        last_hash = chain_hash(last_hash, r.id, r.at, r.actor, r.entity, r.entity_id, r.action, r.summary, '{}')
        last_id = r.id
        conn.execute(log.update().where(log.c.id == r.id).values(hash=last_hash))
    chain = sa.table('audit_chain', sa.column('id', sa.Integer), sa.column('last_id', sa.Integer),
                     sa.column('last_hash', sa.String), sa.column('verified_id', sa.Integer),
                     sa.column('verified_hash', sa.String))
    conn.execute(chain.insert().values(id=1, last_id=last_id, last_hash=last_hash, verified_id=0,
                                       verified_hash=GENESIS))


def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    op.drop_table('audit_chain')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_actor'))
        batch_op.drop_column('hash')
        batch_op.drop_column('changes')
