"""call types, caller blocks and the indexes the figures need

Every call gets a type (`calls.classification`: emergency, complaint,
information, prank, ghost, wrong_number) with who set it and when. A
supervisor may block a number for a while (`caller_blocks`). Incidents
record their kecamatan for the month's figures. The statistics group calls
by start time, type, line and caller, incidents by creation time and
kecamatan, assignments by dispatch time: indexes for each.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 21:50:00
"""
import sqlalchemy as sa
from alembic import op

from dispatch.models import UtcDateTime

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('classification', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('classified_at', UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column('classified_by', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_calls_started_at', ['started_at'], unique=False)
        batch_op.create_index('ix_calls_classification_started',
                              ['classification', 'started_at'], unique=False)
        batch_op.create_index('ix_calls_line_started', ['line_id', 'started_at'], unique=False)
        batch_op.create_index('ix_calls_caller_started', ['caller_number', 'started_at'],
                              unique=False)
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kecamatan', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_incidents_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_incidents_kecamatan_created', ['kecamatan', 'created_at'],
                              unique=False)
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index('ix_assignments_dispatched_at', ['dispatched_at'], unique=False)
    op.create_table(
        'caller_blocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=32), nullable=False),
        sa.Column('reason', sa.String(length=256), nullable=False),
        sa.Column('blocked_at', UtcDateTime(), nullable=False),
        sa.Column('blocked_until', UtcDateTime(), nullable=False),
        sa.Column('blocked_by', sa.String(length=64), nullable=False),
        sa.Column('lifted_at', UtcDateTime(), nullable=True),
        sa.Column('lifted_by', sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_caller_blocks')),
    )
    op.create_index(op.f('ix_caller_blocks_number'), 'caller_blocks', ['number'], unique=False)
    op.create_index(op.f('ix_caller_blocks_blocked_until'), 'caller_blocks', ['blocked_until'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_caller_blocks_blocked_until'), table_name='caller_blocks')
    op.drop_index(op.f('ix_caller_blocks_number'), table_name='caller_blocks')
    op.drop_table('caller_blocks')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index('ix_assignments_dispatched_at')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_kecamatan_created')
        batch_op.drop_index('ix_incidents_created_at')
        batch_op.drop_column('kecamatan')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index('ix_calls_caller_started')
        batch_op.drop_index('ix_calls_line_started')
        batch_op.drop_index('ix_calls_classification_started')
        batch_op.drop_index('ix_calls_started_at')
        batch_op.drop_column('classified_by')
        batch_op.drop_column('classified_at')
        batch_op.drop_column('classification')
