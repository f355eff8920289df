"""service area

`service_areas`: the area the centre serves, a polygon of [lat, lon] points
loaded from the seed (dispatch/seed.py), which dispatch/service_area.py
uses to refuse a place typed with a slip (a lost minus sign, latitude and
longitude swapped). No backfill: a database without an area checks nothing
until a seed that declares one is loaded (`safedesk init --seed FILE`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'service_areas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=128), nullable=False),
        sa.Column('polygon', sa.JSON(), nullable=False),
        sa.Column('approximate', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service_areas')),
        sa.UniqueConstraint('name', name=op.f('uq_service_areas_name')),
    )


def downgrade() -> None:
    op.drop_table('service_areas')
