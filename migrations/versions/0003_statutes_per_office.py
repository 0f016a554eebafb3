"""statutes imported and scheduled per office

Imported statute files get a table; the single ``youth_office.statute_id`` becomes a schedule
(``office_statute``): which statute an office applies from which date.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 12:41:53.841129
"""
from datetime import UTC, date, datetime

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Where an office's one statute starts in the schedule. Before this revision the app could load only the
# shipped statute files, of which kreis-guetersloh-2024 (in force from 1 August 2024, the seed's statute) was
# the only one; the sample ids are listed with their own dates in case an installation used them. Any other id
# starts on the same safe date: the schedule only picks a statute for months its own validity covers.
KNOWN_VALID_FROM = {
    'kreis-guetersloh-2024': date(2024, 8, 1),
    'koeln-2025': date(2025, 8, 1),
    'ennigerloh-ogs-2024': date(2024, 8, 1),
}
SAFE_VALID_FROM = date(2024, 8, 1)
FALLBACK_STATUTE = 'kreis-guetersloh-2024'

youth_office = sa.table('youth_office', sa.column('id', sa.Integer), sa.column('statute_id', sa.String))
office_statute = sa.table(
    'office_statute', sa.column('office_id', sa.Integer), sa.column('statute_id', sa.String),
    sa.column('valid_from', sa.Date), sa.column('created_at', sa.DateTime(timezone=True)),
    sa.column('created_by_id', sa.Integer),
)


def upgrade() -> None:
    op.create_table('office_statute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('statute_id', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_office_statute_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['office_id'], ['youth_office.id'], name=op.f('fk_office_statute_office_id_youth_office')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_statute')),
    sa.UniqueConstraint('office_id', 'statute_id', 'valid_from', name=op.f('uq_office_statute_office_id'))
    )
    with op.batch_alter_table('office_statute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_office_statute_office_id'), ['office_id'], unique=False)

    op.create_table('statute_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statute_id', sa.String(length=100), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['imported_by_id'], ['app_user.id'], name=op.f('fk_statute_file_imported_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statute_file')),
    sa.UniqueConstraint('statute_id', name=op.f('uq_statute_file_statute_id'))
    )

    _schedule_each_offices_statute()
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.drop_column('statute_id')


def _schedule_each_offices_statute() -> None:
    """Copy every office's statute into the schedule, in force from its statute's first day."""
    connection = op.get_bind()
    offices = connection.execute(sa.select(youth_office.c.id, youth_office.c.statute_id)).all()
    now = datetime.now(UTC)
    rows = [{'office_id': office_id, 'statute_id': statute_id,
             'valid_from': KNOWN_VALID_FROM.get(statute_id, SAFE_VALID_FROM), 'created_at': now,
             'created_by_id': None}
            for office_id, statute_id in offices]
    if rows:
        op.bulk_insert(office_statute, rows)


def downgrade() -> None:
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('statute_id', sa.VARCHAR(length=100), nullable=True))
    # Back to one statute per office: the one the office applies last.
    newest = (sa.select(office_statute.c.statute_id)
              .where(office_statute.c.office_id == youth_office.c.id)
              .order_by(office_statute.c.valid_from.desc())
              .limit(1).scalar_subquery())
    op.execute(youth_office.update().values(statute_id=sa.func.coalesce(newest, FALLBACK_STATUTE)))
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.alter_column('statute_id', existing_type=sa.VARCHAR(length=100), nullable=False)

    op.drop_table('statute_file')
    with op.batch_alter_table('office_statute', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_statute_office_id'))

    op.drop_table('office_statute')
