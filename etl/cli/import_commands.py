"""``liandong import``, ``batches``, ``rollback``, ``unmatched``, ``map-name`` and ``template``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from etl.audit import cli_actor
from etl.cli.app import DbOption, app, fail, settings_for
from etl.db.engine import make_engine
from etl.db.migrate import upgrade
from etl.importing.batches import RollbackError, list_batches, rollback_batch
from etl.importing.pipeline import ImportOptions, import_files
from etl.importing.report import build_report
from etl.importing.rollback_preview import rollback_preview
from etl.importing.spec import IMPORT_KINDS, KINDS
from etl.importing.template import build_template
from etl.importing.unmatched import (
    MappingError,
    create_unit,
    map_name_to_township,
    map_name_to_unit,
    unmatched_names,
)
from etl.localtime import local_text
from etl.text_safety import escape_nonprintable as printable


def _engine(db: str | None) -> Engine:
    settings = settings_for(db)
    try:
        upgrade(settings.db_url)
    except Exception as exc:  # noqa: BLE001 — any driver error becomes one clear line
        raise fail(f"无法打开数据库 {settings.db_url}：{exc}") from None
    return make_engine(settings.db_url)


def _cell_text(value: str | None, limit: int = 80) -> str:
    """A ledger value for the terminal: escapes for what it must not obey, cut to one line's length."""
    text = printable(value or "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_line(cell: dict[str, Any]) -> str:
    """One rejected or corrected cell. An outline file's column is a property name from the file, and
    a reason may quote one: all of it printed escaped."""
    return (f"  第{cell['source_row']}行 [{printable(cell['column'])}] {_cell_text(cell['value'])}："
            f"{printable(cell['reason'])}")


def _echo_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="台账文件 .xlsx / .xls / .csv，边界 .geojson / .zip，可多个")],
    kind: Annotated[str | None, typer.Option(help=f"台账类型，默认按表头识别：{', '.join(IMPORT_KINDS)}")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只校验，不写入数据库")] = False,
    report: Annotated[Path | None, typer.Option(help="把校验报告写入该 xlsx 文件")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="按文件输出 JSON 结果")] = False,
    court: Annotated[str | None, typer.Option(help="诉讼台账未写法院时使用的法院名称")] = None,
    name_field: Annotated[str | None, typer.Option(help="边界文件中乡镇名称或区划代码所在的属性，默认自动识别")] = None,
    crs: Annotated[str | None, typer.Option(help="边界文件未注明时的坐标系：WGS84、CGCS2000、GCJ-02、BD-09")] = None,
    db: DbOption = None,
) -> None:
    """Import ledgers: one transaction and one batch per file; rejected rows do not stop the others."""
    files: list[tuple[str, bytes]] = []
    for path in paths:
        if not path.is_file():
            raise fail(f"文件不存在：{path}")
        files.append((path.name, path.read_bytes()))
    engine = _engine(db)
    try:
        results = import_files(engine, files, ImportOptions(kind=kind, court=court, dry_run=dry_run,
                                                            imported_by=cli_actor(), name_field=name_field,
                                                            crs=crs))
    finally:
        engine.dispose()
    if report is not None:
        report.write_bytes(build_report(results))
    if as_json:
        _echo_json([r.summary() for r in results])
    else:
        for r in results:
            typer.echo(f"{printable(r.file_name)}: {printable(r.message)}")
            for cell in r.prepared.rejected_cells.head(20).iter_rows(named=True):
                typer.echo(_cell_line(cell))
            if r.prepared.rejected > 20:
                typer.echo("  …（完整清单见 --report 报告）")
            for cell in r.prepared.held_cells.head(20).iter_rows(named=True):
                value = printable(cell["value"] or "")
                typer.echo(f"  第{cell['source_row']}行 [{printable(cell['column'])}] {_cell_text(cell['value'])}："
                           f"取值待确认（已导入，liandong map-value {value} --column {cell['field']} --like 已知写法）")
            if r.prepared.held_cells.height > 20:
                typer.echo("  …（完整清单见 --report 报告或 liandong unmatched）")
            for cell in r.prepared.cleaned_cells.head(20).iter_rows(named=True):
                typer.echo(_cell_line(cell))
            for sheet in r.prepared.sheets:
                if sheet.note:
                    typer.echo(f"  工作表“{printable(sheet.sheet)}”：{printable(sheet.note)}")
    if not any(r.ok for r in results):
        raise typer.Exit(1)


