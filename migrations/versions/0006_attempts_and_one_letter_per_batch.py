"""attempts and one facility letter per batch

Failed sign-ins, registrations and access-code tries are counted in one table of attempts, keyed by
a keyed hash of the client's address, the code or the device (the old ``login_failure`` rows,
kept for a day only, are dropped). A batch writes one notification per facility: two runs that
resume the same batch at once cannot both store one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00
"""
from alembic import op
import sqlalchemy as sa

SCOPES = ('login_address', 'login_device', 'register_address', 'register_code')

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint(f"scope IN ({', '.join(repr(scope) for scope in SCOPES)})", name=op.f('ck_attempt_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt'))
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('ix_attempt_scope_key_at', ['scope', 'key', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempt_at'), ['at'], unique=False)
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failure_at'))
        batch_op.drop_index(batch_op.f('ix_login_failure_address'))
    op.drop_table('login_failure')
    _drop_second_facility_letters()
    op.create_index('uq_document_batch_facility_notice', 'document', ['batch_id', 'facility_id'], unique=True,
                    sqlite_where=sa.text("kind = 'facility_notice'"),
                    postgresql_where=sa.text("kind = 'facility_notice'"))


def _drop_second_facility_letters() -> None:
    """Keep the first notification of a facility per batch where an earlier race wrote two (same content)."""
    op.execute("DELETE FROM document WHERE kind = 'facility_notice' AND batch_id IS NOT NULL AND id NOT IN ("
               "SELECT MIN(id) FROM document WHERE kind = 'facility_notice' AND batch_id IS NOT NULL "
               "GROUP BY batch_id, facility_id)")


def downgrade() -> None:
    op.drop_index('uq_document_batch_facility_notice', table_name='document')
    op.create_table('login_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failure'))
    )
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failure_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_failure_at'), ['at'], unique=False)
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempt_at'))
        batch_op.drop_index('ix_attempt_scope_key_at')
    op.drop_table('attempt')
