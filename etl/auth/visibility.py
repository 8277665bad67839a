"""The administrator's setting of whether liaison officers see the other groups' names in rankings
(default: no). It lives in ``app_meta``; the masking itself is ``etl.access``'s rule.
"""

from __future__ import annotations

from sqlalchemy import Connection

from etl import audit
from etl.db.meta import get_meta, set_meta

RANKING_NAMES_VISIBLE = "ranking_names_visible"


def ranking_names_visible(conn: Connection) -> bool:
    """Whether liaison officers see the names of the other units and townships in rankings (default: no)."""
    return get_meta(conn, RANKING_NAMES_VISIBLE) == "1"


def set_ranking_names_visible(conn: Connection, visible: bool, actor: str | None = None) -> None:
    """Change the setting inside the caller's transaction, with its audit event."""
    set_meta(conn, RANKING_NAMES_VISIBLE, "1" if visible else "0")
    audit.record(conn, audit.SETTING_CHANGE, actor, setting=RANKING_NAMES_VISIBLE, value=visible)
