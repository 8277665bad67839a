"""What a rollback would undo, said before it is done: the 数据管理 page and ``liandong rollback`` ask the
clerk to confirm a sentence naming the batch, its file and the rows it would delete and restore.

The counts come from the batch's own change log (``batch_change``), the rows the rollback itself
walks, not from the import's summary: a demo load records no import summary, and a rollback
undoes exactly the log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from etl.db.models import BatchChange, ImportBatch
from etl.importing.batches import RollbackError
from etl.importing.spec import KIND_LABELS
from etl.localtime import local_text


@dataclass(frozen=True)
class RollbackPreview:
    batch_id: int
    file_name: str
    kind: str
    imported_at: dt.datetime | None
    #: Rows the batch inserted (deleted by the rollback) and rows it updated (given their old values back).
    inserted: int
    updated: int
    is_demo: bool = False

    def sentence(self, timezone: str) -> str:
        """``确认回滚批次3（文件“法院台账.xlsx”，行政诉讼台账，2026-12-06 16:27 导入）？将删除其新增的6行、…``."""
        when = f"，{local_text(self.imported_at, timezone, seconds=False)} 导入" if self.imported_at else ""
        kind = "演示数据" if self.is_demo else KIND_LABELS.get(self.kind, self.kind)
        return (f"确认回滚批次{self.batch_id}（文件“{self.file_name}”，{kind}{when}）？"
                f"将删除其新增的{self.inserted}行、把其更新的{self.updated}行恢复为导入前的值；"
                "回滚后各页面的数字随之改变，回滚记入审计日志。")


def rollback_preview(conn: Connection, batch_id: int) -> RollbackPreview:
    """The batch and the rows its rollback would touch; an unknown batch is a :class:`RollbackError`."""
    batch = conn.execute(select(ImportBatch.file_name, ImportBatch.kind, ImportBatch.imported_at,
                                ImportBatch.is_demo).where(ImportBatch.id == batch_id)).first()
    if batch is None:
        raise RollbackError(f"批次 {batch_id} 不存在")
    inserted = updated = 0
    for action, row_id, previous in conn.execute(select(BatchChange.action, BatchChange.row_id, BatchChange.previous)
                                                 .where(BatchChange.batch_id == batch_id)):
        if action == "insert":  # one change may stand for a run of consecutive ids (``through_id``)
            inserted += int((previous or {}).get("through_id", row_id)) - int(row_id) + 1
        else:
            updated += 1
    return RollbackPreview(batch_id, batch.file_name, batch.kind, batch.imported_at, inserted, updated,
                           bool(batch.is_demo))
