"""search documents and their text indexes (FTS5 trigram + short pieces on SQLite, pg_trgm on PostgreSQL)

Revision ID: 0009_search
Revises: 0008_annual
Create Date: 2026-11-29 02:20:00

Existing databases get every request's document built here (pinyin included),
so search works on the first start after the upgrade.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009_search'
down_revision = '0008_annual'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('search_doc',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_doc')),
    sa.UniqueConstraint('kind', 'record_id', name='uq_search_doc_kind_record')
    )
    from app.services.search import index

    conn = op.get_bind()
    index.create_index_tables(conn)
    index.forget(conn.engine)
    index.rebuild(conn, "info_request")


def downgrade() -> None:
    from app.services.search import index

    conn = op.get_bind()
    index.drop_index_tables(conn)
    index.forget(conn.engine)
    op.drop_table('search_doc')
