"""operating many offices: the provider role, active flags, single-use links, the mail outbox, the audit record

Accounts, offices and facilities can be deactivated (``active``); the provider (the operator of the
installation) is a role without an office; ``account_link`` keeps the hashes of invitation and
password-reset links; ``outbox_message`` holds every e-mail until it is delivered; ``audit_entry``
records the administration's changes. Facilities get their state number and a contact.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 17:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('parent', 'clerk', 'admin', 'facility')"
NEW_ROLES = "role IN ('parent', 'clerk', 'admin', 'facility', 'provider')"
OLD_SCOPE = ("(role = 'parent' AND household_id IS NOT NULL) OR (role = 'facility' AND facility_id IS NOT NULL AND "
             "office_id IS NOT NULL) OR (role IN ('clerk', 'admin') AND office_id IS NOT NULL)")
NEW_SCOPE = OLD_SCOPE + (" OR (role = 'provider' AND office_id IS NULL AND facility_id IS NULL AND "
                         "household_id IS NULL)")
OLD_SCOPES = "scope IN ('login_address', 'login_device', 'register_address', 'register_code')"
NEW_SCOPES = ("scope IN ('login_address', 'login_device', 'register_address', 'register_code', 'reset_address', "
              "'reset_email')")
FACILITY_TEXTS = (('number', 30), ('contact_name', 200), ('contact_email', 254), ('contact_phone', 50))


def upgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.drop_constraint(batch_op.f('ck_app_user_role'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_app_user_role_scope'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_app_user_role'), NEW_ROLES)
        batch_op.create_check_constraint(batch_op.f('ck_app_user_role_scope'), NEW_SCOPE)
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.alter_column('active', server_default=None)
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_attempt_scope'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_attempt_scope'), NEW_SCOPES)
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.alter_column('active', server_default=None)
    with op.batch_alter_table('facility', schema=None) as batch_op:
        for name, length in FACILITY_TEXTS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('facility', schema=None) as batch_op:
        for name, _length in FACILITY_TEXTS:
            batch_op.alter_column(name, server_default=None)
        batch_op.alter_column('active', server_default=None)
    op.create_table(
        'account_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=20), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("purpose IN ('invitation', 'password_reset')", name=op.f('ck_account_link_purpose')),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_account_link_user_id_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_link')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_account_link_secret_hash')),
    )
    op.create_index(op.f('ix_account_link_user_id'), 'account_link', ['user_id'], unique=False)
    op.create_table(
        'outbox_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=200), nullable=False),
        sa.Column('office_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('to_address', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('text_body', sa.Text(), nullable=False),
        sa.Column('html_body', sa.Text(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('tries', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=500), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('due', 'sending', 'sent', 'failed')", name=op.f('ck_outbox_message_state')),
        sa.ForeignKeyConstraint(['office_id'], ['youth_office.id'],
                                name=op.f('fk_outbox_message_office_id_youth_office')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message')),
        sa.UniqueConstraint('message_id', name=op.f('uq_outbox_message_message_id')),
    )
    op.create_index(op.f('ix_outbox_message_office_id'), 'outbox_message', ['office_id'], unique=False)
    op.create_index('ix_outbox_message_state_due_at', 'outbox_message', ['state', 'due_at'], unique=False)
    op.create_table(
        'audit_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('office_id', sa.Integer(), nullable=True),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('subject', sa.String(length=20), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('before', sa.Text(), nullable=False),
        sa.Column('after', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_audit_entry_actor_id_app_user')),
        sa.ForeignKeyConstraint(['office_id'], ['youth_office.id'], name=op.f('fk_audit_entry_office_id_youth_office')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    )
    op.create_index('ix_audit_entry_office_id_at', 'audit_entry', ['office_id', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_entry_office_id_at', table_name='audit_entry')
    op.drop_table('audit_entry')
    op.drop_index('ix_outbox_message_state_due_at', table_name='outbox_message')
    op.drop_index(op.f('ix_outbox_message_office_id'), table_name='outbox_message')
    op.drop_table('outbox_message')
    op.drop_index(op.f('ix_account_link_user_id'), table_name='account_link')
    op.drop_table('account_link')
    op.execute("DELETE FROM app_user WHERE role = 'provider'")
    op.execute("DELETE FROM attempt WHERE scope IN ('reset_address', 'reset_email')")
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_attempt_scope'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_attempt_scope'), OLD_SCOPES)
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.drop_column('active')
        for name, _length in FACILITY_TEXTS:
            batch_op.drop_column(name)
    with op.batch_alter_table('youth_office', schema=None) as batch_op:
        batch_op.drop_column('active')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_app_user_role_scope'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_app_user_role'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_app_user_role_scope'), OLD_SCOPE)
        batch_op.create_check_constraint(batch_op.f('ck_app_user_role'), OLD_ROLES)
        batch_op.drop_column('active')
