"""投诉举报 on the shared search index (number, target, category, facts; never the complainant)

Revision ID: 0021_complaint_search
Revises: 0020_supervision_records

No schema change: the documents of existing complaints are built here; from now on
every save keeps them in step (app.services.search.catalog.COMPLAINTS).
"""

import sqlalchemy as sa
from alembic import op

revision = '0021_complaint_search'
down_revision = '0020_supervision_records'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from app.services.search import index

    index.rebuild(op.get_bind(), "complaint")


def downgrade() -> None:
    from app.services.search import index

    conn = op.get_bind()
    ids = [r[0] for r in conn.execute(sa.text("SELECT record_id FROM search_doc WHERE kind = 'complaint'"))]
    index.remove(conn, "complaint", ids)
