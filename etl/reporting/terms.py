"""The vocabulary and rules of reporting: what can be reported on, who may write, hearing appearances,
and the time a unit has to report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from etl.access import ViewerScope, scope_of
from etl.db.models import Role, TaskStatus
from etl.vocab import Appearance


class Subject(StrEnum):
    """The ledger rows a liaison reports on, each identified by its business key."""

    TASK = "task"  # 双清单 task: 编号
    RECOMMENDATION = "recommendation"  # 司法建议/检察建议: 文号
    WARNING = "warning"  # 预警: unit or township, kind and period (no ledger row)
    HEARING = "hearing"  # a lawsuit's hearing: court + 案号


SUBJECT_LABELS: dict[str, tuple[str, str]] = {
    Subject.TASK: ("任务进展", "Task progress"), Subject.RECOMMENDATION: ("建议整改", "Recommendation"),
    Subject.WARNING: ("预警整改", "Warning"), Subject.HEARING: ("出庭情况", "Hearing")}

#: Who appeared for the agency at a hearing, as a liaison (who knows the rank) reports it. The codes are
#: the ledgers' ``appearance`` vocabulary (``etl.vocab.Appearance``): whether a deputy counts as the head
#: is the indicator definitions' rule (``IndicatorConfig.head_appearances``), not the report's.
APPEARANCES: dict[str, tuple[str, str]] = {
    Appearance.PRINCIPAL.value: ("正职", "Head"), Appearance.DEPUTY.value: ("副职", "Deputy"),
    Appearance.AGENT_ONLY.value: ("委托代理人", "Agent only"), Appearance.ABSENT.value: ("未出庭", "Nobody")}

DONE, OPEN = str(TaskStatus.DONE), str(TaskStatus.OPEN)
STATUS_LABELS: dict[str, tuple[str, str]] = {DONE: ("已完成", "Done"), OPEN: ("推进中", "In progress")}

#: Report texts are kept to this many characters (a page of 整改情况); a name (who appeared) to 100.
MAX_NOTE = 2000
MAX_NAME = 100


@dataclass(frozen=True)
class ReportingRules:
    """When a row is due for a report and when it is late."""

    #: A task or recommendation whose deadline falls within this many days is due for a report.
    due_within_days: int = 30
    #: Who appeared at a hearing is due once the hearing is held and late this many days after.
    hearing_report_days: int = 7


RULES = ReportingRules()


class ReportRefused(Exception):
    """A write the reporter may not make, or a row that does not exist; the message is Chinese."""


@dataclass(frozen=True)
class Reporter:
    """Who writes: their account name, role and scope (``etl.access.scope_of``)."""

    username: str
    role: str
    unit_id: int | None = None
    township_id: int | None = None

    @property
    def scope(self) -> ViewerScope:
        return scope_of(self.role, self.unit_id, self.township_id)

    @property
    def is_office(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def may_report(self) -> bool:
        """Liaisons report for their own unit; the office may record a report for any unit. Leaders read."""
        return self.role in (Role.LIAISON, Role.ADMIN)


def require_office(reporter: Reporter) -> None:
    if not reporter.is_office:
        raise ReportRefused("仅联席会议办公室（管理员）可以执行此操作。")
