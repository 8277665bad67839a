"""The database schema: dimensions, facts, import batches, targets, accounts.

The whole domain (docs/domain.md) is modelled from the first migration because retrofitting a
region hierarchy or batch lineage onto filled tables is expensive
(docs/decisions/0001-schema-modelled-up-front.md). Vocabulary columns are
plain strings checked against the enums below, so SQLite and PostgreSQL behave alike.

Every fact row carries ``batch_id`` (the import that last wrote it) and keeps the raw spelling of every
name it was resolved from, so an unmatched name is never lost and can be re-attributed later.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    # Every model here is mapped to a plain Table, which has insert()/update()/delete(); SQLAlchemy's
    # stubs type __table__ as the wider FromClause, which has none of them.
    if TYPE_CHECKING:
        __table__: ClassVar[Table]


# --- vocabularies -------------------------------------------------------------------------------


class RegionLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"  # county, county-level city or district
    TOWNSHIP = "township"  # township, town or sub-district (乡/镇/街道)


class UnitType(StrEnum):
    AGENCY = "agency"  # a government department (县自然资源局 …)
    TOWNSHIP_GOV = "township_gov"  # a township/sub-district government as defendant
    GOVERNMENT = "government"  # the county government itself (县人民政府)
    COURT = "court"
    PROCURATORATE = "procuratorate"
    OTHER = "other"


class Instance(StrEnum):
    """审级, derived from the 案号 type code (行初 → first …)."""

    FIRST = "first"  # 一审 行初 / 行赔初
    SECOND = "second"  # 二审 行终 / 行赔终
    RETRIAL = "retrial"  # 再审 / 申请再审 行再 行申 行监 行抗
    NON_LITIGATION = "non_litigation"  # 非诉执行审查 行审 / 行审复
    OTHER = "other"  # 行他 and anything else


class DisputeChannel(StrEnum):
    PRE_LITIGATION_MEDIATION = "pre_litigation_mediation"  # 诉前调解
    PRE_ENFORCEMENT_SETTLEMENT = "pre_enforcement_settlement"  # 执前和解
    COORDINATION = "coordination"  # 府院联动协调 / 诉中协调
    RECONSIDERATION_MEDIATION = "reconsideration_mediation"  # 复议调解
    PROCURATORATE = "procuratorate"  # 检察机关参与化解


class DisputeResult(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    IN_PROGRESS = "in_progress"


class RecommendationKind(StrEnum):
    JUDICIAL = "judicial"  # 司法建议
    PROCURATORIAL = "procuratorial"  # 检察建议


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class MeetingKind(StrEnum):
    """Which joint conference a meeting belongs to."""

    COURT = "court"  # 府院联动
    PROCURATORATE = "procuratorate"  # 府检联动
    JOINT = "joint"  # 府院府检联合


class KeyCaseStatus(StrEnum):
    OPEN = "open"  # 化解中
    RESOLVED = "resolved"  # 已化解
    UNRESOLVED = "unresolved"  # 终结而未化解


class SupervisionKind(StrEnum):
    """The procuratorate's administrative supervision (行政检察) lines of work."""

    LITIGATION = "litigation"  # 行政诉讼监督
    NON_LITIGATION_ENFORCEMENT = "non_litigation_enforcement"  # 行政非诉执行监督
    ILLEGAL_CONDUCT = "illegal_conduct"  # 行政违法行为监督


class SupervisionResult(StrEnum):
    IN_PROGRESS = "in_progress"  # 在办
    RECOMMENDATION = "recommendation"  # 检察建议（含再审检察建议）
    PROTEST = "protest"  # 抗诉 / 提请抗诉
    NOT_SUPPORTED = "not_supported"  # 不支持监督申请
    TERMINATED = "terminated"  # 终结审查
    OTHER = "other"


class ScopeType(StrEnum):
    REGION = "region"
    UNIT = "unit"
    TOWNSHIP = "township"


class BatchStatus(StrEnum):
    ACTIVE = "active"
    ROLLED_BACK = "rolled_back"


