"""annual report counts read one narrow index: applicant_type joins ix_info_request_closing,
ix_info_request_annual (a full scan per report) goes

Revision ID: 0014_annual_index
Revises: 0013_contacts
"""

from alembic import op

revision = '0014_annual_index'
down_revision = '0013_contacts'
branch_labels = None
depends_on = None

OLD = ['reply_date', 'withdrawn_date', 'received_date', 'result_code', 'state']


def upgrade() -> None:
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.drop_index('ix_info_request_annual')
        batch_op.drop_index('ix_info_request_closing')
        batch_op.create_index('ix_info_request_closing', [*OLD, 'applicant_type'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.drop_index('ix_info_request_closing')
        batch_op.create_index('ix_info_request_closing', OLD, unique=False)
        batch_op.create_index('ix_info_request_annual', ['applicant_type', 'received_date', 'reply_date',
                                                         'withdrawn_date', 'result_code', 'state'], unique=False)
