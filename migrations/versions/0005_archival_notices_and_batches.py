"""archival notices and batches: facility notifications, office letterhead, notice batches

Documents may be addressed to a facility instead of a case (the facility's notification) and
belong to a batch; a notice is stored once per assessment. Assessments say why the highest fee
applies. Offices get the contact person of their letters and a logo.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:00:00
"""
from alembic import op
import sqlalchemy as sa

OLD_DOCUMENTS = ('invitation', 'fee_notice', 'amending_notice', 'reminder', 'proof_request')
NEW_DOCUMENTS = (*OLD_DOCUMENTS, 'facility_notice')
HIGHEST_REASONS = ('Einkommenserklärung nicht fristgerecht eingegangen', 'Nachweise nicht fristgerecht vorgelegt')


def _in(column, values):
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notice_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('assessment_kind', sa.String(length=20), nullable=True),
    sa.Column('dated', sa.Date(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('issued', sa.Integer(), nullable=False),
    sa.Column('print_file', sa.String(length=500), nullable=True),
    sa.Column('print_sha256', sa.String(length=64), nullable=True),
    sa.CheckConstraint("assessment_kind IS NULL OR assessment_kind IN ('provisional', 'final')",
                       name=op.f('ck_notice_batch_assessment_kind')),
    sa.ForeignKeyConstraint(['office_id'], ['youth_office.id'], name=op.f('fk_notice_batch_office_id_youth_office')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_batch'))
    )
    with op.batch_alter_table('notice_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_batch_office_id'), ['office_id'], unique=False)

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('highest_reason', sa.String(length=200), nullable=True))
    for reason in HIGHEST_REASONS:
        op.execute(sa.text("UPDATE assessment SET highest_reason = :reason WHERE income_basis LIKE :prefix")
                   .bindparams(reason=reason, prefix=f"Höchstbeitrag ({reason})%"))

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('facility_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('batch_id', sa.Integer(), nullable=True))
        batch_op.alter_column('case_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_document_facility_id'), ['facility_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_batch_id'), ['batch_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_document_assessment_id'), ['assessment_id'])
        batch_op.create_foreign_key(batch_op.f('fk_document_facility_id_facility'), 'facility', ['facility_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_document_batch_id_notice_batch'), 'notice_batch', ['batch_id'],
                                    ['id'])
        batch_op.drop_constraint(batch_op.f('ck_document_kind'), type_='check')
        batch_op.create_check_constraint('kind', _in('kind', NEW_DOCUMENTS))
        batch_op.create_check_constraint('addressed', 'case_id IS NOT NULL OR facility_id IS NOT NULL')

    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_person', sa.String(length=200), nullable=False,
                                      server_default='Team Elternbeiträge'))
        batch_op.add_column(sa.Column('logo', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.alter_column('contact_person', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.drop_column('logo')
        batch_op.drop_column('contact_person')

    op.execute("DELETE FROM document WHERE kind = 'facility_notice' OR case_id IS NULL")
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_document_addressed'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_document_kind'), type_='check')
        batch_op.create_check_constraint('kind', _in('kind', OLD_DOCUMENTS))
        batch_op.drop_constraint(batch_op.f('fk_document_batch_id_notice_batch'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_document_facility_id_facility'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_document_assessment_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_document_batch_id'))
        batch_op.drop_index(batch_op.f('ix_document_facility_id'))
        batch_op.alter_column('case_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('batch_id')
        batch_op.drop_column('facility_id')

    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('highest_reason')

    with op.batch_alter_table('notice_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_batch_office_id'))
    op.drop_table('notice_batch')
