"""The ranking a viewer may see: everyone is ranked county-wide, and a liaison officer sees their own
position, with the others' names replaced by their rank unless the administrator allows them
(``etl.access.ranking_for_viewer``, setting in ``etl.auth.visibility``)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard import auth, comparisons, data
from dashboard import metrics_cache as mc
from dashboard.layout import PageContext
from etl import access
from etl.auth.visibility import ranking_names_visible
from etl.metrics import Facts, Period
from etl.metrics.assessment_events import collect_events


@dataclass(frozen=True)
class RankingView:
    ranking: pl.DataFrame  # labelled (``label``), names masked where the viewer may not see them
    facts: Facts  # what the ranking was computed over: the whole county, also for a liaison officer
    pickable: list[str]  # groups whose score breakdown this viewer may open
    masked: bool
    own_position: str | None = None  # a liaison's own place, e.g. "示范县自然资源局：县直部门第4名（共25个参评），97.74分"
    by: str = "unit"


def breakdown_of(view: RankingView, period: Period, name: str, lang: str) -> pl.DataFrame:
    """The score breakdown of one pickable group (its indicators, bonuses, events and total)."""
    if name not in view.pickable:
        return pl.DataFrame()
    scheme = mc.year_scheme(view.facts, period.end.year)
    row = view.ranking.filter(pl.col("group_name") == name)
    if row.is_empty():
        return pl.DataFrame()
    # The events of the ranking's own definitions (e.g. whether a deputy in court counts as the head).
    events = collect_events(view.facts, period, tuple(r.kind for r in scheme.events), mc.current_rules().definitions)
    min_cases = scheme.min_cases or mc.config_for(period).ranking_min_cases
    return comparisons.score_breakdown(view.ranking, scheme, events, int(row["group_id"][0]), lang,  # type: ignore[arg-type]
                                       view.by, min_cases)


def own_position_text(ranking: pl.DataFrame, own: tuple[int, ...], lang: str) -> str | None:
    """A liaison officer's own place in the ranking, in one sentence (None when not ranked)."""
    rows = ranking.filter(pl.col("group_id").is_in(list(own))) if ranking.height and own else ranking.head(0)
    if rows.is_empty():
        return None
    row = rows.row(0, named=True)
    if row["rank"] is None:
        return (f"{row['group_name']}：本期没有可考核的数据，未参与排名" if lang == "zh" else
                f"{row['group_name']}: nothing to assess this period, not ranked")
    places = comparisons.ranked_only(comparisons.in_category(ranking, row.get("category"))).height
    if lang == "zh":
        return f"{row['group_name']}：{row.get('category') or ''}第{row['rank']}名（共{places}个参评），{row['score']:.2f}分"
    return f"{row['group_name']}: ranked {row['rank']} of {places} ({row.get('category') or ''}), score {row['score']:.2f}"


def ranking_for_viewer(ctx: PageContext, by: str) -> RankingView:
    """The page's ranking for the viewer of this session."""
    scope = auth.viewer_scope(auth.viewer_of_session())
    liaison = not scope.is_everything
    loaded = data.load()
    # A liaison's own facts hold only their rows; a position only means something among all units.
    facts = loaded.facts if liaison else ctx.facts
    ranking = comparisons.ranking_with_labels(
        mc.ranking(facts, ctx.state.period, by=by, filters=comparisons.ranking_filters(ctx.filters, by)), facts, by)
    if not liaison:
        return RankingView(ranking, facts, ranking["group_name"].to_list() if ranking.height else [], False, by=by)
    own = access.own_group_ids(by, scope)
    own_names = ranking.filter(pl.col("group_id").is_in(list(own)))["group_name"].to_list() if ranking.height else []
    with loaded.engine.connect() as conn:
        reveal = ranking_names_visible(conn)
    shown, masked = access.ranking_for_viewer(ranking, scope, by, reveal, ctx.lang)
    return RankingView(shown, facts, own_names, masked, own_position_text(ranking, own, ctx.lang), by)
