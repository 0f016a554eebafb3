"""the months a declared benefit covers

A declaration with a benefit (Bürgergeld, Wohngeld …) gets the months its benefit notice covers:
``benefit_from`` and ``benefit_until``, each the first day of its month; no end means "bis auf
Weiteres". Declarations stored before keep both empty, which stands for every month, as before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declaration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('benefit_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('benefit_until', sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f('ck_declaration_benefit_period'),
            "(benefit_from IS NULL AND benefit_until IS NULL) OR (benefit IS NOT NULL AND benefit <> 'none')")
        batch_op.create_check_constraint(
            batch_op.f('ck_declaration_benefit_until'),
            'benefit_until IS NULL OR (benefit_from IS NOT NULL AND benefit_until >= benefit_from)')


def downgrade() -> None:
    with op.batch_alter_table('declaration', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_declaration_benefit_until'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_declaration_benefit_period'), type_='check')
        batch_op.drop_column('benefit_until')
        batch_op.drop_column('benefit_from')
