"""number sequences per kind; number patterns per kind

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 09:00:00

The request counter rows become kind 'request'; other kinds (letters,
notices, complaints, ...) get their own rows as they are first used.
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _retire(table: str) -> None:
    """Rename a table out of the way, with its primary key constraint (PostgreSQL names are per schema)."""
    op.rename_table(table, f'{table}_old')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f'ALTER TABLE {table}_old RENAME CONSTRAINT pk_{table} TO pk_{table}_old')


def upgrade() -> None:
    _retire('number_sequence')
    op.create_table('number_sequence',
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_number_sequence'))
    )
    op.execute("INSERT INTO number_sequence (kind, year, last) SELECT 'request', year, last FROM number_sequence_old")
    op.drop_table('number_sequence_old')
    op.create_table('number_pattern',
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('pattern', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('kind', name=op.f('pk_number_pattern'))
    )


def downgrade() -> None:
    op.drop_table('number_pattern')
    _retire('number_sequence')
    op.create_table('number_sequence',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_number_sequence'))
    )
    op.execute("INSERT INTO number_sequence (year, last) SELECT year, last FROM number_sequence_old WHERE kind = 'request'")
    op.drop_table('number_sequence_old')
