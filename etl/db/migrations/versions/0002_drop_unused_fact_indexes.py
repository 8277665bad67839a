"""drop fact-table indexes that no query uses

The dashboard reads whole fact tables into Polars (etl/metrics/facts.py) and filters there, so the
indexes on dates, instance and channel served no query, while every bulk import paid to build or
update them (about 0.75 s per index per million lawsuits; see
docs/decisions/0002-fact-tables-read-whole.md). Kept: the unique business keys,
``batch_id`` (rollback), and every foreign key to a unit, township, region or subject area (the
unmatched-names queue and re-attribution select ``… IS NULL`` on them, rolling back a unit or
township import updates rows by them, and deleting a parent row looks its children up by them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:30:00
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

#: (table, index name, columns) of every index this revision drops.
DROPPED = (
    ('litigation_case', 'ix_litigation_case_instance', ['instance']),
    ('litigation_case', 'ix_litigation_case_filed_on', ['filed_on']),
    ('litigation_case', 'ix_litigation_case_hearing_on', ['hearing_on']),
    ('litigation_case', 'ix_litigation_case_closed_on', ['closed_on']),
    ('litigation_case', 'ix_litigation_instance_filed', ['instance', 'filed_on']),
    ('reconsideration_case', 'ix_reconsideration_case_received_on', ['received_on']),
    ('reconsideration_case', 'ix_reconsideration_case_decided_on', ['decided_on']),
    ('dispute_case', 'ix_dispute_case_channel', ['channel']),
    ('dispute_case', 'ix_dispute_case_received_on', ['received_on']),
    ('dispute_case', 'ix_dispute_case_concluded_on', ['concluded_on']),
    ('recommendation', 'ix_recommendation_due_on', ['due_on']),
    ('joint_task', 'ix_joint_task_deadline', ['deadline']),
)


def upgrade() -> None:
    for table, name, _columns in DROPPED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for table, name, columns in DROPPED:
        op.create_index(name, table, columns, unique=False)
