"""the clerk's corrections of declared income items

An income item keeps the parents' figure and gets the office's corrected one with its reason (both
empty until the clerk corrects it; the fee follows the corrected figure). Every correction is kept
in ``income_correction``: which item, the parents' figure, the figure before and after, why, by whom
and when.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:00:00
"""
from alembic import op
import sqlalchemy as sa

INCOME_KINDS = ('employment', 'self_employment', 'income_replacement', 'other')

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('income_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrected_amount', sa.Numeric(precision=12, scale=2), nullable=True))
        batch_op.add_column(sa.Column('correction_reason', sa.Text(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f('ck_income_item_corrected_amount'), 'corrected_amount IS NULL OR corrected_amount >= 0')
        batch_op.create_check_constraint(
            batch_op.f('ck_income_item_correction_reason'),
            '(corrected_amount IS NULL) = (correction_reason IS NULL)')
    op.create_table('income_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('declaration_id', sa.Integer(), nullable=False),
    sa.Column('person', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('declared', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('amount_before', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('amount_after', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint(f"kind IN ({', '.join(repr(kind) for kind in INCOME_KINDS)})",
                       name=op.f('ck_income_correction_kind')),
    sa.CheckConstraint('person IN (1, 2)', name=op.f('ck_income_correction_person')),
    sa.CheckConstraint('amount_before >= 0 AND amount_after >= 0', name=op.f('ck_income_correction_amounts')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'],
                            name=op.f('fk_income_correction_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['declaration_id'], ['declaration.id'],
                            name=op.f('fk_income_correction_declaration_id_declaration')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_income_correction'))
    )
    with op.batch_alter_table('income_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_income_correction_declaration_id'), ['declaration_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('income_correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_income_correction_declaration_id'))
    op.drop_table('income_correction')
    with op.batch_alter_table('income_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_income_item_correction_reason'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_income_item_corrected_amount'), type_='check')
        batch_op.drop_column('correction_reason')
        batch_op.drop_column('corrected_amount')
