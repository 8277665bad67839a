"""``liandong meetings``: the meeting register of a year with each meeting's decisions and their state.

"Today", which decides what is overdue, comes from :data:`today` unless ``--as-of`` names a day, so a
script can ask about a past day and a test can fix the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Annotated

import typer

from etl.cli.app import DbOption, app, fail
from etl.cli.metrics_commands import JsonOption, open_facts
from etl.metrics import year_period
from etl.metrics.meetings import NO_MEETING, decisions_by_meeting, kind_label, progress_json
from etl.text_safety import escape_nonprintable as printable
from etl.wording.sentences import meeting_progress

#: The clock that says which day it is; replaced in tests.
today: Callable[[], dt.date] = dt.date.today


def _day(text: str | None) -> dt.date:
    if text is None:
        return today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"--as-of 应为日期，如 2025-12-31，而不是 {text!r}") from None


@app.command("meetings")
def meetings_command(
    year: Annotated[int, typer.Option("--year", help="会议召开年度")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="按哪一天判断逾期（默认今天），如 2025-12-31")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Each meeting of a year with its decisions (双清单 tasks): done, done on time, overdue (会议落实情况)."""
    day = _day(as_of)
    engine, facts = open_facts(db)
    engine.dispose()
    frame = decisions_by_meeting(facts, as_of=day, period=year_period(year))
    registered = [progress_json(r) for r in frame.filter(frame["registered"]).iter_rows(named=True)]
    others = [{"meeting": r["name"], "decisions": r["decisions"], "done": r["done"],
               "done_on_time": r["done_on_time"], "overdue": r["overdue"], "named_meeting": r["name"] != NO_MEETING}
              for r in frame.filter(~frame["registered"]).iter_rows(named=True)]
    if as_json:
        out = {"year": year, "as_of": day.isoformat(), "region": facts.region_name, "is_demo": facts.is_demo,
               "meetings": registered, "not_in_register": others}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    # Names and 纪要文号 come from ledgers: printed escaped, so none can drive the terminal.
    typer.echo(f"{printable(facts.region_name)} {year}年联席会议及议定事项落实情况（逾期按 {day.isoformat()} 计）")
    if not registered:
        typer.echo("  会议台账中没有该年度的会议。")
    for m in registered:
        typer.echo(f"  {m['date'] or '日期不详'} {printable(m['name'])}（{kind_label(m['kind'])}"
                   f"{'，' + printable(m['minutes_no']) if m['minutes_no'] else ''}）："
                   f"{meeting_progress(m['decisions'], m['done'], m['done_on_time'], m['overdue'])}")
    for o in others:
        what = f"来源会议“{printable(o['meeting'])}”不在会议台账中" if o["named_meeting"] else "未注明来源会议"
        typer.echo(f"  另：{what}的任务{o['decisions']}项，逾期{o['overdue']}项")
