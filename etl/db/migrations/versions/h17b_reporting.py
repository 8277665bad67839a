"""liaison reports (填报), their evidence files and the office's reminders (催报)

Reports live beside the ledgers, keyed by the ledger row's business key (court + 案号, 编号, 文号), so a
rollback or re-import of a ledger never loses them; evidence files are stored in the database under
generated ids (docs/decisions/0013-liaison-reports-beside-the-ledger.md).

Revision ID: h17b_reporting
Revises: h17a_joint_conference
"""
import sqlalchemy as sa
from alembic import op

revision = 'h17b_reporting'
down_revision = 'h17a_joint_conference'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('liaison_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('court', sa.String(length=100), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('appearance', sa.String(length=16), nullable=True),
    sa.Column('appeared_name', sa.String(length=100), nullable=True),
    sa.Column('reported_by', sa.String(length=64), nullable=True),
    sa.Column('reported_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.Column('resolved_ledger', sa.JSON(), nullable=True),
    sa.Column('resolved_by', sa.String(length=64), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['township_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject', 'court', 'reference', name='uq_liaison_report_row')
    )
    with op.batch_alter_table('liaison_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_liaison_report_township_id'), ['township_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_liaison_report_unit_id'), ['unit_id'], unique=False)

    op.create_table('evidence_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['liaison_report.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_report_id'), ['report_id'], unique=False)

    op.create_table('report_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('sent_by', sa.String(length=64), nullable=True),
    sa.Column('sent_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=64), nullable=True),
    sa.Column('closed_reason', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['township_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_reminder_township_id'), ['township_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_reminder_unit_id'), ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_table('report_reminder')
    op.drop_table('evidence_file')
    op.drop_table('liaison_report')
