"""首问负责登记: index on the contact time, the log's default order (first screen and sorted search results)

Revision ID: 0017_contact_time_index
Revises: 0016_supervision
"""

from alembic import op

revision = '0017_contact_time_index'
down_revision = '0016_supervision'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_contact_entry_contact_at', 'contact_entry', ['contact_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_contact_entry_contact_at', table_name='contact_entry')
