"""文号 on 责任追究决定 and 考核结果通知, the 办理结果报告's 报送日期, indexes for the 补正/延期 figures

Revision ID: 0023_document_numbers
Revises: 0022_drop_request_search_key

- accountability_record.number, assessment_notice.number: the decision's / notice's 文号 from
  the numbering service, assigned when it is issued.  Existing rows keep "" — they were issued
  (and possibly delivered) without a number, and a reprint shows them as issued.
- complaint.report_on: the 报送日期 of the 办理结果报告, stored when it is first issued.
- info_request (correction_date, handler) and (extension_date, handler): the 督查 figures 补正 and
  延期答复 count a period's rows per 科室; without these every check scanned the whole table.

Plain ALTER TABLE / CREATE INDEX, not batch rebuilds: info_request and complaint are referenced
by foreign keys, which a table rebuild would cascade into.
"""

import sqlalchemy as sa
from alembic import op

revision = '0023_document_numbers'
down_revision = '0022_drop_request_search_key'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('accountability_record',
                  sa.Column('number', sa.String(length=60), nullable=False, server_default=''))
    op.add_column('assessment_notice',
                  sa.Column('number', sa.String(length=60), nullable=False, server_default=''))
    op.add_column('complaint', sa.Column('report_on', sa.Date(), nullable=True))
    op.create_index('ix_info_request_correction', 'info_request', ['correction_date', 'handler'], unique=False)
    op.create_index('ix_info_request_extension', 'info_request', ['extension_date', 'handler'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_info_request_extension', table_name='info_request')
    op.drop_index('ix_info_request_correction', table_name='info_request')
    op.execute('ALTER TABLE complaint DROP COLUMN report_on')
    op.execute('ALTER TABLE assessment_notice DROP COLUMN number')
    op.execute('ALTER TABLE accountability_record DROP COLUMN number')
