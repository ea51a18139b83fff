"""letters: own 发文字号 per letter, per-consultation letters, 送达 of letters whose periods
run from receipt, the piece count of every request

Revision ID: 0010_letters_numbers
Revises: 0009_search
Create Date: 2026-11-29 03:00:00

Letters issued before this revision printed the request's number; their doc_number
stays NULL (the unique constraint allows any number of NULLs).
"""

import sqlalchemy as sa
from alembic import op

revision = '0010_letters_numbers'
down_revision = '0009_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('issued_letter', schema=None) as batch_op:
        batch_op.drop_constraint('uq_issued_letter_version', type_='unique')
        batch_op.add_column(sa.Column('doc_number', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('consultation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_issued_letter_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_unique_constraint('uq_issued_letter_doc_number', ['doc_number'])

    with op.batch_alter_table('info_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('correction_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('correction_delivered', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('correction_delivery_method', sa.String(length=10), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('fee_delivered', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fee_delivery_method', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('piece_count', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivered_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('delivery_method', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('disclose_party', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('disclose_party')
        batch_op.drop_column('delivery_method')
        batch_op.drop_column('delivered_date')

    with op.batch_alter_table('info_request', schema=None) as batch_op:
        for name in ('piece_count', 'fee_delivery_method', 'fee_delivered', 'correction_delivery_method',
                     'correction_delivered', 'correction_days'):
            batch_op.drop_column(name)

    with op.batch_alter_table('issued_letter', schema=None) as batch_op:
        batch_op.drop_constraint('uq_issued_letter_doc_number', type_='unique')
        batch_op.drop_index(batch_op.f('ix_issued_letter_consultation_id'))
        batch_op.drop_column('consultation_id')
        batch_op.drop_column('doc_number')
        batch_op.create_unique_constraint('uq_issued_letter_version', ['request_id', 'kind', 'version'])
