"""投诉举报 (complaints with an encrypted identity, the office key wraps, settings) and the 责任追究 ledger

Revision ID: 0015_complaints
Revises: 0014_annual_index
Create Date: 2026-11-29 03:20:27.027406
"""

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = '0015_complaints'
down_revision = '0014_annual_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accountability_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('preset', sa.String(length=40), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('person_points', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_step')),
    sa.UniqueConstraint('preset', 'ordinal', name='uq_accountability_step')
    )
    op.create_table('complaint_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('accept_days', sa.Integer(), nullable=False),
    sa.Column('result_days', sa.Integer(), nullable=False),
    sa.Column('extension_max_days', sa.Integer(), nullable=False),
    sa.Column('working_days', sa.Boolean(), nullable=False),
    sa.Column('near_due_days', sa.Integer(), nullable=False),
    sa.Column('ladder_preset', sa.String(length=40), nullable=False),
    sa.Column('section_points', sa.Integer(), nullable=False),
    sa.Column('head_points', sa.Integer(), nullable=False),
    sa.Column('viewer_ids', sa.String(length=400), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_settings'))
    )
    op.create_table('complaint_key_wrap',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('salt', sa.LargeBinary(), nullable=False),
    sa.Column('scrypt_n', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.LargeBinary(), nullable=False),
    sa.Column('wrapped', sa.LargeBinary(), nullable=False),
    sa.Column('granted_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_complaint_key_wrap_user_id_app_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_key_wrap')),
    sa.UniqueConstraint('user_id', name=op.f('uq_complaint_key_wrap_user_id'))
    )
    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('assigned_body', sa.String(length=100), nullable=False),
    sa.Column('assigned_due', sa.Date(), nullable=True),
    sa.Column('contact_entry_id', sa.Integer(), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('identity', sa.LargeBinary(), nullable=True),
    sa.Column('wants_reply', sa.Boolean(), nullable=False),
    sa.Column('reply_how', sa.String(length=10), nullable=False),
    sa.Column('target_user_id', sa.Integer(), nullable=True),
    sa.Column('target_person', sa.String(length=40), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('target_department', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('happened', sa.String(length=200), nullable=False),
    sa.Column('taken_by', sa.String(length=40), nullable=False),
    sa.Column('taken_place', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('decision_on', sa.Date(), nullable=True),
    sa.Column('other_body', sa.String(length=100), nullable=False),
    sa.Column('investigation', sa.String(length=20), nullable=False),
    sa.Column('approved_by', sa.String(length=60), nullable=False),
    sa.Column('finding', sa.String(length=10), nullable=False),
    sa.Column('finding_on', sa.Date(), nullable=True),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.Column('extension_days', sa.Integer(), nullable=False),
    sa.Column('extension_approved_by', sa.String(length=60), nullable=False),
    sa.Column('feedback_on', sa.Date(), nullable=True),
    sa.Column('feedback_how', sa.String(length=10), nullable=False),
    sa.Column('feedback_words', sa.Text(), nullable=False),
    sa.Column('feedback_response', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contact_entry_id'], ['contact_entry.id'], name=op.f('fk_complaint_contact_entry_id_contact_entry'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_complaint_department_id_department'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_user_id'], ['app_user.id'], name=op.f('fk_complaint_target_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    sa.UniqueConstraint('number', name=op.f('uq_complaint_number')),
    sa.UniqueConstraint('year', 'seq', name='uq_complaint_year_seq')
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index('ix_complaint_list', ['anonymous', 'received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_state'), ['state'], unique=False)
        batch_op.create_index('ix_complaint_state_due', ['state', 'due'], unique=False)

    op.create_table('accountability_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=True),
    sa.Column('person_user_id', sa.Integer(), nullable=True),
    sa.Column('person', sa.String(length=40), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('department', sa.String(length=100), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('person_points', sa.Integer(), nullable=False),
    sa.Column('section_points', sa.Integer(), nullable=False),
    sa.Column('head_points', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('confirmed_by', sa.String(length=60), nullable=False),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_accountability_record_complaint_id_complaint'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_accountability_record_department_id_department'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_user_id'], ['app_user.id'], name=op.f('fk_accountability_record_person_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_record'))
    )
    with op.batch_alter_table('accountability_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accountability_record_year'), ['year'], unique=False)
        batch_op.create_index('ix_accountability_year_person', ['year', 'person_user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('accountability_record', schema=None) as batch_op:
        batch_op.drop_index('ix_accountability_year_person')
        batch_op.drop_index(batch_op.f('ix_accountability_record_year'))

    op.drop_table('accountability_record')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index('ix_complaint_state_due')
        batch_op.drop_index(batch_op.f('ix_complaint_state'))
        batch_op.drop_index(batch_op.f('ix_complaint_received_on'))
        batch_op.drop_index('ix_complaint_list')

    op.drop_table('complaint')
    op.drop_table('complaint_key_wrap')
    op.drop_table('complaint_settings')
    op.drop_table('accountability_step')
