"""matter catalogue (事项清单) with versions and 备案; one-time notices (一次性告知书)

Revision ID: 0006_notices
Revises: 0005_counter
Create Date: 2026-11-29 02:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006_notices'
down_revision = '0005_counter'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('matter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('search_key', sa.String(length=400), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter')),
    sa.UniqueConstraint('name', name=op.f('uq_matter_name'))
    )
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_retired'), ['retired'], unique=False)

    op.create_table('matter_filing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], name=op.f('fk_matter_filing_matter_id_matter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_filing'))
    )
    with op.batch_alter_table('matter_filing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_filing_matter_id'), ['matter_id'], unique=False)

    op.create_table('matter_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('implementing_body', sa.String(length=100), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('procedure', sa.Text(), nullable=False),
    sa.Column('fee_basis', sa.Text(), nullable=False),
    sa.Column('fee_standard', sa.Text(), nullable=False),
    sa.Column('statutory_days', sa.Integer(), nullable=False),
    sa.Column('promised_days', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('service_window', sa.String(length=100), nullable=False),
    sa.Column('hours', sa.String(length=200), nullable=False),
    sa.Column('enquiry_phone', sa.String(length=60), nullable=False),
    sa.Column('complaint_phone', sa.String(length=60), nullable=False),
    sa.Column('disclosure_content', sa.Text(), nullable=False),
    sa.Column('update_time', sa.String(length=200), nullable=False),
    sa.Column('disclosure_subject', sa.String(length=100), nullable=False),
    sa.Column('guarantee_unit', sa.String(length=100), nullable=False),
    sa.Column('disclosure_channel', sa.String(length=200), nullable=False),
    sa.Column('disclosure_column', sa.String(length=200), nullable=False),
    sa.Column('disclosure_basis', sa.Text(), nullable=False),
    sa.Column('audience', sa.String(length=100), nullable=False),
    sa.Column('disclosure_method', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], name=op.f('fk_matter_version_matter_id_matter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_version')),
    sa.UniqueConstraint('matter_id', 'version', name='uq_matter_version_matter_version')
    )
    with op.batch_alter_table('matter_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_version_matter_id'), ['matter_id'], unique=False)

    op.create_table('matter_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filing_id', sa.Integer(), nullable=False),
    sa.Column('element', sa.String(length=30), nullable=False),
    sa.Column('before', sa.Text(), nullable=False),
    sa.Column('after', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['filing_id'], ['matter_filing.id'], name=op.f('fk_matter_change_filing_id_matter_filing'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_change'))
    )
    with op.batch_alter_table('matter_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_change_filing_id'), ['filing_id'], unique=False)

    op.create_table('matter_material',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('original', sa.String(length=10), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('medium', sa.String(length=10), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('condition', sa.Text(), nullable=False),
    sa.Column('requirement', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['matter_version.id'], name=op.f('fk_matter_material_version_id_matter_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matter_material'))
    )
    with op.batch_alter_table('matter_material', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_material_version_id'), ['version_id'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('notice_date', sa.Date(), nullable=False),
    sa.Column('applicant_name', sa.String(length=100), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('person_key', sa.String(length=160), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('matter_version_id', sa.Integer(), nullable=False),
    sa.Column('matter_name', sa.String(length=100), nullable=False),
    sa.Column('matter_version', sa.Integer(), nullable=False),
    sa.Column('clerk', sa.String(length=100), nullable=False),
    sa.Column('clerk_label', sa.String(length=100), nullable=False),
    sa.Column('clerk_phone', sa.String(length=60), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], name=op.f('fk_notice_matter_id_matter')),
    sa.ForeignKeyConstraint(['matter_version_id'], ['matter_version.id'], name=op.f('fk_notice_matter_version_id_matter_version')),
    sa.ForeignKeyConstraint(['request_id'], ['info_request.id'], name=op.f('fk_notice_request_id_info_request'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')),
    sa.UniqueConstraint('number', name=op.f('uq_notice_number')),
    sa.UniqueConstraint('year', 'seq', name='uq_notice_year_seq')
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_clerk'), ['clerk'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_matter_id'), ['matter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_notice_date'), ['notice_date'], unique=False)
        batch_op.create_index('ix_notice_person_matter', ['person_key', 'matter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_year'), ['year'], unique=False)

    op.create_table('notice_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('material_id', sa.Integer(), nullable=True),
    sa.Column('material_name', sa.String(length=200), nullable=False),
    sa.Column('problem', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requirement', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['material_id'], ['matter_material.id'], name=op.f('fk_notice_item_material_id_matter_material'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_notice_item_notice_id_notice'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_item'))
    )
    with op.batch_alter_table('notice_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_item_material_name'), ['material_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_item_notice_id'), ['notice_id'], unique=False)


def downgrade() -> None:
    op.drop_table('notice_item')
    op.drop_table('notice')
    op.drop_table('matter_material')
    op.drop_table('matter_change')
    op.drop_table('matter_version')
    op.drop_table('matter_filing')
    op.drop_table('matter')