class Role(StrEnum):
    ADMIN = "admin"
    LEADER = "leader"
    LIAISON = "liaison"


# --- dimensions ---------------------------------------------------------------------------------


class Region(Base):
    """A node of province → city → county → township; townships' names change, hence validity dates."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str | None] = mapped_column(String(50))
    level: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    code: Mapped[str | None] = mapped_column(String(12))  # administrative division code, e.g. 410928
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_region_parent_name"),)


class RegionAlias(Base):
    __tablename__ = "region_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), index=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (UniqueConstraint("region_id", "alias", name="uq_region_alias"),)


class Unit(Base):
    """An agency, township government, court or procuratorate of a region."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str | None] = mapped_column(String(50))
    unit_type: Mapped[str] = mapped_column(String(20), default=UnitType.AGENCY)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    # For a township government: the township it governs.
    township_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("region_id", "name", name="uq_unit_region_name"),)


class UnitAlias(Base):
    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), index=True)

    __table_args__ = (UniqueConstraint("unit_id", "alias", name="uq_unit_alias"),)


class SubjectArea(Base):
    """领域 / 案件类型."""

    __tablename__ = "subject_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SubjectAreaAlias(Base):
    __tablename__ = "subject_area_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_area_id: Mapped[int] = mapped_column(ForeignKey("subject_area.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(50), unique=True)


class Court(Base):
    """A court and its code in a 案号 (豫0926 a basic court, 豫09 its intermediate court, 豫 the high court).

    A court ledger often has no 审理法院 column: the importer then reads the code from each 案号 and
    names the court from this list, keeping the code itself when the court is not listed.
    """

    __tablename__ = "court"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    code: Mapped[str | None] = mapped_column(String(20), unique=True)
    level: Mapped[str | None] = mapped_column(String(16))  # 基层 / 中级 / 高级 / 专门, as written


# --- lineage ------------------------------------------------------------------------------------


class ImportBatch(Base):
    """One imported file (or one demo load): the unit of idempotence and rollback."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    held: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # rows stored with a value to confirm
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str | None] = mapped_column(String(100))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    status: Mapped[str] = mapped_column(String(16), default=BatchStatus.ACTIVE)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # rejected rows and skip reasons, for inspection


class BatchChange(Base):
    """What a batch did to one row, so a rollback can delete inserts and restore updated values."""

    __tablename__ = "batch_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(8))  # insert | update
    previous: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # column values before an update


class AppMeta(Base):
    """Key/value facts about the database: jurisdiction, demo flag, data version."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- facts --------------------------------------------------------------------------------------


class _FactColumns:
    """Columns shared by every fact table: lineage and the township the dispute arose in.

    Fact tables index only their business key, ``batch_id`` and their foreign keys (migration 0002):
    the dashboard reads them whole into Polars, and each further index slows every bulk import.
    """

    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    township_raw: Mapped[str | None] = mapped_column(String(100))
    township_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    subject_area_raw: Mapped[str | None] = mapped_column(String(100))
    subject_area_id: Mapped[int | None] = mapped_column(ForeignKey("subject_area.id"), index=True)
    source_row: Mapped[int | None] = mapped_column(Integer)  # row number in the original file


class LitigationCase(_FactColumns, Base):
    """An administrative lawsuit; one row per 案号 and court (an appeal has its own 案号)."""

    __tablename__ = "litigation_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)  # defendant's region
    court: Mapped[str] = mapped_column(String(100))
    case_number: Mapped[str] = mapped_column(String(64))  # normalised 案号
    case_number_raw: Mapped[str | None] = mapped_column(String(100))
    case_year: Mapped[int | None] = mapped_column(Integer)
    type_code: Mapped[str | None] = mapped_column(String(8))  # 行初, 行终 …
    instance: Mapped[str] = mapped_column(String(16))
    plaintiff: Mapped[str | None] = mapped_column(String(200))
    cause: Mapped[str | None] = mapped_column(String(200))  # 案由
    defendant_raw: Mapped[str | None] = mapped_column(String(200))
    defendant_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    filed_on: Mapped[dt.date | None] = mapped_column(Date)
    hearing_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome_raw: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[str | None] = mapped_column(String(32))  # normalised vocabulary, see data/mappings
    # Who appeared for the agency (etl.vocab.Appearance); whether a deputy counts as the head is an
    # indicator definition (data/indicators.toml), so the ledger's wording is kept, not a yes/no.
    appearance_raw: Mapped[str | None] = mapped_column(String(100))
    appearance: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (UniqueConstraint("court", "case_number", name="uq_litigation_court_case"),)


