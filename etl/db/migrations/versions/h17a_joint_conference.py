"""meetings, key cases, supervision cases; tasks gain partner units and leader

The joint conference's own work gets ledgers of its own: the meeting register (its decisions are the
双清单 tasks that name the meeting or its 纪要文号), key cases handled in person by a unit's head
(一案一策), and the procuratorate's administrative supervision cases. Tasks keep their 配合单位 and
责任领导 as written. The tables follow the fact-table convention of 0002: unique business key,
``batch_id`` and foreign keys indexed, nothing else.

Revision ID: h17a_joint_conference
Revises: h18_boundaries
Create Date: 2026-12-06 07:48:13.800902
"""
import sqlalchemy as sa
from alembic import op

revision = 'h17a_joint_conference'
down_revision = 'h18_boundaries'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('key_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit_raw', sa.String(length=200), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('leader', sa.String(length=100), nullable=True),
    sa.Column('listed_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('progress', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_raw', sa.String(length=50), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('township_raw', sa.String(length=100), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('subject_area_raw', sa.String(length=100), nullable=True),
    sa.Column('subject_area_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], ),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['subject_area_id'], ['subject_area.id'], ),
    sa.ForeignKeyConstraint(['township_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference')
    )
    with op.batch_alter_table('key_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_case_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_case_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_case_subject_area_id'), ['subject_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_case_township_id'), ['township_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_key_case_unit_id'), ['unit_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('kind_raw', sa.String(length=50), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('minutes_no', sa.String(length=100), nullable=True),
    sa.Column('attendees', sa.Text(), nullable=True),
    sa.Column('host_raw', sa.String(length=200), nullable=True),
    sa.Column('host_unit_id', sa.Integer(), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('township_raw', sa.String(length=100), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('subject_area_raw', sa.String(length=100), nullable=True),
    sa.Column('subject_area_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], ),
    sa.ForeignKeyConstraint(['host_unit_id'], ['unit.id'], ),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['subject_area_id'], ['subject_area.id'], ),
    sa.ForeignKeyConstraint(['township_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_host_unit_id'), ['host_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_subject_area_id'), ['subject_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_township_id'), ['township_id'], unique=False)

    op.create_table('supervision_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('kind_raw', sa.String(length=50), nullable=True),
    sa.Column('supervised_raw', sa.String(length=200), nullable=True),
    sa.Column('supervised_unit_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('result', sa.String(length=32), nullable=True),
    sa.Column('result_raw', sa.String(length=100), nullable=True),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('township_raw', sa.String(length=100), nullable=True),
    sa.Column('township_id', sa.Integer(), nullable=True),
    sa.Column('subject_area_raw', sa.String(length=100), nullable=True),
    sa.Column('subject_area_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], ),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], ),
    sa.ForeignKeyConstraint(['subject_area_id'], ['subject_area.id'], ),
    sa.ForeignKeyConstraint(['supervised_unit_id'], ['unit.id'], ),
    sa.ForeignKeyConstraint(['township_id'], ['region.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference')
    )
    with op.batch_alter_table('supervision_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_case_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_case_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_case_subject_area_id'), ['subject_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_case_supervised_unit_id'), ['supervised_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_case_township_id'), ['township_id'], unique=False)

    with op.batch_alter_table('joint_task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_units', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('leader', sa.String(length=100), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('joint_task', schema=None) as batch_op:
        batch_op.drop_column('leader')
        batch_op.drop_column('partner_units')

    with op.batch_alter_table('supervision_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_case_township_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_case_supervised_unit_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_case_subject_area_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_case_region_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_case_batch_id'))

    op.drop_table('supervision_case')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_township_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_subject_area_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_region_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_host_unit_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_batch_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('key_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_case_unit_id'))
        batch_op.drop_index(batch_op.f('ix_key_case_township_id'))
        batch_op.drop_index(batch_op.f('ix_key_case_subject_area_id'))
        batch_op.drop_index(batch_op.f('ix_key_case_region_id'))
        batch_op.drop_index(batch_op.f('ix_key_case_batch_id'))

    op.drop_table('key_case')
