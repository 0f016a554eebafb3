"""the office's bounds for proof deadlines and final checks

Every youth office gets the longest span a deadline may reach ahead (default three months) and the
months after the end of an income year before its final check may start (default three: the tax
assessment can exist by then). The settings stay consistent: an office whose deadlines in days are
longer than three months can reach gets a span of four months, and one whose yearly final check
runs before April waits only until that month.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# The fewest days three calendar months can have (February to April of a common year).
SHORTEST_THREE_MONTHS = 89


def upgrade() -> None:
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline_max_months', sa.Integer(), nullable=False, server_default='3'))
        batch_op.add_column(sa.Column('final_check_after_months', sa.Integer(), nullable=False,
                                      server_default='3'))
    op.execute("UPDATE youth_office SET deadline_max_months = 4 WHERE "
               f"declaration_days > {SHORTEST_THREE_MONTHS} OR reminder_days > {SHORTEST_THREE_MONTHS} "
               f"OR documents_days > {SHORTEST_THREE_MONTHS}")
    op.execute("UPDATE youth_office SET final_check_after_months = final_check_month - 1 WHERE final_check_month < 4")
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        for column in ('deadline_max_months', 'final_check_after_months'):
            batch_op.alter_column(column, server_default=None)
        batch_op.create_check_constraint('deadline_max_months', 'deadline_max_months BETWEEN 1 AND 12')
        batch_op.create_check_constraint('final_check_after_months', 'final_check_after_months BETWEEN 0 AND 11')


def downgrade() -> None:
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        for name in ('deadline_max_months', 'final_check_after_months'):
            batch_op.drop_constraint(batch_op.f(f'ck_youth_office_{name}'), type_='check')
        batch_op.drop_column('final_check_after_months')
        batch_op.drop_column('deadline_max_months')