class ReconsiderationCase(_FactColumns, Base):
    """An application for administrative reconsideration (行政复议)."""

    __tablename__ = "reconsideration_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    case_number: Mapped[str] = mapped_column(String(64), unique=True)
    case_number_raw: Mapped[str | None] = mapped_column(String(100))
    applicant: Mapped[str | None] = mapped_column(String(200))
    respondent_raw: Mapped[str | None] = mapped_column(String(200))
    respondent_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    cause: Mapped[str | None] = mapped_column(String(200))
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decision_raw: Mapped[str | None] = mapped_column(String(100))
    decision: Mapped[str | None] = mapped_column(String(32))


class DisputeCase(_FactColumns, Base):
    """A dispute handled through a resolution channel (诉前调解, 执前和解, 府院联动协调, 复议调解)."""

    __tablename__ = "dispute_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)  # ledger's own number
    # Vocabulary columns are null while their wording waits in the review queue (held: raw present,
    # code null — docs/decisions/0011-held-values.md).
    channel: Mapped[str | None] = mapped_column(String(32))
    channel_raw: Mapped[str | None] = mapped_column(String(100))
    unit_raw: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    parties: Mapped[str | None] = mapped_column(String(200))
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    concluded_on: Mapped[dt.date | None] = mapped_column(Date)
    result_raw: Mapped[str | None] = mapped_column(String(100))
    result: Mapped[str | None] = mapped_column(String(16), default=DisputeResult.IN_PROGRESS)
    is_major_raw: Mapped[str | None] = mapped_column(String(50))
    is_major: Mapped[bool | None] = mapped_column(Boolean, default=False)


class Recommendation(_FactColumns, Base):
    """A judicial (司法建议) or procuratorial (检察建议) recommendation addressed to a unit."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)  # 文号
    kind_raw: Mapped[str | None] = mapped_column(String(50))
    kind: Mapped[str | None] = mapped_column(String(16))
    issuer: Mapped[str | None] = mapped_column(String(100))
    addressee_raw: Mapped[str | None] = mapped_column(String(200))
    addressee_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    content: Mapped[str | None] = mapped_column(Text)
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    rectified_raw: Mapped[str | None] = mapped_column(String(50))
    rectified: Mapped[bool | None] = mapped_column(Boolean)


class JointTask(_FactColumns, Base):
    """A 双清单 task agreed at a joint conference, with lead unit and deadline."""

    __tablename__ = "joint_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    meeting: Mapped[str | None] = mapped_column(String(200))  # source meeting
    content: Mapped[str] = mapped_column(Text)
    lead_unit_raw: Mapped[str | None] = mapped_column(String(200))
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    assigned_on: Mapped[dt.date | None] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(16), default=TaskStatus.OPEN)
    status_raw: Mapped[str | None] = mapped_column(String(50))
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    partner_units: Mapped[str | None] = mapped_column(Text)  # 配合单位, as written (several names)
    leader: Mapped[str | None] = mapped_column(String(100))  # 责任领导


class Meeting(_FactColumns, Base):
    """A joint-conference meeting (联席会议, 会商会): its decisions are the tasks that name it or its 纪要."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str | None] = mapped_column(String(16))  # null while held (raw present, code null)
    kind_raw: Mapped[str | None] = mapped_column(String(50))
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    minutes_no: Mapped[str | None] = mapped_column(String(100))  # 纪要文号
    attendees: Mapped[str | None] = mapped_column(Text)  # 参会单位, as written
    host_raw: Mapped[str | None] = mapped_column(String(200))
    host_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)


