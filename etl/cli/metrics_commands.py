"""``liandong metrics`` and ``liandong rank``: the indicator layer as a stable contract for scripts.

JSON shapes are those of ``MetricsResult.to_json_dict``; names accept the importer's aliases and
county prefixes (``etl.dimensions``), and a name that does not resolve is answered with a suggestion.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from etl.cli.app import DbOption, app, fail, settings_for
from etl.db.engine import make_engine
from etl.metrics import (
    INDICATORS,
    INDICATORS_BY_KEY,
    DefinitionsError,
    Facts,
    Filters,
    IndicatorValue,
    PeriodError,
    SchemeError,
    compute_grouped,
    compute_indicators,
    grouped_values,
    load_definitions,
    load_facts,
    parse_period,
    rank,
)
from etl.metrics.assessment_events import collect_events
from etl.metrics.breakdown import method_table
from etl.metrics.periods import Period
from etl.metrics.ranking_json import ranking_json
from etl.metrics.rules import Rules, rules_for
from etl.metrics.scheme import scheme_for_year
from etl.metrics.scheme_parts import UNIT_TYPE_LABELS
from etl.names import Dimension, unresolved_message
from etl.wording import changes, labels, numbers
from etl.wording.status import status_label
from etl.wording.verdicts import double_decline

PeriodOption = Annotated[str, typer.Option("--period", help="2025, 2025H1, 2025Q3, 2025-06, 2025YTD, 2025-01-01..2025-06-30")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (the stable contract for scripts).")]
DefinitionsOption = Annotated[Path | None, typer.Option(
    "--definitions", help="指标定义文件, default $LIANDONG_INDICATORS_FILE, else data/indicators.toml")]


def _rules(db: str | None, definitions: Path | None) -> Rules:
    """The definitions in force: ``--definitions`` wins over the settings' file; the default scheme with them."""
    settings = settings_for(db)
    try:
        rules = rules_for(settings)
        if definitions is not None:
            return Rules(load_definitions(definitions), rules.default_scheme, rules.version)
        return rules
    except (DefinitionsError, SchemeError) as exc:
        raise fail(str(exc)) from None


def open_facts(db: str | None) -> tuple[Engine, Facts]:
    settings = settings_for(db)
    engine = make_engine(settings.db_url)
    try:
        return engine, load_facts(engine)
    except Exception as exc:  # noqa: BLE001 — a missing/unmigrated database becomes one clear line
        engine.dispose()
        raise fail(f"无法读取数据库 {settings.db_url}（请先运行 liandong init）：{exc}") from None


def _period(text: str, facts: Facts) -> Period:
    try:
        return parse_period(text, today=facts.as_of or dt.date.today())
    except PeriodError as exc:
        raise fail(str(exc)) from None


def _resolve(facts: Facts, unit: list[str], township: list[str], area: list[str],
             region: list[str] | None = None) -> Filters:
    """Names to ids with the facts' resolvers (aliases, region prefix); the first name that does not
    resolve stops the command with a did-you-mean."""
    ids: dict[str, tuple[int, ...]] = {}
    asked: tuple[tuple[Dimension, list[str]], ...] = (
        ("unit", unit), ("township", township), ("area", area), ("county", region or []))
    for dimension, names in asked:
        resolver = facts.names.of(dimension)
        found: list[int] = []
        for name in names:
            resolution = resolver.lookup(name)
            if resolution.id is None:
                raise fail(unresolved_message(dimension, resolution))
            found.append(resolution.id)
        ids[dimension] = tuple(found)
    return Filters(unit_ids=ids["unit"], township_ids=ids["township"], area_ids=ids["area"],
                   region_ids=ids["county"])


