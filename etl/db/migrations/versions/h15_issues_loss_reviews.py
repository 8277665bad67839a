"""briefing issue numbers per year and the office's reviews of lost cases

``briefing_issue``: one row per numbered 工作简报 (期号 per calendar year of issue; a preview takes
none). ``loss_case_review``: the cause, rectification and accountability the office records for a
lost case, keyed by court and 案号 like the case, shown in the 败诉案件通报.

Revision ID: h15_issues_loss_reviews
Revises: h16_case_flags
Create Date: 2026-12-06 09:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = 'h15_issues_loss_reviews'  # alembic_version holds 32 characters at most
down_revision = 'h16_case_flags'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('briefing_issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('period', sa.String(length=64), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('briefing_issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_briefing_issue_year'), ['year'], unique=False)
    op.create_table('loss_case_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('court', sa.String(length=100), nullable=False),
    sa.Column('case_number', sa.String(length=64), nullable=False),
    sa.Column('cause_analysis', sa.Text(), nullable=True),
    sa.Column('rectification', sa.Text(), nullable=True),
    sa.Column('accountability', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('court', 'case_number', name='uq_loss_case_review_case')
    )


def downgrade() -> None:
    op.drop_table('loss_case_review')
    with op.batch_alter_table('briefing_issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_briefing_issue_year'))
    op.drop_table('briefing_issue')
