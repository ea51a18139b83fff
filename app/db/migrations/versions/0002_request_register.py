"""request register

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 08:37:20.753964
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('info_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=False),
    sa.Column('applicant_type', sa.String(length=10), nullable=False),
    sa.Column('applicant_name', sa.String(length=100), nullable=False),
    sa.Column('id_type', sa.String(length=20), nullable=False),
    sa.Column('id_number', sa.String(length=40), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('email', sa.String(length=100), nullable=False),
    sa.Column('contact_person', sa.String(length=40), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('delivery_form', sa.String(length=10), nullable=False),
    sa.Column('oral', sa.Boolean(), nullable=False),
    sa.Column('filled_by', sa.String(length=40), nullable=False),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('clock_start', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('due_provisional', sa.Boolean(), nullable=False),
    sa.Column('handler', sa.String(length=60), nullable=False),
    sa.Column('correction_date', sa.Date(), nullable=True),
    sa.Column('correction_items', sa.Text(), nullable=False),
    sa.Column('correction_deadline', sa.Date(), nullable=True),
    sa.Column('correction_received', sa.Date(), nullable=True),
    sa.Column('extension_days', sa.Integer(), nullable=False),
    sa.Column('extension_date', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=False),
    sa.Column('extension_approver', sa.String(length=60), nullable=False),
    sa.Column('fee_method', sa.String(length=10), nullable=False),
    sa.Column('fee_quantity', sa.Integer(), nullable=False),
    sa.Column('fee_amount', sa.Integer(), nullable=False),
    sa.Column('fee_breakdown', sa.Text(), nullable=False),
    sa.Column('fee_notice_date', sa.Date(), nullable=True),
    sa.Column('fee_deadline', sa.Date(), nullable=True),
    sa.Column('fee_paid_date', sa.Date(), nullable=True),
    sa.Column('result_code', sa.String(length=5), nullable=False),
    sa.Column('article', sa.String(length=60), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('withheld', sa.Text(), nullable=False),
    sa.Column('responsible_agency', sa.String(length=100), nullable=False),
    sa.Column('responsible_contact', sa.String(length=100), nullable=False),
    sa.Column('provided_docs', sa.Text(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('reply_date', sa.Date(), nullable=True),
    sa.Column('signed_off_by', sa.String(length=60), nullable=False),
    sa.Column('on_time', sa.Boolean(), nullable=True),
    sa.Column('service_method', sa.String(length=10), nullable=False),
    sa.Column('delivered_date', sa.Date(), nullable=True),
    sa.Column('receiver', sa.String(length=60), nullable=False),
    sa.Column('tracking_number', sa.String(length=40), nullable=False),
    sa.Column('withdrawn_date', sa.Date(), nullable=True),
    sa.Column('archived_date', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_info_request')),
    sa.UniqueConstraint('number', name=op.f('uq_info_request_number')),
    sa.UniqueConstraint('year', 'seq', name='uq_info_request_year_seq')
    )
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_info_request_applicant_type'), ['applicant_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_received_date'), ['received_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_reply_date'), ['reply_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_result_code'), ['result_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_state'), ['state'], unique=False)
        batch_op.create_index('ix_info_request_state_due', ['state', 'due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_search_key'), ['search_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_info_request_year'), ['year'], unique=False)

    op.create_table('number_sequence',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_number_sequence'))
    )
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['info_request.id'], name=op.f('fk_attachment_request_id_info_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_request_id'), ['request_id'], unique=False)

    op.create_table('consultation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('party', sa.String(length=100), nullable=False),
    sa.Column('sent_date', sa.Date(), nullable=False),
    sa.Column('reply_due', sa.Date(), nullable=False),
    sa.Column('reply_date', sa.Date(), nullable=True),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['info_request.id'], name=op.f('fk_consultation_request_id_info_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation'))
    )
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_request_id'), ['request_id'], unique=False)

    op.create_table('request_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['info_request.id'], name=op.f('fk_request_event_request_id_info_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_event'))
    )
    with op.batch_alter_table('request_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_event_request_id'), ['request_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('request_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_event_request_id'))

    op.drop_table('request_event')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_request_id'))

    op.drop_table('consultation')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_request_id'))

    op.drop_table('attachment')
    op.drop_table('number_sequence')
    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_info_request_year'))
        batch_op.drop_index('ix_info_request_state_due')
        batch_op.drop_index(batch_op.f('ix_info_request_search_key'))
        batch_op.drop_index(batch_op.f('ix_info_request_state'))
        batch_op.drop_index(batch_op.f('ix_info_request_result_code'))
        batch_op.drop_index(batch_op.f('ix_info_request_reply_date'))
        batch_op.drop_index(batch_op.f('ix_info_request_received_date'))
        batch_op.drop_index(batch_op.f('ix_info_request_id_number'))
        batch_op.drop_index(batch_op.f('ix_info_request_due_date'))
        batch_op.drop_index(batch_op.f('ix_info_request_applicant_type'))

    op.drop_table('info_request')

