"""``liandong map-value``, ``unmap-value`` and ``vocabulary``: the office's own wording, in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.audit import cli_actor
from etl.cli.app import DbOption, app, fail
from etl.cli.import_commands import _echo_json, _engine
from etl.importing.held import VOCAB_FIELDS
from etl.importing.vocabulary import (
    VocabularyError,
    add_header,
    export_vocabulary,
    import_vocabulary,
    list_entries,
    map_value,
    remove_header,
    unmap_value,
)
from etl.text_safety import escape_nonprintable as printable

COLUMNS = "、".join(VOCAB_FIELDS)


@app.command("map-value")
def map_value_command(
    raw: Annotated[str, typer.Argument(help="台账中的原始取值，如 调处未果")],
    column: Annotated[str, typer.Option(help=f"列：{COLUMNS}")],
    like: Annotated[str | None, typer.Option(help="按此已知写法理解，如 未成功")] = None,
    code: Annotated[str | None, typer.Option(help="直接指定代码，如 failure")] = None,
    db: DbOption = None,
) -> None:
    """指定取值待确认的写法的含义（存入数据库，放行所有待确认的行，今后导入同样识别）。Map a held value."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            done = map_value(conn, raw, column, like=like, code=code, actor=cli_actor())
    except VocabularyError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"已将“{printable(raw)}”映射为 {done.code}（列 {column}），{done.rows} 条记录已确认")


@app.command("unmap-value")
def unmap_value_command(
    raw: Annotated[str, typer.Argument(help="已映射的原始取值")],
    column: Annotated[str, typer.Option(help=f"列：{COLUMNS}")],
    db: DbOption = None,
) -> None:
    """撤销取值映射：相关记录恢复默认含义或重新待确认。Undo a value mapping."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            rows = unmap_value(conn, raw, column, actor=cli_actor())
    except VocabularyError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"已删除“{printable(raw)}”的映射，{rows} 条记录的取值随之改变")


vocabulary_app = typer.Typer(help="本单位补充的表头写法和取值写法（数据管理 → 词表）。The office's vocabulary.",
                             no_args_is_help=True)
app.add_typer(vocabulary_app, name="vocabulary")


@vocabulary_app.command("list")
def vocabulary_list(as_json: Annotated[bool, typer.Option("--json")] = False, db: DbOption = None) -> None:
    """The office's entries, oldest first."""
    engine = _engine(db)
    with engine.connect() as conn:
        frame = list_entries(conn)
    engine.dispose()
    if as_json:
        _echo_json(frame.to_dicts())
        return
    if frame.is_empty():
        typer.echo("尚无本单位添加的词表条目（使用随软件提供的默认词表）")
    for e in frame.iter_rows(named=True):
        what = "表头" if e["section"] == "header" else "取值"
        typer.echo(f"#{e['id']} {what} {e['name']}: {e['written']} → {e['target']}（{e['created_by'] or ''}）")


@vocabulary_app.command("export")
def vocabulary_export(out: Annotated[Path, typer.Option(help="写入的 TOML 文件")], db: DbOption = None) -> None:
    """Write the office's entries to a TOML file another county can import."""
    engine = _engine(db)
    with engine.connect() as conn:
        text = export_vocabulary(conn)
    engine.dispose()
    out.write_text(text, encoding="utf-8")
    typer.echo(f"词表已写入 {out}")


@vocabulary_app.command("import")
def vocabulary_import(path: Annotated[Path, typer.Argument(help="词表 TOML 文件")], db: DbOption = None) -> None:
    """Add the entries of an exported vocabulary file; held rows they explain are released."""
    if not path.is_file():
        raise fail(f"文件不存在：{path}")
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            counts = import_vocabulary(conn, path.read_text(encoding="utf-8"), actor=cli_actor())
    except VocabularyError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"新增 {counts['added']}，修改 {counts['changed']}，未变 {counts['unchanged']}；"
               f"{counts['rows']} 条记录的取值随之改变")


@vocabulary_app.command("add-header")
def vocabulary_add_header(
    spelling: Annotated[str, typer.Argument(help="台账中的表头写法，如 办案法院")],
    kind: Annotated[str, typer.Option(help="台账类型，如 litigation")],
    field: Annotated[str, typer.Option(help="对应的列，如 court")],
    db: DbOption = None,
) -> None:
    """Teach the importer a header spelling of the office's ledgers."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            add_header(conn, spelling, kind, field, actor=cli_actor())
    except VocabularyError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"已添加表头写法“{spelling}”→ {kind}.{field}")


@vocabulary_app.command("remove-header")
def vocabulary_remove_header(
    spelling: Annotated[str, typer.Argument(help="要删除的表头写法")],
    kind: Annotated[str, typer.Option(help="台账类型")],
    db: DbOption = None,
) -> None:
    """Remove a header spelling the office added."""
    engine = _engine(db)
    try:
        with engine.begin() as conn:
            remove_header(conn, spelling, kind, actor=cli_actor())
    except VocabularyError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    typer.echo(f"已删除表头写法“{spelling}”")
