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
    DefinitionsError,
    Facts,
    Filters,
    PeriodError,
    SchemeError,
    Status,
    compute_grouped,
    compute_indicators,
    grouped_values,
    load_definitions,
    load_facts,
    parse_period,
    rank,
)
from etl.metrics.periods import Period
from etl.metrics.rules import Rules, rules_for
from etl.names import Dimension, unresolved_message

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


def _open(db: str | None) -> tuple[Engine, Facts]:
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


def _fmt(value: float | int | None, is_rate: bool) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.1f}%" if is_rate else f"{value:g}"


def _change(change: float | None, is_rate: bool) -> str:
    """同比 change, saying which kind: percentage points for rates, per cent for counts."""
    if change is None:
        return "同比 —"
    if is_rate:
        return f"同比{'上升' if change > 0 else '下降' if change < 0 else '持平'}{abs(change) * 100:.1f}个百分点"
    return f"同比{'上升' if change > 0 else '下降' if change < 0 else '持平'}{abs(change) * 100:.1f}%"


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
    engine, facts = _open(db)
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
    for ind in INDICATORS:
        v = result[ind.key]
        basis = f"{v.numerator}/{v.denominator}" if v.denominator is not None else f"{v.numerator}{ind.unit_zh}"
        typer.echo(f"  {ind.label_zh}：{_fmt(v.value, ind.is_rate)}（{basis}；上年同期 {_fmt(v.previous, ind.is_rate)}，"
                   f"{_change(v.change, ind.is_rate)}；目标 {_fmt(v.target, ind.is_rate)}；{Status(v.status).label_zh}）")
    dd = {True: "是", False: "否", None: "不适用"}[result.double_decline]
    typer.echo(f"  双下降：{dd}")


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
    engine, facts = _open(db)
    engine.dispose()
    p = _period(period, facts)
    try:
        table = rank(facts, p, by=by, config=rules.definitions, default_scheme=rules.default_scheme)
    except SchemeError as exc:
        raise fail(str(exc)) from None
    keys = [c.removesuffix("__score") for c in table.columns if c.endswith("__score")]
    rows = [{"rank": r["rank"], "id": r["group_id"], "name": r["group_name"], "score": r["score"],
             "base_score": r["base_score"], "bonus": r["bonus"], "vetoed": r["vetoed"],
             "veto_reason": r["veto_reason"], "previous_rank": r["previous_rank"], "rank_change": r["rank_change"],
             "indicator_scores": {k: r[f"{k}__score"] for k in keys},
             "indicator_measures": {k: r[f"{k}__measured"] for k in keys}} for r in table.iter_rows(named=True)]
    if as_json:
        out = {"period": p.to_json_dict(), "previous_period": p.previous().to_json_dict(), "by": by, "ranking": rows}
        typer.echo(json.dumps(_clean(out), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{p.label_zh} 考核排名（{'单位' if by == 'unit' else '乡镇'}）")
    for r in rows:
        change = "" if r["rank_change"] is None else f"（{r['rank_change']:+d}）"
        veto = f" 一票否决：{r['veto_reason']}" if r["vetoed"] else ""
        place = "未参评" if r["rank"] is None else f"{r['rank']:>3}"
        typer.echo(f"  {place}{change} {r['name']}  {r['score']:.2f}分{veto}")


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
    from etl.metrics.scheme import scheme_for_year

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
    labels = {i.key: i.label_zh for i in INDICATORS}
    for item in scheme.items:
        what = "同比变化" if item.measure == "change" else "数值"
        typer.echo(f"  {labels[item.key]}（{what}）权重{item.weight:g}，目标{item.target}，零分阈值{item.threshold:g}")
