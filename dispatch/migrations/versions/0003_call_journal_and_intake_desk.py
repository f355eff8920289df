"""call journal and intake desk

`calls.intake_desk`: the desk whose engine wrote a call's ringing row, so
that the desk's next start closes the rows a crash left ringing.
`journal_applied`: the call events replayed from an engine's write journal,
so a replay that is interrupted and run again applies each event once.
The new call status `timed_out` needs no DDL (statuses are plain strings).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 15:10:00
"""
import sqlalchemy as sa
from alembic import op

from dispatch.models import UtcDateTime

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'journal_applied',
        sa.Column('sip_call_id', sa.String(length=255), nullable=False),
        sa.Column('event', sa.String(length=64), nullable=False),
        sa.Column('applied_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('sip_call_id', 'event', name=op.f('pk_journal_applied')),
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('intake_desk', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_column('intake_desk')
    op.drop_table('journal_applied')
