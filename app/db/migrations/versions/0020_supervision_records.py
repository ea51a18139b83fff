"""季度督查记录 (with checklist items and a figures snapshot), 专题会议记录, the checklist template

Revision ID: 0020_supervision_records
Revises: 0019_assessment
"""

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = '0020_supervision_records'
down_revision = '0019_assessment'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('checklist_template_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('hint', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_template_item'))
    )
    op.create_table('supervision_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('areas', sa.String(length=400), nullable=False),
    sa.Column('department_ids', sa.String(length=200), nullable=False),
    sa.Column('check_date', sa.Date(), nullable=False),
    sa.Column('checker', sa.String(length=60), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.Column('figures_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['holder_id'], ['app_user.id'],
                            name=op.f('fk_supervision_check_holder_id_app_user'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_check')),
    sa.UniqueConstraint('holder_id', 'period', name='uq_supervision_check_holder_period')
    )
    op.create_table('supervision_check_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('result', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['supervision_check.id'],
                            name=op.f('fk_supervision_check_item_check_id_supervision_check'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_check_item'))
    )
    with op.batch_alter_table('supervision_check_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_check_item_check_id'), ['check_id'], unique=False)
    op.create_table('supervision_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('chair', sa.String(length=60), nullable=False),
    sa.Column('attendees', sa.Text(), nullable=False),
    sa.Column('reports_heard', sa.Text(), nullable=False),
    sa.Column('issues', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['holder_id'], ['app_user.id'],
                            name=op.f('fk_supervision_meeting_holder_id_app_user'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_meeting')),
    sa.UniqueConstraint('holder_id', 'period', name='uq_supervision_meeting_holder_period')
    )


def downgrade() -> None:
    op.drop_table('supervision_meeting')
    with op.batch_alter_table('supervision_check_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_check_item_check_id'))
    op.drop_table('supervision_check_item')
    op.drop_table('supervision_check')
    op.drop_table('checklist_template_item')