class KeyCase(_FactColumns, Base):
    """A key case (重点案件) a unit's head handles in person, 一案一策; its 编号 may be a lawsuit's 案号."""

    __tablename__ = "key_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_raw: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    leader: Mapped[str | None] = mapped_column(String(100))  # 包案领导
    listed_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)  # 化解期限
    progress: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(16), default=KeyCaseStatus.OPEN)  # null while held
    status_raw: Mapped[str | None] = mapped_column(String(50))
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)


class SupervisionCase(_FactColumns, Base):
    """A procuratorate's administrative supervision case (行政检察监督案件) concerning a unit."""

    __tablename__ = "supervision_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str | None] = mapped_column(String(32))  # null while held (raw present, code null)
    kind_raw: Mapped[str | None] = mapped_column(String(50))
    supervised_raw: Mapped[str | None] = mapped_column(String(200))
    supervised_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(32))
    result_raw: Mapped[str | None] = mapped_column(String(100))


# --- outlines -------------------------------------------------------------------------------------


class Boundary(Base):
    """The outline of a township (or, in a city or province database, a county), simplified for display.

    One row per feature of an imported file, keyed by level and the name as written: the resolved region
    is beside it (null = unmatched, listed in the review queue), so an outline whose name matched nothing
    is never lost. The geometry is a GeoJSON MultiPolygon already simplified (``etl.geo.simplify``); the
    original file stays the source of truth for surveying detail.
    """

    __tablename__ = "boundary"

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(16))  # township | county
    name_raw: Mapped[str] = mapped_column(String(100))  # the feature's name (or 区划代码) as written
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    crs: Mapped[str] = mapped_column(String(16))  # WGS84 | CGCS2000 | GCJ-02 | BD-09 (etl.geo.read)
    geometry: Mapped[str] = mapped_column(Text)  # GeoJSON MultiPolygon text
    points: Mapped[int] = mapped_column(Integer, default=0)  # vertices kept after simplification
    source: Mapped[str | None] = mapped_column(String(255))  # the file it came from, or 演示
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)
    source_row: Mapped[int | None] = mapped_column(Integer)  # the feature's position in the file

    __table_args__ = (UniqueConstraint("level", "name_raw", name="uq_boundary_level_name"),)


# --- targets and assessment ---------------------------------------------------------------------


class Target(Base):
    """A target for one indicator in one year, for the whole region or one unit/township."""

    __tablename__ = "target"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    indicator_key: Mapped[str] = mapped_column(String(64))
    scope_type: Mapped[str] = mapped_column(String(16), default=ScopeType.REGION)
    scope_id: Mapped[int | None] = mapped_column(Integer)  # region.id or unit.id; None = whole region
    value: Mapped[float] = mapped_column(Float)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"), index=True)

    __table_args__ = (
        UniqueConstraint("year", "indicator_key", "scope_type", "scope_id", name="uq_target_scope"),
    )


class AssessmentScheme(Base):
    """A year's 考核 scheme: indicators, weights, thresholds, bonus and veto rules (JSON)."""

    __tablename__ = "assessment_scheme"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class CaseFlag(Base):
    """An office's judgement on a lawsuit that the court's ledger does not carry (重大败诉 …), keyed by
    court and 案号 rather than the row id, so that it survives a rollback and re-import of the ledger.
    Written by ``etl.case_flags`` (audited); read as assessment events."""

    __tablename__ = "case_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    court: Mapped[str] = mapped_column(String(100))
    case_number: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))  # see etl.case_flags.FLAG_KINDS
    note: Mapped[str | None] = mapped_column(String(500))
    flagged_by: Mapped[str | None] = mapped_column(String(64))
    flagged_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    __table_args__ = (UniqueConstraint("court", "case_number", "kind", name="uq_case_flag"),)


# --- documents the office issues ----------------------------------------------------------------


