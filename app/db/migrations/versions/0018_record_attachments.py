"""Attachments for any record type (complaint evidence, check and meeting scans), with SHA-256

Revision ID: 0018_record_attachments
Revises: 0017_contact_time_index
"""

import sqlalchemy as sa
from alembic import op

from app.db.base import UTCDateTime

revision = '0018_record_attachments'
down_revision = '0017_contact_time_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'record_attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('record_type', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('added_by', sa.String(length=100), nullable=False),
        sa.Column('added_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_record_attachment')),
    )
    op.create_index('ix_record_attachment_record', 'record_attachment', ['record_type', 'record_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_record_attachment_record', table_name='record_attachment')
    op.drop_table('record_attachment')
