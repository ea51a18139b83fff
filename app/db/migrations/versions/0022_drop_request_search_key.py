"""info_request.search_key and its index go: search reads search_doc (app.services.search) since 0009

Revision ID: 0022_drop_request_search_key
Revises: 0021_complaint_search

Nothing read the column any more, yet every save still computed it (pinyin of the
applicant) and kept a B-tree of 300-character keys in step: at 1,000,000 requests
hundreds of MB and a slower save, for no reader.
"""

import sqlalchemy as sa
from alembic import op

revision = '0022_drop_request_search_key'
down_revision = '0021_complaint_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+, PostgreSQL), not a batch rebuild: info_request is referenced by
    # foreign keys (letters, events, attachments…), which a table rebuild would cascade into.
    op.drop_index('ix_info_request_search_key', table_name='info_request')
    op.execute('ALTER TABLE info_request DROP COLUMN search_key')


def downgrade() -> None:
    # The column comes back empty: the older version never read it either (its search used search_doc).
    op.add_column('info_request', sa.Column('search_key', sa.Text(), nullable=False, server_default=''))
    op.create_index('ix_info_request_search_key', 'info_request', ['search_key'], unique=False)
