"""annual report: 复议/诉讼 cases, 主动公开 figures, report drafts and archived versions, counting index

Revision ID: 0008_annual
Revises: 0007_audit
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_annual'
down_revision = '0007_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dispute_case',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('route', sa.String(length=10), nullable=False),
        sa.Column('case_number', sa.String(length=60), nullable=False),
        sa.Column('body', sa.String(length=100), nullable=False),
        sa.Column('filed_date', sa.Date(), nullable=False),
        sa.Column('result', sa.String(length=10), nullable=False),
        sa.Column('decided_date', sa.Date(), nullable=True),
        sa.Column('remarks', sa.Text(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['info_request.id'],
                                name=op.f('fk_dispute_case_request_id_info_request'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dispute_case')),
    )
    with op.batch_alter_table('dispute_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispute_case_filed_date'), ['filed_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_case_request_id'), ['request_id'], unique=False)
    op.create_table(
        'proactive_figures',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=True) for name in (
            'rules_made', 'rules_repealed', 'rules_current', 'norms_made', 'norms_repealed', 'norms_current',
            'licensing', 'penalty', 'enforcement', 'fees_yuan')],
        sa.Column('source_note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_proactive_figures')),
    )
    op.create_table(
        'annual_report_draft',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('overview', sa.Text(), nullable=False),
        sa.Column('problems', sa.Text(), nullable=False),
        sa.Column('other', sa.Text(), nullable=False),
        sa.Column('material_due', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_annual_report_draft')),
    )
    op.create_table(
        'annual_report_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('numbers', sa.Text(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
        sa.Column('docx', sa.LargeBinary(), nullable=False),
        sa.Column('docx_sha256', sa.String(length=64), nullable=False),
        sa.Column('xlsx', sa.LargeBinary(), nullable=False),
        sa.Column('xlsx_sha256', sa.String(length=64), nullable=False),
        sa.Column('finalised_by', sa.String(length=100), nullable=False),
        sa.Column('finalised_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_report_version')),
        sa.UniqueConstraint('year', 'version', name='uq_annual_report_version'),
    )
    with op.batch_alter_table('annual_report_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_report_version_year'), ['year'], unique=False)
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.create_index('ix_info_request_annual', ['applicant_type', 'received_date', 'reply_date',
                                                         'withdrawn_date', 'result_code', 'state'], unique=False)
        batch_op.create_index('ix_info_request_closing', ['reply_date', 'withdrawn_date', 'received_date',
                                                          'result_code', 'state'], unique=False)
        batch_op.create_index('ix_info_request_fee_paid', ['fee_paid_date', 'fee_amount'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.drop_index('ix_info_request_fee_paid')
        batch_op.drop_index('ix_info_request_closing')
        batch_op.drop_index('ix_info_request_annual')
    with op.batch_alter_table('annual_report_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_report_version_year'))
    op.drop_table('annual_report_version')
    op.drop_table('annual_report_draft')
    op.drop_table('proactive_figures')
    with op.batch_alter_table('dispute_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_case_request_id'))
        batch_op.drop_index(batch_op.f('ix_dispute_case_filed_date'))
    op.drop_table('dispute_case')
