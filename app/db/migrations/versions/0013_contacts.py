"""首问负责登记 (first-responder log with referrals and 回访), its timeline, and the shared 整改 tracker;
the office's limits for a referral's result and a 差评's rectification

Revision ID: 0013_contacts
Revises: 0012_notice_search
Create Date: 2026-11-29 03:04:18.128408
"""

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = '0013_contacts'
down_revision = '0012_notice_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rectification_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=30), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('source_label', sa.String(length=100), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=60), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('verified_by', sa.String(length=60), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rectification_task'))
    )
    with op.batch_alter_table('rectification_task', schema=None) as batch_op:
        batch_op.create_index('ix_rectification_task_source', ['source_kind', 'source_id'], unique=False)
        batch_op.create_index('ix_rectification_task_state_due', ['state', 'due_date'], unique=False)

    op.create_table('contact_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('contact_at', sa.DateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('person', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=True),
    sa.Column('matter_name', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=10), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('responder_id', sa.Integer(), nullable=True),
    sa.Column('responder', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('referred_to', sa.String(length=100), nullable=False),
    sa.Column('referred_person', sa.String(length=60), nullable=False),
    sa.Column('referred_how', sa.String(length=200), nullable=False),
    sa.Column('accept_due', sa.Date(), nullable=True),
    sa.Column('result_due', sa.Date(), nullable=True),
    sa.Column('accepted_by', sa.String(length=60), nullable=False),
    sa.Column('accepted_at', app.db.base.UTCDateTime(), nullable=True),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('result_day', sa.Date(), nullable=True),
    sa.Column('followup_day', sa.Date(), nullable=True),
    sa.Column('followup_how', sa.String(length=10), nullable=False),
    sa.Column('rating', sa.String(length=10), nullable=False),
    sa.Column('followup_words', sa.Text(), nullable=False),
    sa.Column('followup2_day', sa.Date(), nullable=True),
    sa.Column('rating2', sa.String(length=10), nullable=False),
    sa.Column('followup2_words', sa.Text(), nullable=False),
    sa.Column('rectification_id', sa.Integer(), nullable=True),
    sa.Column('notice_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('closed_day', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_contact_entry_department_id_department'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], name=op.f('fk_contact_entry_matter_id_matter'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_contact_entry_notice_id_notice'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rectification_id'], ['rectification_task.id'], name=op.f('fk_contact_entry_rectification_id_rectification_task'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['info_request.id'], name=op.f('fk_contact_entry_request_id_info_request'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['responder_id'], ['app_user.id'], name=op.f('fk_contact_entry_responder_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_entry')),
    sa.UniqueConstraint('number', name=op.f('uq_contact_entry_number')),
    sa.UniqueConstraint('year', 'seq', name='uq_contact_entry_year_seq')
    )
    with op.batch_alter_table('contact_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_entry_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_day'), ['day'], unique=False)
        batch_op.create_index('ix_contact_entry_department_state', ['department_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_rating'), ['rating'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_responder'), ['responder'], unique=False)
        batch_op.create_index('ix_contact_entry_responder_state', ['responder_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_entry_state'), ['state'], unique=False)
        batch_op.create_index('ix_contact_entry_state_accept_due', ['state', 'accept_due'], unique=False)
        batch_op.create_index('ix_contact_entry_state_result_due', ['state', 'result_due'], unique=False)

    op.create_table('contact_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['contact_entry.id'], name=op.f('fk_contact_event_entry_id_contact_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_event'))
    )
    with op.batch_alter_table('contact_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_event_entry_id'), ['entry_id'], unique=False)

    # plain ADD COLUMN (no batch rebuild of a table others reference)
    op.add_column('agency_profile', sa.Column('contact_result_days', sa.Integer(), nullable=False,
                                              server_default='5'))
    op.add_column('agency_profile', sa.Column('rectification_days', sa.Integer(), nullable=False,
                                              server_default='15'))
    from app.services.search import index

    index.rebuild(op.get_bind(), "contact_entry")



def downgrade() -> None:
    conn = op.get_bind()
    from app.services.search import index

    ids = [r[0] for r in conn.execute(sa.text("SELECT record_id FROM search_doc WHERE kind = 'contact_entry'"))]
    index.remove(conn, "contact_entry", ids)
    op.execute('ALTER TABLE agency_profile DROP COLUMN rectification_days')
    op.execute('ALTER TABLE agency_profile DROP COLUMN contact_result_days')

    with op.batch_alter_table('contact_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_event_entry_id'))

    op.drop_table('contact_event')
    with op.batch_alter_table('contact_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_entry_state_result_due')
        batch_op.drop_index('ix_contact_entry_state_accept_due')
        batch_op.drop_index(batch_op.f('ix_contact_entry_state'))
        batch_op.drop_index('ix_contact_entry_responder_state')
        batch_op.drop_index(batch_op.f('ix_contact_entry_responder'))
        batch_op.drop_index(batch_op.f('ix_contact_entry_rating'))
        batch_op.drop_index(batch_op.f('ix_contact_entry_outcome'))
        batch_op.drop_index('ix_contact_entry_department_state')
        batch_op.drop_index(batch_op.f('ix_contact_entry_day'))
        batch_op.drop_index(batch_op.f('ix_contact_entry_category'))

    op.drop_table('contact_entry')
    with op.batch_alter_table('rectification_task', schema=None) as batch_op:
        batch_op.drop_index('ix_rectification_task_state_due')
        batch_op.drop_index('ix_rectification_task_source')

    op.drop_table('rectification_task')