def _names(facts: Facts, filters: Filters) -> dict[str, list[str]]:
    """The canonical names of the selected units, townships and areas, for readers of the JSON."""
    out = {}
    for key, frame, ids in (("unit_names", facts.units, filters.unit_ids),
                            ("township_names", facts.townships, filters.township_ids),
                            ("area_names", facts.areas, filters.area_ids),
                            ("region_names", facts.counties, filters.region_ids)):
        lookup = dict(zip(frame["id"].to_list(), frame["name"].to_list(), strict=True))
        out[key] = [lookup.get(i, str(i)) for i in ids]
    return out


def _clean(value: Any) -> Any:
    """JSON without NaN: a float that is not finite becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def indicator_line(key: str, v: IndicatorValue, min_records: int) -> str:
    """One indicator as the text output prints it, in the wording every surface uses (``etl.wording``)."""
    ind = INDICATORS_BY_KEY[key]
    fmt = ind.format.value
    if ind.is_rate:
        basis = f"{v.numerator}/{v.denominator}件；" if v.denominator is not None else ""
        change = changes.rate_change(v.value, v.previous, basis="yoy") if v.value is not None else "—"
    else:
        basis = ""
        change = changes.count_change(v.value, v.previous, basis="yoy", min_records=min_records)
    target = numbers.value(v.target, fmt) if v.target is not None else "—"
    return (f"{labels.label(key)}：{numbers.value(v.value, fmt)}（{basis}上年同期 {numbers.value(v.previous, fmt)}，"
            f"{change}；目标 {target}；{status_label(v.status)}）")


@app.command()
def metrics(
    period: PeriodOption,
    unit: Annotated[list[str] | None, typer.Option("--unit", help="单位名称（可重复）")] = None,
    region: Annotated[list[str] | None, typer.Option("--region", help="县区名称（市级、省级数据库，可重复）")] = None,
    township: Annotated[list[str] | None, typer.Option("--township", help="乡镇名称（可重复）")] = None,
    area: Annotated[list[str] | None, typer.Option("--area", help="领域（可重复）")] = None,
    court: Annotated[list[str] | None, typer.Option("--court", help="法院（可重复）")] = None,
    instance: Annotated[list[str] | None, typer.Option("--instance", help="审级 first/second/retrial/…")] = None,
    by: Annotated[str | None, typer.Option("--by", help="unit | township | area | month")] = None,
    as_json: JsonOption = False,
    definitions: DefinitionsOption = None,
    db: DbOption = None,
) -> None:
    """Every indicator for a period and scope, with 同比/环比, target and status (指标)."""
    if by is not None and by not in {"unit", "township", "area", "month"}:
        raise fail(f"--by 只能是 unit、township、area 或 month，而不是 {by!r}")
    defs = _rules(db, definitions).definitions
    engine, facts = open_facts(db)
    engine.dispose()
    p = _period(period, facts)
    base = _resolve(facts, unit or [], township or [], area or [], region or [])
    filters = Filters(base.township_ids, base.unit_ids, base.area_ids, tuple(court or ()), tuple(instance or ()),
                      base.region_ids)
    result = compute_indicators(facts, p, filters, defs)
    payload = result.to_json_dict()
    payload["filters"].update(_names(facts, filters))
    payload["region"] = facts.region_name
    payload["is_demo"] = facts.is_demo
    if by is not None:
        table = compute_grouped(facts, p, filters, by=by, config=defs)
        payload["groups"] = [
            {"group_id": gid, "name": name, "indicators": {k: v.to_json_dict() for k, v in values.items()},
             "double_decline": dd} for gid, name, values, dd in grouped_values(table)]
    if as_json:
        typer.echo(json.dumps(_clean(payload), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{facts.region_name or ''} {p.label_zh}（{p.start}至{p.end}），同比 {result.previous_period.label_zh}")
    min_records = defs.for_year(p.end.year).rate_min_records
    for ind in INDICATORS:
        typer.echo(f"  {indicator_line(ind.key, result[ind.key], min_records)}")
    cases, loss = result["litigation_cases"], result["loss_rate"]
    verdict = double_decline(cases.value, cases.previous, loss.value, loss.previous, p.kind.value)
    typer.echo(f"  双下降：{verdict.short}（{verdict.sentence}）")


@app.command("rank")
def rank_command(
    period: PeriodOption,
    by: Annotated[str, typer.Option("--by", help="unit | township")] = "unit",
    as_json: JsonOption = False,
    definitions: DefinitionsOption = None,
    db: DbOption = None,
) -> None:
    """Assessment ranking of units or townships (考核排名), with rank change and per-indicator scores."""
    if by not in {"unit", "township"}:
        raise fail(f"--by 只能是 unit 或 township，而不是 {by!r}")
    rules = _rules(db, definitions)
    defs = rules.definitions
    engine, facts = open_facts(db)
    engine.dispose()
    p = _period(period, facts)
    try:
        table = rank(facts, p, by=by, config=rules.definitions, default_scheme=rules.default_scheme)
    except SchemeError as exc:
        raise fail(str(exc)) from None
    scheme = scheme_for_year(facts, p.end.year, rules.default_scheme)
    events = collect_events(facts, p, tuple(r.kind for r in scheme.events), defs)
    rows = ranking_json(table, scheme, events, by, scheme.min_cases or defs.for_year(p.end.year).ranking_min_cases)
    if as_json:
        out = {"period": p.to_json_dict(), "previous_period": p.previous().to_json_dict(), "by": by,
               "scheme": scheme.name, "categories": [c.name for c in scheme.categories], "ranking": rows}
        typer.echo(json.dumps(_clean(out), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{p.label_zh} 考核排名（{'单位' if by == 'unit' else '乡镇'}，{scheme.name}）")
    category = None
    for r in rows:
        if r["category"] != category:
            category = r["category"]
            typer.echo(f" 【{category}】")
        change = "" if r["rank_change"] is None else f"（{r['rank_change']:+d}）"
        veto = f" 一票否决：{r['veto_reason']}" if r["vetoed"] else ""
        place = "未参评" if r["rank"] is None else f"{r['rank']:>3}"
        score = "—" if r["score"] is None else f"{r['score']:.2f}分"
        typer.echo(f"  {place}{change} {r['name']}  {score}{veto}")


@app.command("scheme")
def scheme_command(
    year: Annotated[int, typer.Option("--year", help="考核年度")],
    load: Annotated[Path | None, typer.Option("--load", help="从 .toml/.json 文件导入该年度考核方案")] = None,
    reset: Annotated[bool, typer.Option("--reset", help="删除该年度方案，恢复默认方案")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show, import or reset the assessment scheme of a year (考核方案)."""
    from etl.audit import cli_actor
    from etl.metrics.admin import delete_scheme, read_scheme_file, save_scheme, scheme_to_definition

    default = _rules(db, None).default_scheme
    engine = make_engine(settings_for(db).db_url)
    try:
        if load is not None or reset:
            with engine.begin() as conn:
                if reset:
                    delete_scheme(conn, year, actor=cli_actor())
                if load is not None:
                    save_scheme(conn, year, read_scheme_file(load), actor=cli_actor())
        facts = load_facts(engine)
        scheme = scheme_for_year(facts, year, default)
    except SchemeError as exc:
        raise fail(str(exc)) from None
    finally:
        engine.dispose()
    if as_json:
        out = {"year": year, "name": scheme.name, "source": scheme.source, **scheme_to_definition(scheme)}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    source = "数据库" if scheme.source == "database" else "默认方案文件"
    typer.echo(f"{year}年度考核方案：{scheme.name}（来源：{source}）")
    typer.echo("  考核类别：" + "；".join(f"{c.name}（{'、'.join(UNIT_TYPE_LABELS.get(t, t) for t in c.unit_types)}）"
                                       for c in scheme.categories))
    for row in method_table(scheme).iter_rows(named=True):
        weight = "" if row["权重"] is None else f"权重{row['权重']:g}，"
        typer.echo(f"  {row['指标']}：{weight}{row['计分方法']}")
