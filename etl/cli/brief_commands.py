"""``liandong brief`` (the 工作简报), ``liandong notice losses`` (the 败诉案件通报) and ``liandong notice
appearance`` (the 出庭应诉通报), written to a file.

A briefing is issued by default: it takes the year's next 期号, recorded in the database. ``--preview``
writes an unnumbered draft; ``--issue N`` issues it as number N (a reissue, or a series that started
on paper).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from etl import audit
from etl.cli.app import DbOption, app, fail, settings_for
from etl.db.engine import make_engine
from etl.metrics.definitions import DefinitionsError
from etl.metrics.rules import rules_for
from etl.metrics.scheme import SchemeError

PeriodOption = Annotated[str, typer.Option("--period", help="2025H1, 2025, 2025Q2, 2025-06, 2025YTD, 2025-01-01..2025-06-30")]
OutOption = Annotated[Path, typer.Option("--out", help="输出文件 output file")]
DateOption = Annotated[str | None, typer.Option("--date", help="印发日期 YYYY-MM-DD，默认今天")]

notice_app = typer.Typer(help="通报 notices: losses (败诉案件通报), appearance (出庭应诉通报)", no_args_is_help=True)
app.add_typer(notice_app, name="notice")


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise fail(f"无效的日期“{text}”，请使用 YYYY-MM-DD。") from None


def _write(out: Path, content: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as exc:
        raise fail(f"无法写入文件 {out}：{exc}") from None


@app.command("brief")
def brief(
    period: PeriodOption,
    out: OutOption,
    fmt: Annotated[str, typer.Option("--format", help="docx | pdf | pptx")] = "docx",
    township: Annotated[str | None, typer.Option("--township", help="只看一个乡镇（街道）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只看一个单位")] = None,
    preview: Annotated[bool, typer.Option("--preview", help="预览稿：不编期号")] = False,
    issue_number: Annotated[int | None, typer.Option("--issue", "--issue-number",
                                                     help="期号 第N期（默认取本年下一期号）")] = None,
    issued_on: DateOption = None,
    db: DbOption = None,
) -> None:
    """Generate the 工作简报 (DOCX, PDF with embedded fonts, or PPTX) for a period and scope."""
    # Imported here: Altair, vl-convert and the document libraries would slow every other command.
    from etl.briefing.generate import FORMATS, BriefingError, generate_from_engine

    if fmt not in FORMATS:
        raise fail(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    if preview and issue_number is not None:
        raise fail("--preview 与 --issue 不能同时使用：预览稿不编期号。")
    day = _day(issued_on)
    settings = settings_for(db)
    try:
        rules = rules_for(settings)
    except (DefinitionsError, SchemeError) as exc:
        raise fail(str(exc)) from None
    engine = make_engine(settings.db_url)
    started = time.perf_counter()
    try:
        result = generate_from_engine(engine, period, fmt, township=township, unit=unit, issue=not preview,
                                      issue_number=issue_number, issued_on=day, actor=audit.cli_actor(),
                                      rules=rules)
        with engine.begin() as conn:
            audit.record(conn, audit.BRIEFING, audit.cli_actor(), title=result.briefing.title, format=fmt,
                         period=period, township=township, unit=unit, file=str(out),
                         issue=result.briefing.issue_line)
    except BriefingError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 — a missing/unmigrated database becomes one clear line
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise fail(f"无法生成简报（数据库 {settings.db_url}，请确认已运行 liandong init 并导入数据）：{first_line}") from None
    finally:
        engine.dispose()
    _write(out, result.content)
    typer.echo(f"已生成简报 {out}（{result.briefing.title}，{result.briefing.issue_line}，"
               f"{len(result.content) // 1024} KB，{time.perf_counter() - started:.1f} 秒）")


@notice_app.command("losses")
def losses(
    period: PeriodOption,
    out: OutOption,
    fmt: Annotated[str, typer.Option("--format", help="docx | pdf")] = "docx",
    issued_on: DateOption = None,
    db: DbOption = None,
) -> None:
    """Generate the 败诉案件通报: every lost case of the period by unit, with cause and rectification."""
    from etl.notices.generate import losses_notice_from_engine

    _notice(losses_notice_from_engine, period, out, fmt, issued_on, db)


@notice_app.command("appearance")
def appearance(
    period: PeriodOption,
    out: OutOption,
    fmt: Annotated[str, typer.Option("--format", help="docx | pdf")] = "docx",
    issued_on: DateOption = None,
    db: DbOption = None,
) -> None:
    """Generate the 出庭应诉通报: per unit, who appeared at the period's hearings (正职 / 副职 / 委托代理人 only /
    not at all), the rate and rank, every hearing without the head, the units below target."""
    from etl.notices.generate import appearance_notice_from_engine

    _notice(appearance_notice_from_engine, period, out, fmt, issued_on, db)


def _notice(build: Callable[..., Any], period: str, out: Path, fmt: str, issued_on: str | None,
            db: str | None) -> None:
    """Build one notice from the database, audit it and write it (shared by every ``notice`` command)."""
    from etl.briefing.generate import BriefingError
    from etl.notices.generate import NOTICE_FORMATS

    if fmt not in NOTICE_FORMATS:
        raise fail(f"不支持的格式“{fmt}”，可选：{'、'.join(NOTICE_FORMATS)}")
    day = _day(issued_on)
    settings = settings_for(db)
    try:
        rules = rules_for(settings)
    except (DefinitionsError, SchemeError) as exc:
        raise fail(str(exc)) from None
    engine = make_engine(settings.db_url)
    try:
        result = build(engine, period, fmt, issued_on=day, config=rules.definitions)
        with engine.begin() as conn:
            audit.record(conn, audit.BRIEFING, audit.cli_actor(), title=result.briefing.title, format=fmt,
                         period=period, file=str(out))
    except BriefingError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 — a missing/unmigrated database becomes one clear line
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise fail(f"无法生成通报（数据库 {settings.db_url}，请确认已运行 liandong init 并导入数据）：{first_line}") from None
    finally:
        engine.dispose()
    _write(out, result.content)
    typer.echo(f"已生成通报 {out}（{result.briefing.title}，{len(result.content) // 1024} KB）")


@notice_app.command("review")
def review(
    case_number: Annotated[str, typer.Argument(help="案号，如 (2025)示0928行初70号")],
    court: Annotated[str | None, typer.Option("--court", help="法院（同一案号在多个法院时必填）")] = None,
    cause: Annotated[str | None, typer.Option("--cause", help="败诉原因")] = None,
    rectification: Annotated[str | None, typer.Option("--rectification", help="整改措施")] = None,
    accountability: Annotated[str | None, typer.Option("--accountability", help="责任追究")] = None,
    db: DbOption = None,
) -> None:
    """Record the cause, rectification and accountability of a lost case (audited; shown in the next notice)."""
    import polars as pl
    from sqlalchemy import select

    from etl.db.models import LitigationCase
    from etl.importing.normalise import case_numbers
    from etl.notices.reviews import save_review

    texts = {k: v for k, v in (("cause_analysis", cause), ("rectification", rectification),
                               ("accountability", accountability)) if v is not None}
    if not texts:
        raise fail("请至少填写 --cause、--rectification 或 --accountability 之一。")
    engine = make_engine(settings_for(db).db_url)
    try:
        with engine.begin() as conn:
            # As typed, or as the importer normalises it (brackets （）, half-width digits).
            spellings = {case_number, case_numbers(pl.Series([case_number]))[0]}
            query = select(LitigationCase.court, LitigationCase.case_number).where(
                LitigationCase.case_number.in_(spellings))
            found = sorted({(c, n) for c, n in conn.execute(query).all() if court is None or c == court})
            if len(found) != 1:
                reason = ("未找到该案号" if not found else
                          f"该案号在多个法院：{'、'.join(c for c, _ in found)}，请用 --court 指定")
                raise fail(f"{reason}：{case_number}")
            courts, number = [found[0][0]], found[0][1]
            save_review(conn, courts[0], number, audit.cli_actor(), **texts)
    finally:
        engine.dispose()
    typer.echo(f"已记录 {number}（{courts[0]}）的整改情况。")
