"""case flags: the office marks a lawsuit as 重大败诉 (an assessment event)

Keyed by court and 案号, not by the litigation row id, so a flag survives rolling back and re-importing
the court's ledger.

Revision ID: h16_case_flags
Revises: 0002
Create Date: 2026-12-06 07:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h16_case_flags'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'case_flag',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('court', sa.String(length=100), nullable=False),
        sa.Column('case_number', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=True),
        sa.Column('flagged_by', sa.String(length=64), nullable=True),
        sa.Column('flagged_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('court', 'case_number', 'kind', name='uq_case_flag'),
    )


def downgrade() -> None:
    op.drop_table('case_flag')
