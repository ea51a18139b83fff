"""corrections as evidence, the sign-off (签批) queue, outdated issued letters

Revision ID: 0005_counter
Revises: 0004
Create Date: 2026-11-29 02:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005_counter'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('record_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=30), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=60), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('consequences', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_correction'))
    )
    with op.batch_alter_table('record_correction', schema=None) as batch_op:
        batch_op.create_index('ix_record_correction_record', ['record_type', 'record_id'], unique=False)

    op.create_table('signoff_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('record_label', sa.String(length=100), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('submitted_by', sa.String(length=100), nullable=False),
    sa.Column('submitter_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_day', sa.Date(), nullable=False),
    sa.Column('decided_by', sa.String(length=100), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_day', sa.Date(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('acknowledged', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signoff_item'))
    )
    with op.batch_alter_table('signoff_item', schema=None) as batch_op:
        batch_op.create_index('ix_signoff_item_kind_record', ['kind', 'record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signoff_item_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_signoff_item_submitter_id'), ['submitter_id'], unique=False)

    with op.batch_alter_table('issued_letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outdated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outdated_reason', sa.Text(), nullable=False, server_default=sa.text("''")))


def downgrade() -> None:
    with op.batch_alter_table('issued_letter', schema=None) as batch_op:
        batch_op.drop_column('outdated_reason')
        batch_op.drop_column('outdated_at')

    with op.batch_alter_table('signoff_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signoff_item_submitter_id'))
        batch_op.drop_index(batch_op.f('ix_signoff_item_state'))
        batch_op.drop_index('ix_signoff_item_kind_record')

    op.drop_table('signoff_item')
    with op.batch_alter_table('record_correction', schema=None) as batch_op:
        batch_op.drop_index('ix_record_correction_record')

    op.drop_table('record_correction')
