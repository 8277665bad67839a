"""Writes of targets and assessment schemes (administrator edits, scheme files).

Kept beside the readers so the validation is the same one the ranking uses; every write bumps the
data version, so cached figures are recomputed on every viewer's next rerun.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, select, update

from etl import audit
from etl.db.meta import bump_data_version
from etl.db.models import AssessmentScheme, ScopeType, Target
from etl.metrics.registry import INDICATORS_BY_KEY
from etl.metrics.scheme import Scheme, SchemeError, parse_scheme, scheme_definition


def scheme_to_definition(scheme: Scheme) -> dict[str, Any]:
    """The JSON stored in ``assessment_scheme.definition``; :func:`parse_scheme` reads it back."""
    return scheme_definition(scheme)


def read_scheme_file(path: Path | str) -> dict[str, Any]:
    """A scheme from a .toml or .json file, as a raw dict (validated by :func:`save_scheme`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except FileNotFoundError:
        raise SchemeError(f"找不到考核方案文件 {path}") from None
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise SchemeError(f"考核方案文件 {path} 格式错误：{exc}") from None
    if not isinstance(raw, dict):
        raise SchemeError(f"考核方案文件 {path} 应为一个表/对象")
    return raw


def save_scheme(conn: Connection, year: int, raw: dict[str, Any], name: str | None = None,
                actor: str | None = None) -> Scheme:
    """Validate and store the year's scheme (replacing any), returning it as the ranking will read it."""
    scheme = parse_scheme({**raw, "name": name or raw.get("name", f"{year}年度考核方案")}, source="database")
    definition = scheme_to_definition(scheme)
    table = AssessmentScheme.__table__
    exists = conn.execute(select(table.c.id).where(table.c.year == year)).scalar()
    if exists is None:
        conn.execute(table.insert().values(year=year, name=scheme.name, definition=definition))
    else:
        conn.execute(update(table).where(table.c.year == year).values(name=scheme.name, definition=definition))
    bump_data_version(conn)
    audit.record(conn, audit.SCHEME_CHANGE, actor, op="save", year=year, name=scheme.name,
                 indicators=[i.key for i in scheme.items])
    return scheme


def delete_scheme(conn: Connection, year: int, actor: str | None = None) -> bool:
    """Remove the year's scheme, so the shipped default applies again."""
    deleted = conn.execute(delete(AssessmentScheme.__table__).where(AssessmentScheme.year == year)).rowcount
    if deleted:
        bump_data_version(conn)
        audit.record(conn, audit.SCHEME_CHANGE, actor, op="reset", year=year)
    return bool(deleted)


def save_target(conn: Connection, year: int, indicator_key: str, value: float,
                scope_type: str = ScopeType.REGION.value, scope_id: int | None = None, actor: str | None = None) -> None:
    """Set one target (insert or replace); rates are fractions (0.02 = 2%)."""
    if indicator_key not in INDICATORS_BY_KEY:
        raise ValueError(f"未知指标 {indicator_key!r}")
    if scope_type not in {s.value for s in ScopeType}:
        raise ValueError(f"目标范围应为 region、unit 或 township，而不是 {scope_type!r}")
    if INDICATORS_BY_KEY[indicator_key].is_rate and not 0 <= value <= 1:
        raise ValueError(f"比率目标应在0到1之间（{value}）；98% 请写作 0.98")
    table = Target.__table__
    scope = table.c.scope_id.is_(None) if scope_id is None else table.c.scope_id == scope_id
    where = (table.c.year == year) & (table.c.indicator_key == indicator_key) & (table.c.scope_type == scope_type) & scope
    if conn.execute(update(table).where(where).values(value=value)).rowcount == 0:
        conn.execute(table.insert().values(year=year, indicator_key=indicator_key, scope_type=scope_type,
                                           scope_id=scope_id, value=value))
    bump_data_version(conn)
    audit.record(conn, audit.TARGET_CHANGE, actor, year=year, indicator=indicator_key, scope_type=scope_type,
                 scope_id=scope_id, value=value)
