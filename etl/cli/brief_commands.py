"""``liandong brief``: write the joint-conference briefing (工作简报) to a file, e.g. from cron."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated

import typer

from etl import audit
from etl.cli.app import DbOption, app, fail, settings_for
from etl.db.engine import make_engine
from etl.metrics.definitions import DefinitionsError
from etl.metrics.rules import rules_for
from etl.metrics.scheme import SchemeError


@app.command("brief")
def brief(
    period: Annotated[str, typer.Option("--period", help="2025H1, 2025, 2025Q2, 2025-06, 2025YTD, 2025-01-01..2025-06-30")],
    out: Annotated[Path, typer.Option("--out", help="输出文件 output file")],
    fmt: Annotated[str, typer.Option("--format", help="docx | pdf | pptx")] = "docx",
    township: Annotated[str | None, typer.Option("--township", help="只看一个乡镇（街道）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只看一个单位")] = None,
    issue_number: Annotated[int, typer.Option("--issue-number", help="期数 第N期")] = 1,
    issued_on: Annotated[str | None, typer.Option("--date", help="印发日期 YYYY-MM-DD，默认今天")] = None,
    db: DbOption = None,
) -> None:
    """Generate the 工作简报 (DOCX, PDF with embedded fonts, or PPTX) for a period and scope."""
    # Imported here: Altair, vl-convert and the document libraries would slow every other command.
    from etl.briefing.generate import FORMATS, BriefingError, generate_from_engine

    if fmt not in FORMATS:
        raise fail(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    try:
        day = dt.date.fromisoformat(issued_on) if issued_on else None
    except ValueError:
        raise fail(f"无效的日期“{issued_on}”，请使用 YYYY-MM-DD。") from None
    settings = settings_for(db)
    try:
        rules = rules_for(settings)
    except (DefinitionsError, SchemeError) as exc:
        raise fail(str(exc)) from None
    engine = make_engine(settings.db_url)
    started = time.perf_counter()
    try:
        result = generate_from_engine(engine, period, fmt, township=township, unit=unit,
                                      issue_number=issue_number, issued_on=day, rules=rules)
        with engine.begin() as conn:
            audit.record(conn, audit.BRIEFING, audit.cli_actor(), title=result.briefing.title, format=fmt,
                         period=period, township=township, unit=unit, file=str(out))
    except BriefingError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 — a missing/unmigrated database becomes one clear line
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise fail(f"无法生成简报（数据库 {settings.db_url}，请确认已运行 liandong init 并导入数据）：{first_line}") from None
    finally:
        engine.dispose()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(result.content)
    except OSError as exc:
        raise fail(f"无法写入文件 {out}：{exc}") from None
    typer.echo(f"已生成简报 {out}（{result.briefing.title}，{len(result.content) // 1024} KB，"
               f"{time.perf_counter() - started:.1f} 秒）")
