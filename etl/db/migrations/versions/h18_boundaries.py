"""boundaries: township and county outlines, simplified for display, imported like any batch

Revision ID: h18_boundaries
Revises: h15_issues_loss_reviews
Create Date: 2026-12-08 07:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h18_boundaries'
down_revision = "h15_issues_loss_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'boundary',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('name_raw', sa.String(length=100), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=True),
        sa.Column('crs', sa.String(length=16), nullable=False),
        sa.Column('geometry', sa.Text(), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=255), nullable=True),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.Column('source_row', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['region_id'], ['region.id']),
        sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('level', 'name_raw', name='uq_boundary_level_name'),
    )
    op.create_index('ix_boundary_region_id', 'boundary', ['region_id'])
    op.create_index('ix_boundary_batch_id', 'boundary', ['batch_id'])


def downgrade() -> None:
    op.drop_index('ix_boundary_batch_id', table_name='boundary')
    op.drop_index('ix_boundary_region_id', table_name='boundary')
    op.drop_table('boundary')
