"""held values, the appearance field, courts and the office's vocabulary

- A value the vocabulary does not know is stored and held: the raw spelling is kept, the code stays
  null until the office maps it (docs/decisions/0011-held-values.md). Vocabulary columns that were
  NOT NULL become nullable, and the yes/no and type columns that had no raw spelling get one.
- ``litigation_case.head_appeared`` (yes/no) becomes ``appearance`` (正职 / 副职 / 负责人 / 委托代理人 /
  未出庭) with its raw spelling: whether a deputy counts is an indicator definition, not data.
  Existing yes → ``head`` (a 负责人, rank not recorded), no → ``absent``.
- The conference's own ledgers hold values too: ``meeting.kind``, ``key_case.status`` and
  ``supervision_case.kind`` become nullable (their raw spellings are already kept).
- Liaison hearing reports (``liaison_report.appearance``) take the same codes: head → principal,
  agent → agent_only.
- ``import_batch.held`` counts a batch's held rows; ``court`` lists courts by their 案号 code;
  ``vocabulary_entry`` holds the office's own header synonyms and value spellings.

Revision ID: h14_held_values_and_vocabulary
Revises: h21_session_epoch
Create Date: 2026-12-02 10:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = 'h14_held_values_and_vocabulary'
down_revision = 'h21_session_epoch'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'court',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('code', sa.String(length=20), nullable=True),
        sa.Column('level', sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'vocabulary_entry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('section', sa.String(length=16), nullable=False),
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('spelling', sa.String(length=100), nullable=False),
        sa.Column('written', sa.String(length=100), nullable=False),
        sa.Column('target', sa.String(length=64), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('section', 'name', 'spelling', name='uq_vocabulary_entry'),
    )
    with op.batch_alter_table('import_batch') as batch:
        batch.add_column(sa.Column('held', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('litigation_case') as batch:
        batch.add_column(sa.Column('appearance_raw', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('appearance', sa.String(length=16), nullable=True))
    op.execute("UPDATE litigation_case SET appearance = CASE WHEN head_appeared THEN 'head' ELSE 'absent' END "
               "WHERE head_appeared IS NOT NULL")
    with op.batch_alter_table('litigation_case') as batch:
        batch.drop_column('head_appeared')
    # A liaison's hearing report speaks the same appearance vocabulary as the ledger.
    op.execute("UPDATE liaison_report SET appearance = 'principal' WHERE appearance = 'head'")
    op.execute("UPDATE liaison_report SET appearance = 'agent_only' WHERE appearance = 'agent'")
    with op.batch_alter_table('dispute_case') as batch:
        batch.alter_column('channel', existing_type=sa.String(length=32), nullable=True)
        batch.alter_column('result', existing_type=sa.String(length=16), nullable=True)
        batch.alter_column('is_major', existing_type=sa.Boolean(), nullable=True)
        batch.add_column(sa.Column('is_major_raw', sa.String(length=50), nullable=True))
    with op.batch_alter_table('recommendation') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=16), nullable=True)
        batch.add_column(sa.Column('kind_raw', sa.String(length=50), nullable=True))
        batch.add_column(sa.Column('rectified_raw', sa.String(length=50), nullable=True))
    with op.batch_alter_table('joint_task') as batch:
        batch.alter_column('status', existing_type=sa.String(length=16), nullable=True)
    with op.batch_alter_table('meeting') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=16), nullable=True)
    with op.batch_alter_table('key_case') as batch:
        batch.alter_column('status', existing_type=sa.String(length=16), nullable=True)
    with op.batch_alter_table('supervision_case') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=32), nullable=True)


def downgrade() -> None:
    # Held rows have no code to restore into the NOT NULL columns: they take the shipped default.
    op.execute("UPDATE dispute_case SET channel = 'coordination' WHERE channel IS NULL")
    op.execute("UPDATE dispute_case SET result = 'in_progress' WHERE result IS NULL")
    op.execute("UPDATE dispute_case SET is_major = FALSE WHERE is_major IS NULL")
    op.execute("UPDATE recommendation SET kind = 'judicial' WHERE kind IS NULL")
    op.execute("UPDATE joint_task SET status = 'open' WHERE status IS NULL")
    op.execute("UPDATE meeting SET kind = 'joint' WHERE kind IS NULL")
    op.execute("UPDATE key_case SET status = 'open' WHERE status IS NULL")
    op.execute("UPDATE supervision_case SET kind = 'litigation' WHERE kind IS NULL")
    with op.batch_alter_table('supervision_case') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=32), nullable=False)
    with op.batch_alter_table('key_case') as batch:
        batch.alter_column('status', existing_type=sa.String(length=16), nullable=False)
    with op.batch_alter_table('meeting') as batch:
        batch.alter_column('kind', existing_type=sa.String(length=16), nullable=False)
    with op.batch_alter_table('joint_task') as batch:
        batch.alter_column('status', existing_type=sa.String(length=16), nullable=False)
    with op.batch_alter_table('recommendation') as batch:
        batch.drop_column('rectified_raw')
        batch.drop_column('kind_raw')
        batch.alter_column('kind', existing_type=sa.String(length=16), nullable=False)
    with op.batch_alter_table('dispute_case') as batch:
        batch.drop_column('is_major_raw')
        batch.alter_column('is_major', existing_type=sa.Boolean(), nullable=False)
        batch.alter_column('result', existing_type=sa.String(length=16), nullable=False)
        batch.alter_column('channel', existing_type=sa.String(length=32), nullable=False)
    op.execute("UPDATE liaison_report SET appearance = 'head' WHERE appearance = 'principal'")
    op.execute("UPDATE liaison_report SET appearance = 'agent' WHERE appearance = 'agent_only'")
    with op.batch_alter_table('litigation_case') as batch:
        batch.add_column(sa.Column('head_appeared', sa.Boolean(), nullable=True))
    op.execute("UPDATE litigation_case SET head_appeared = appearance IN ('principal', 'deputy', 'head') "
               "WHERE appearance IS NOT NULL")
    with op.batch_alter_table('litigation_case') as batch:
        batch.drop_column('appearance')
        batch.drop_column('appearance_raw')
    with op.batch_alter_table('import_batch') as batch:
        batch.drop_column('held')
    op.drop_table('vocabulary_entry')
    op.drop_table('court')