@app.command()
def batches(as_json: Annotated[bool, typer.Option("--json")] = False, db: DbOption = None) -> None:
    """List import batches, newest first."""
    engine = _engine(db)
    with engine.connect() as conn:
        frame = list_batches(conn)
    engine.dispose()
    if as_json:
        _echo_json(frame.to_dicts())
        return
    if frame.is_empty():
        typer.echo("暂无导入批次")
    timezone = settings_for(db).timezone
    for b in frame.iter_rows(named=True):
        typer.echo(f"#{b['id']} {local_text(b['imported_at'], timezone, seconds=False)} {b['status']} {b['kind']} "
                   f"{printable(b['file_name'])}  读取{b['rows_read']} "
                   f"接受{b['accepted']} 待确认{b['held']} 重复{b['duplicates']} 跳过{b['skipped']} 拒绝{b['rejected']} "
                   f"新增{b['inserted']} 更新{b['updated']} 未变{b['unchanged']}")


def at_a_terminal() -> bool:
    """Whether a person is typing (a script's stdin is no terminal, and a script is not asked)."""
    return sys.stdin.isatty()


@app.command()
def rollback(batch_id: Annotated[int, typer.Argument(help="批次号")], db: DbOption = None,
             yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接回滚")] = False) -> None:
    """Undo one batch: delete its inserts, restore the previous values of its updates.

    At a terminal it first says what the rollback would undo and asks for confirmation (``--yes`` skips
    the question; a script, with no terminal, is not asked)."""
    engine = _engine(db)
    try:
        if not yes and at_a_terminal():
            with engine.connect() as conn:
                preview = rollback_preview(conn, batch_id)
            if not typer.confirm(printable(preview.sentence(settings_for(db).timezone)), default=False):
                raise fail("已取消，未回滚。", code=1)
        with engine.begin() as conn:
            touched = rollback_batch(conn, batch_id, actor=cli_actor())
    except RollbackError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"批次 {batch_id} 已回滚（涉及 {touched} 行）")


@app.command()
def unmatched(as_json: Annotated[bool, typer.Option("--json")] = False, db: DbOption = None) -> None:
    """待处理清单：未匹配的名称和取值待确认的写法，及其行数。The review queue (unmatched names, held values)."""
    engine = _engine(db)
    with engine.connect() as conn:
        frame = unmatched_names(conn)
    engine.dispose()
    if as_json:
        _echo_json(frame.to_dicts())
        return
    if frame.is_empty():
        typer.echo("没有未匹配的名称，也没有取值待确认的记录")
    for row in frame.iter_rows(named=True):
        what = f"取值待确认（--column {row['column']}）" if row["target"] == "value" else "未匹配名称"
        typer.echo(f"{printable(row['name'])}\t{row['field']}\t{row['rows']} 行\t{what}")


@app.command("map-name")
def map_name(
    raw: Annotated[str, typer.Argument(help="台账中的原始名称")],
    unit: Annotated[str | None, typer.Option(help="对应的单位名称（保存为别名并重新归属）")] = None,
    township: Annotated[str | None, typer.Option(help="对应的乡镇名称（保存为乡镇别名并重新归属）")] = None,
    create: Annotated[bool, typer.Option("--create", help="以该名称新建单位")] = False,
    db: DbOption = None,
) -> None:
    """Map an unmatched name to a unit or township (stores an alias, re-attributes rows) or create the unit."""
    if sum((unit is not None, township is not None, create)) != 1:
        raise fail("请指定 --unit 单位名称、--township 乡镇名称或 --create 新建单位（三选一）")
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            if create:
                _, changed = create_unit(conn, raw, actor=cli_actor())
                typer.echo(f"已新建单位“{raw}”，重新归属 {changed} 行")
            elif township is not None:
                changed = map_name_to_township(conn, raw, township, actor=cli_actor())
                typer.echo(f"已将“{raw}”设为乡镇“{township}”的别名，重新归属 {changed} 行")
            else:
                assert unit is not None
                changed = map_name_to_unit(conn, raw, unit, actor=cli_actor())
                typer.echo(f"已将“{raw}”设为“{unit}”的别名，重新归属 {changed} 行")
    except MappingError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()


@app.command()
def template(
    kind: Annotated[str, typer.Argument(help=f"台账类型：{', '.join(KINDS)}")],
    out: Annotated[Path, typer.Option(help="输出的 xlsx 文件")],
) -> None:
    """Write the xlsx template of one kind of ledger."""
    try:
        out.write_bytes(build_template(kind))
    except ValueError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"模板已写入 {out}")
