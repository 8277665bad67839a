"""The office's own vocabulary: value spellings and header synonyms kept in the database.

The shipped ``data/mappings/*.toml`` stay the defaults (and are replaced on upgrade); what the
joint-conference office teaches the importer — "treat 调处未果 like 未成功", "办案法院 is the court
column" — is a ``vocabulary_entry`` row, laid over the defaults by :func:`effective_mappings` for
every import. Every change is audited, can be removed again, and the whole set travels between
counties as a TOML file (:func:`export_vocabulary` / :func:`import_vocabulary`).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, delete, insert, select, update

from etl import audit
from etl.db.models import VocabularyEntry
from etl.importing.held import VOCAB_FIELDS, column_label, reapply_spelling
from etl.importing.spec import KIND_LABELS, SPECS
from etl.mappings import Mappings, OfficeEntry, default_mappings, header_key, vocabulary_key
from etl.text_safety import clean_typed_text

VALUE, HEADER = "value", "header"
ENTRY_SCHEMA = {"id": pl.Int64, "section": pl.String, "name": pl.String, "written": pl.String,
                "target": pl.String, "created_by": pl.String, "created_at": pl.Datetime}


class VocabularyError(ValueError):
    """A vocabulary change that cannot be made; the message is for the user, in Chinese."""


def office_entries(conn: Connection) -> list[OfficeEntry]:
    rows = conn.execute(select(VocabularyEntry.section, VocabularyEntry.name, VocabularyEntry.written,
                               VocabularyEntry.target).order_by(VocabularyEntry.id))
    return [OfficeEntry(*row) for row in rows]


def effective_mappings(conn: Connection, base: Mappings | None = None) -> Mappings:
    """The shipped defaults (or ``base``) with the office's entries laid over them."""
    return (base or default_mappings()).with_entries(office_entries(conn))


def list_entries(conn: Connection) -> pl.DataFrame:
    """Every office entry, oldest first (the 数据管理 page's table and ``liandong vocabulary``)."""
    rows = conn.execute(select(VocabularyEntry.id, VocabularyEntry.section, VocabularyEntry.name,
                               VocabularyEntry.written, VocabularyEntry.target, VocabularyEntry.created_by,
                               VocabularyEntry.created_at).order_by(VocabularyEntry.id)).all()
    return pl.DataFrame(rows, schema=ENTRY_SCHEMA, orient="row")


def _vocabulary_of(column: str) -> str:
    if column not in VOCAB_FIELDS:
        raise VocabularyError(f"未知的列“{column}”；可用：{'、'.join(VOCAB_FIELDS)}")
    return VOCAB_FIELDS[column][1].vocabulary


def code_for(mappings: Mappings, column: str, like: str | None = None, code: str | None = None) -> str:
    """The code a mapping means: what ``like`` means in the column's vocabulary, or ``code`` itself."""
    vocabulary = _vocabulary_of(column)
    if (like is None) == (code is None):
        raise VocabularyError("请指定 --like 已知写法 或 --code 代码（二选一）")
    if code is not None:
        if code not in mappings.codes[vocabulary]:
            raise VocabularyError(f"“{column_label(column)}”没有代码“{code}”；可用：{'、'.join(mappings.codes[vocabulary])}")
        return code
    found = mappings.code_of(vocabulary, like)
    if found is None:
        raise VocabularyError(f"“{like}”在“{column_label(column)}”中也无法识别，请换一个已能识别的写法或用 --code")
    return found


#: The stored spelling's column width (``vocabulary_entry.written``).
WRITTEN_MAX_CHARS = 100


def _upsert(conn: Connection, section: str, name: str, written: str, key: str, target: str,
            actor: str | None) -> str:
    """Insert or change one entry; returns added | changed | unchanged."""
    found = conn.execute(select(VocabularyEntry.id, VocabularyEntry.target).where(
        VocabularyEntry.section == section, VocabularyEntry.name == name, VocabularyEntry.spelling == key)).first()
    if found is None:
        conn.execute(insert(VocabularyEntry).values(section=section, name=name, spelling=key, written=written[:100],
                                                    target=target, created_by=actor[:64] if actor else None))
        return "added"
    if found.target == target:
        return "unchanged"
    conn.execute(update(VocabularyEntry).where(VocabularyEntry.id == found.id)
                 .values(target=target, written=written[:100]))
    return "changed"


@dataclass(frozen=True)
class ValueMapping:
    raw: str
    column: str
    code: str
    rows: int  # rows whose code changed (released, or held again after an undo)


def map_value(conn: Connection, raw: str, column: str, like: str | None = None, code: str | None = None,
              actor: str | None = None) -> ValueMapping:
    """Teach the importer that ``raw`` in ``column`` means what ``like`` means (or ``code``); every held
    row with that spelling is released and later imports understand it."""
    raw = clean_typed_text(raw, WRITTEN_MAX_CHARS, one_line=True) or ""  # typed by the office: no control characters
    key = vocabulary_key(raw)
    if key is None:
        raise VocabularyError("取值不能为空")
    vocabulary = _vocabulary_of(column)
    current = effective_mappings(conn)
    target = code_for(current, column, like, code)
    if current.code_of(vocabulary, raw) == target:
        raise VocabularyError(f"“{raw}”已能识别为该取值，无需映射")
    _upsert(conn, VALUE, vocabulary, raw.strip(), key, target, actor)
    rows = reapply_spelling(conn, effective_mappings(conn), vocabulary, key)
    audit.record(conn, audit.VOCABULARY, actor, op="map_value", column=column, vocabulary=vocabulary, raw=raw,
                 code=target, like=like, rows=rows)
    return ValueMapping(raw, column, target, rows)


