"""incident place unknown and disposition

An incident may be saved before anyone knows where it is (a caller who
cannot say) and located later: `incidents.lat` and `incidents.lon` may be
empty. Closing or cancelling records a disposition (handled, referred,
false_alarm, duplicate, ...): `incidents.disposition`. Each timeline entry
carries its values (`incident_events.data`, JSON) besides its English text,
so the window says it in its own language without reading the English;
entries written before have none.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.alter_column('lat', existing_type=sa.Float(), nullable=True)
        batch_op.alter_column('lon', existing_type=sa.Float(), nullable=True)
        batch_op.add_column(sa.Column('disposition', sa.String(length=32), nullable=True))
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.drop_column('data')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_column('disposition')
        batch_op.alter_column('lon', existing_type=sa.Float(), nullable=False)
        batch_op.alter_column('lat', existing_type=sa.Float(), nullable=False)
