"""letters

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 08:51:40.477656
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('letter_template',
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('kind', name=op.f('pk_letter_template'))
    )
    op.create_table('issued_letter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('issued_by', sa.String(length=100), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['info_request.id'], name=op.f('fk_issued_letter_request_id_info_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_letter')),
    sa.UniqueConstraint('request_id', 'kind', 'version', name='uq_issued_letter_version')
    )
    with op.batch_alter_table('issued_letter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_letter_issued_at'), ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_letter_letter_date'), ['letter_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_letter_request_id'), ['request_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('issued_letter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_letter_request_id'))
        batch_op.drop_index(batch_op.f('ix_issued_letter_letter_date'))
        batch_op.drop_index(batch_op.f('ix_issued_letter_issued_at'))

    op.drop_table('issued_letter')
    op.drop_table('letter_template')