class BriefingIssue(Base):
    """A numbered 工作简报: the 期号 runs per calendar year of issue; a preview takes no number."""

    __tablename__ = "briefing_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(64))  # the period text, e.g. 2025H1
    issued_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    actor: Mapped[str | None] = mapped_column(String(64))


class LossCaseReview(Base):
    """What the office recorded about a lost case (败诉原因, 整改, 追责), keyed like the case itself
    (court and 案号) so it survives a re-import or a rollback of the ledger that holds the case."""

    __tablename__ = "loss_case_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    court: Mapped[str] = mapped_column(String(100))
    case_number: Mapped[str] = mapped_column(String(64))
    cause_analysis: Mapped[str | None] = mapped_column(Text)
    rectification: Mapped[str | None] = mapped_column(Text)
    accountability: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("court", "case_number", name="uq_loss_case_review_case"),)


# --- the office's own wording --------------------------------------------------------------------


class VocabularyEntry(Base):
    """A spelling the office taught the importer, on top of the shipped ``data/mappings`` defaults.

    ``section`` is ``value`` (``name`` = a vocabulary of values.toml, ``target`` = its code) or
    ``header`` (``name`` = a ledger kind, ``target`` = a field). Deleting an entry undoes it.
    """

    __tablename__ = "vocabulary_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    section: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    spelling: Mapped[str] = mapped_column(String(100))  # the matching key (etl.mappings.vocabulary_key)
    written: Mapped[str] = mapped_column(String(100))  # the spelling as the office typed it
    target: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    __table_args__ = (UniqueConstraint("section", "name", "spelling", name="uq_vocabulary_entry"),)


# --- what the liaisons report back ---------------------------------------------------------------


class LiaisonReport(Base):
    """What a unit's liaison officer reported (填报) on one ledger row: a task's progress, the 整改情况 of a
    recommendation or a 预警, who appeared at a hearing. Keyed by the row's business key (``court`` is
    blank except for hearings), never by its id, so a rollback and re-import of the ledger keeps it;
    the ledger row's unit and township are copied so the access rule can scope reports like rows.
    ``resolution`` is the office's choice where report and ledger disagree (``etl.reporting.conflicts``)."""

    __tablename__ = "liaison_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(16))  # task | recommendation | warning | hearing
    court: Mapped[str] = mapped_column(String(100), default="")
    reference: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    township_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)  # 进展 / 整改情况
    status: Mapped[str | None] = mapped_column(String(16))  # done | open (tasks, recommendations)
    done_on: Mapped[dt.date | None] = mapped_column(Date)  # 完成日期 / 整改(回复)日期
    appearance: Mapped[str | None] = mapped_column(String(16))  # hearings: etl.reporting.terms.APPEARANCES
    appeared_name: Mapped[str | None] = mapped_column(String(100))
    reported_by: Mapped[str | None] = mapped_column(String(64))
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    resolution: Mapped[str | None] = mapped_column(String(16))  # report | ledger, when they disagreed
    resolved_ledger: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the ledger values the office decided on
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("subject", "court", "reference", name="uq_liaison_report_row"),)


class EvidenceFile(Base):
    """A 佐证 file attached to a report, stored in the database under a generated id: the uploader's
    file name is only shown, never used as a path."""

    __tablename__ = "evidence_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("liaison_report.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))  # cleaned display name
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str | None] = mapped_column(String(64))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class ReportReminder(Base):
    """A 催报 the office sent to a unit or township; shown to its liaison on sign-in until they report
    (closed_reason ``reported``) or dismiss it (``dismissed``)."""

    __tablename__ = "report_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    township_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    sent_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_reason: Mapped[str | None] = mapped_column(String(16))


# --- access control and audit ---------------------------------------------------------------------


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    township_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    #: Bumped by logout, disable, enable and password reset: every session signed with an older value ends.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class DisplayToken(Base):
    __tablename__ = "display_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    actor: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


FACT_TABLES = (LitigationCase, ReconsiderationCase, DisputeCase, Recommendation, JointTask, Meeting, KeyCase,
               SupervisionCase)