def unmap_value(conn: Connection, raw: str, column: str, actor: str | None = None) -> int:
    """Remove the office's mapping of ``raw``; its rows take the defaults' meaning again, or are held."""
    key = vocabulary_key(raw)
    vocabulary = _vocabulary_of(column)
    removed = conn.execute(delete(VocabularyEntry).where(
        VocabularyEntry.section == VALUE, VocabularyEntry.name == vocabulary, VocabularyEntry.spelling == key)).rowcount
    if not removed:
        raise VocabularyError(f"没有“{raw}”在“{column_label(column)}”中的映射")
    rows = reapply_spelling(conn, effective_mappings(conn), vocabulary, key or "")
    audit.record(conn, audit.VOCABULARY, actor, op="unmap_value", column=column, vocabulary=vocabulary, raw=raw,
                 rows=rows)
    return rows


def _check_header(mappings: Mappings, kind: str, field: str, spelling: str) -> str:
    if kind not in SPECS:
        raise VocabularyError(f"未知的台账类型 {kind}，可选：{'、'.join(SPECS)}")
    fields = [c.field for c in SPECS[kind].columns]
    if field not in fields:
        raise VocabularyError(f"“{KIND_LABELS[kind]}”没有列“{field}”；可用：{'、'.join(fields)}")
    key = header_key(spelling)
    if key is None:
        raise VocabularyError("表头不能为空")
    taken = mappings.header_lookup(kind).get(key)
    if taken is not None and taken != field:
        raise VocabularyError(f"“{spelling}”已是“{mappings.label(kind, taken)}”列的写法")
    return key


def add_header(conn: Connection, spelling: str, kind: str, field: str, actor: str | None = None) -> str:
    """A header spelling the office's ledgers use for a column (办案法院 → court)."""
    spelling = clean_typed_text(spelling, WRITTEN_MAX_CHARS, one_line=True) or ""
    key = _check_header(effective_mappings(conn), kind, field, spelling)
    result = _upsert(conn, HEADER, kind, spelling.strip(), key, field, actor)
    audit.record(conn, audit.VOCABULARY, actor, op="add_header", kind=kind, field=field, header=spelling)
    return result


def remove_header(conn: Connection, spelling: str, kind: str, actor: str | None = None) -> None:
    removed = conn.execute(delete(VocabularyEntry).where(
        VocabularyEntry.section == HEADER, VocabularyEntry.name == kind,
        VocabularyEntry.spelling == (header_key(spelling) or ""))).rowcount
    if not removed:
        raise VocabularyError(f"没有“{spelling}”这一表头写法")
    audit.record(conn, audit.VOCABULARY, actor, op="remove_header", kind=kind, header=spelling)


def remove_entry(conn: Connection, entry_id: int, actor: str | None = None) -> int:
    """Remove one entry by id (the 数据管理 page's undo); returns rows changed by a value entry."""
    row = conn.execute(select(VocabularyEntry.section, VocabularyEntry.name, VocabularyEntry.written)
                       .where(VocabularyEntry.id == entry_id)).first()
    if row is None:
        raise VocabularyError(f"词表条目 {entry_id} 不存在")
    if row.section == HEADER:
        remove_header(conn, row.written, row.name, actor)
        return 0
    column = next(f for f, (_t, v) in VOCAB_FIELDS.items() if v.vocabulary == row.name)
    return unmap_value(conn, row.written, column, actor)


def export_vocabulary(conn: Connection) -> str:
    """The office's entries as TOML, shaped like ``data/mappings`` (``[values.VOCABULARY]`` code →
    spellings, ``[headers.KIND]`` field → spellings), for another county's ``import_vocabulary``."""
    grouped: dict[tuple[str, str], dict[str, list[str]]] = {}
    for entry in office_entries(conn):
        section = "values" if entry.section == VALUE else "headers"
        grouped.setdefault((section, entry.name), {}).setdefault(entry.target, []).append(entry.written)
    lines = ["# 联动看板 Liandong: the office's own vocabulary (liandong vocabulary import FILE)", ""]
    for (section, name), targets in sorted(grouped.items()):
        lines.append(f"[{section}.{name}]")
        lines += [f"{target} = {json.dumps(spellings, ensure_ascii=False)}" for target, spellings in targets.items()]
        lines.append("")
    return "\n".join(lines)


def import_vocabulary(conn: Connection, text: str, actor: str | None = None) -> dict[str, int]:
    """Add a file's entries (checked like a mapping typed by hand); returns added/changed/unchanged and
    the rows released."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"词表文件格式错误：{exc}") from None
    counts = {"added": 0, "changed": 0, "unchanged": 0, "rows": 0}
    defaults = default_mappings()
    for name, targets in dict(document.get("values", {})).items():
        if name not in defaults.codes:
            raise VocabularyError(f"未知的词表“{name}”；可用：{'、'.join(defaults.codes)}")
        for target, spellings in targets.items():
            if target not in defaults.codes[name]:
                raise VocabularyError(f"词表“{name}”没有代码“{target}”")
            for written in spellings:
                spelling = clean_typed_text(written, WRITTEN_MAX_CHARS, one_line=True) or ""
                key = vocabulary_key(spelling)
                if key is None:
                    continue
                counts[_upsert(conn, VALUE, name, spelling, key, target, actor)] += 1
                counts["rows"] += reapply_spelling(conn, effective_mappings(conn), name, key)
    for kind, fields in dict(document.get("headers", {})).items():
        for field, spellings in fields.items():
            for written in spellings:
                spelling = clean_typed_text(written, WRITTEN_MAX_CHARS, one_line=True) or ""
                key = _check_header(effective_mappings(conn), kind, field, spelling)
                counts[_upsert(conn, HEADER, kind, spelling, key, field, actor)] += 1
    audit.record(conn, audit.VOCABULARY, actor, op="import", **counts)
    return counts
