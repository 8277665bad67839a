"""``liandong import``, ``batches``, ``rollback``, ``unmatched``, ``map-name`` and ``template``."""

from __future__ import annotations

import json
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
from etl.importing.spec import IMPORT_KINDS, KINDS
from etl.importing.template import build_template
from etl.importing.unmatched import (
    MappingError,
    create_unit,
    map_name_to_township,
    map_name_to_unit,
    unmatched_names,
)


def _engine(db: str | None) -> Engine:
    settings = settings_for(db)
    try:
        upgrade(settings.db_url)
    except Exception as exc:  # noqa: BLE001 — any driver error becomes one clear line
        raise fail(f"无法打开数据库 {settings.db_url}：{exc}") from None
    return make_engine(settings.db_url)


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
            typer.echo(f"{r.file_name}: {r.message}")
            for cell in r.prepared.rejected_cells.head(20).iter_rows(named=True):
                typer.echo(f"  第{cell['source_row']}行 [{cell['column']}] {cell['value'] or ''}：{cell['reason']}")
            if r.prepared.rejected > 20:
                typer.echo("  …（完整清单见 --report 报告）")
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
    for b in frame.iter_rows(named=True):
        typer.echo(f"#{b['id']} {b['imported_at']} {b['status']} {b['kind']} {b['file_name']}  读取{b['rows_read']} "
                   f"接受{b['accepted']} 重复{b['duplicates']} 跳过{b['skipped']} 拒绝{b['rejected']} "
                   f"新增{b['inserted']} 更新{b['updated']} 未变{b['unchanged']}")


@app.command()
def rollback(batch_id: Annotated[int, typer.Argument(help="批次号")], db: DbOption = None) -> None:
    """Undo one batch: delete its inserts, restore the previous values of its updates."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            touched = rollback_batch(conn, batch_id, actor=cli_actor())
    except RollbackError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"批次 {batch_id} 已回滚（涉及 {touched} 行）")


@app.command()
def unmatched(as_json: Annotated[bool, typer.Option("--json")] = False, db: DbOption = None) -> None:
    """Names that matched no unit, township or subject area, with their row counts."""
    engine = _engine(db)
    with engine.connect() as conn:
        frame = unmatched_names(conn)
    engine.dispose()
    if as_json:
        _echo_json(frame.to_dicts())
        return
    if frame.is_empty():
        typer.echo("没有未匹配的名称")
    for row in frame.iter_rows(named=True):
        typer.echo(f"{row['name']}\t{row['field']}\t{row['rows']} 行")


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
