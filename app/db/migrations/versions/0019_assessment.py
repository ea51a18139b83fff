"""百分制考核: items per year, participating 科室, scores (tenths of a point), result notices

Revision ID: 0019_assessment
Revises: 0018_record_attachments
"""

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = '0019_assessment'
down_revision = '0018_record_attachments'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('rule', sa.Text(), nullable=False),
    sa.Column('figure_key', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_item'))
    )
    with op.batch_alter_table('assessment_item', schema=None) as batch_op:
        batch_op.create_index('ix_assessment_item_year', ['year', 'ordinal'], unique=False)
    op.create_table('assessment_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'],
                            name=op.f('fk_assessment_unit_department_id_department'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_unit')),
    sa.UniqueConstraint('year', 'department_id', name='uq_assessment_unit')
    )
    op.create_table('assessment_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('self_tenths', sa.Integer(), nullable=True),
    sa.Column('self_reason', sa.Text(), nullable=False),
    sa.Column('self_by', sa.String(length=100), nullable=False),
    sa.Column('score_tenths', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('scored_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'],
                            name=op.f('fk_assessment_score_department_id_department'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['item_id'], ['assessment_item.id'],
                            name=op.f('fk_assessment_score_item_id_assessment_item'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_score')),
    sa.UniqueConstraint('item_id', 'department_id', name='uq_assessment_score')
    )
    with op.batch_alter_table('assessment_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_score_department_id'), ['department_id'], unique=False)
    op.create_table('assessment_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('notified_on', sa.Date(), nullable=False),
    sa.Column('items_tenths', sa.Integer(), nullable=False),
    sa.Column('deduction_tenths', sa.Integer(), nullable=False),
    sa.Column('total_tenths', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=10), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('notified_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'],
                            name=op.f('fk_assessment_notice_department_id_department'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['rectification_task.id'],
                            name=op.f('fk_assessment_notice_task_id_rectification_task'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_notice')),
    sa.UniqueConstraint('year', 'department_id', name='uq_assessment_notice')
    )


def downgrade() -> None:
    op.drop_table('assessment_notice')
    with op.batch_alter_table('assessment_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_score_department_id'))
    op.drop_table('assessment_score')
    op.drop_table('assessment_unit')
    with op.batch_alter_table('assessment_item', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_item_year')
    op.drop_table('assessment_item')
