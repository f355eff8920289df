"""operators sign in, audit chain, private names

Operators get a password (scrypt hash), a failed sign-in count and a lock
time (`operators.password_hash`, `password_set_at`, `failed_sign_ins`,
`locked_until`); `safedesk login` keeps sessions by the token's hash
(`operator_sessions`). Each audit entry carries the previous entry's hash
and its own (`audit_entries.prev_hash`, `entry_hash`); rows written before
are chained here, in id order. `private_names` lists the names the
supervisor wants scrubbed from the air and exports.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:00:00
"""
import sqlalchemy as sa
from alembic import op

from dispatch.models import UtcDateTime

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column('password_set_at', UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('failed_sign_ins', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('locked_until', UtcDateTime(), nullable=True))
    op.create_table(
        'operator_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('operator_id', sa.Integer(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('expires_at', UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['operator_id'], ['operators.id'],
                                name=op.f('fk_operator_sessions_operator_id_operators')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_operator_sessions')),
        sa.UniqueConstraint('token_sha256', name=op.f('uq_operator_sessions_token_sha256')),
    )
    op.create_index(op.f('ix_operator_sessions_operator_id'), 'operator_sessions',
                    ['operator_id'], unique=False)
    op.create_table(
        'private_names',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('added_at', UtcDateTime(), nullable=False),
        sa.Column('added_by', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_private_names')),
        sa.UniqueConstraint('name', name=op.f('uq_private_names_name')),
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('entry_hash', sa.String(length=64), nullable=True))
    _chain_existing_audit()


def _chain_existing_audit() -> None:
    """Entries written before the chain existed are chained now, in id order."""
    from dispatch.audit import chain_rows  # the one definition of an entry's hash
    chain_rows(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_column('entry_hash')
        batch_op.drop_column('prev_hash')
    op.drop_table('private_names')
    op.drop_index(op.f('ix_operator_sessions_operator_id'), table_name='operator_sessions')
    op.drop_table('operator_sessions')
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_sign_ins')
        batch_op.drop_column('password_set_at')
        batch_op.drop_column('password_hash')
