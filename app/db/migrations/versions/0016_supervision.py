"""一岗双责 督查: post assignments (责任分工), duty frequencies, duty completions

Revision ID: 0016_supervision
Revises: 0015_complaints
"""

import sqlalchemy as sa
from alembic import op

import app.db.base

revision = '0016_supervision'
down_revision = '0015_complaints'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('post_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post', sa.String(length=10), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'],
                            name=op.f('fk_post_assignment_department_id_department'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'],
                            name=op.f('fk_post_assignment_user_id_app_user'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_assignment'))
    )
    with op.batch_alter_table('post_assignment', schema=None) as batch_op:
        batch_op.create_index('ix_post_assignment_user', ['user_id', 'post'], unique=False)
    op.create_table('supervision_settings',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('check_months', sa.Integer(), nullable=False),
    sa.Column('meeting_months', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_settings'))
    )
    op.create_table('duty_completion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', app.db.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'],
                            name=op.f('fk_duty_completion_user_id_app_user'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_completion')),
    sa.UniqueConstraint('kind', 'user_id', 'period', name='uq_duty_completion')
    )


def downgrade() -> None:
    op.drop_table('duty_completion')
    op.drop_table('supervision_settings')
    with op.batch_alter_table('post_assignment', schema=None) as batch_op:
        batch_op.drop_index('ix_post_assignment_user')
    op.drop_table('post_assignment')
