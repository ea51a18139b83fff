"""matters and notices searched through the shared index; notices keep their items as one line

Revision ID: 0012_notice_search
Revises: 0011_holiday_confirmed
Create Date: 2026-11-29 02:15:00

The tables of 0006 had their own search_key columns; search now goes through
search_doc (app.services.search) like every register, so those columns go and
the documents of existing matters and notices are built here.
"""

import sqlalchemy as sa
from alembic import op

revision = '0012_notice_search'
down_revision = '0011_holiday_confirmed'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+, PostgreSQL), not batch mode: a batch rebuild drops and
    # re-creates the table, which with foreign keys on cascades into notice_item (deleting the
    # items) or is refused for matter (referenced by notices).
    op.add_column('notice', sa.Column('missing', sa.Text(), nullable=False, server_default=''))
    op.execute('ALTER TABLE notice DROP COLUMN search_key')
    op.execute('ALTER TABLE matter DROP COLUMN search_key')
    conn = op.get_bind()
    conn.execute(sa.text(
        "UPDATE notice SET missing = COALESCE((SELECT " + (
            "string_agg(material_name || CASE WHEN problem = '缺少' THEN '' ELSE '（' || problem || '）' END, '；' "
            "ORDER BY position)" if conn.dialect.name == 'postgresql' else
            "group_concat(material_name || CASE WHEN problem = '缺少' THEN '' ELSE '（' || problem || '）' END, '；')")
        + " FROM notice_item WHERE notice_item.notice_id = notice.id), '')"))
    from app.services.search import index

    index.rebuild(conn, "matter")
    index.rebuild(conn, "notice")


def downgrade() -> None:
    from app.services.search import index

    conn = op.get_bind()
    for kind in ('matter', 'notice'):
        ids = [r[0] for r in conn.execute(sa.text("SELECT record_id FROM search_doc WHERE kind = :k"), {"k": kind})]
        index.remove(conn, kind, ids)
    op.add_column('matter', sa.Column('search_key', sa.String(length=400), nullable=False, server_default=''))
    op.add_column('notice', sa.Column('search_key', sa.Text(), nullable=False, server_default=''))
    op.execute('ALTER TABLE notice DROP COLUMN missing')
