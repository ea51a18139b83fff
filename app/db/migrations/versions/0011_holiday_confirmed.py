"""holiday years carry a confirmed flag

Revision ID: 0011_holiday_confirmed
Revises: 0010_letters_numbers
Create Date: 2026-11-29 03:00:00

A year entered with only some statutory holidays stays provisional (暂估) until an
administrator confirms it.  Years entered before this revision count as confirmed,
as they did.
"""

import sqlalchemy as sa
from alembic import op

revision = '0011_holiday_confirmed'
down_revision = '0010_letters_numbers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('holiday_year', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirmed', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('holiday_year', schema=None) as batch_op:
        batch_op.drop_column('confirmed')
