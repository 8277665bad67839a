"""The indicator layer: every indicator defined once, computed the same way everywhere
(definitions in docs/indicators.md).

Typical use (dashboard, briefing, CLI)::

    facts = load_facts(engine)                       # once per data version; cache and share it
    period = parse_period("2025H1", today=facts.as_of)
    result = compute_indicators(facts, period, Filters(unit_ids=(3,)), load_definitions())
    result["loss_rate"].value, result.to_json_dict()
    table = compute_grouped(facts, period, Filters(), by="unit")   # see etl.metrics.compute for columns

All compute functions are pure functions of frozen inputs, so they can be cached by
(data version, period, filters). Rates are fractions; a rate with a zero denominator is None.
"""

from etl.metrics.admin import delete_scheme, read_scheme_file, save_scheme, save_target, scheme_to_definition
from etl.metrics.alerts import KINDS as WARNING_KINDS
from etl.metrics.alerts import compute_warnings
from etl.metrics.compute import (
    CHANGE_POINTS,
    CHANGE_RELATIVE,
    GROUPINGS,
    IndicatorValue,
    MetricsResult,
    compute_grouped,
    compute_indicators,
    grouped_values,
    resolve_config,
)
from etl.metrics.definitions import (
    DEFAULT_CONFIG,
    DEFAULT_DEFINITIONS_PATH,
    Definitions,
    DefinitionsError,
    IndicatorConfig,
    WarningRules,
    load_definitions,
    parse_definitions,
)
from etl.metrics.drill import drill_records, open_recommendations, overdue_tasks, with_names
from etl.metrics.durations import FLOWS, days_to_close, pending_ages, pending_cases
from etl.metrics.facts import Facts, facts_from_frames, latest_record_date, load_facts
from etl.metrics.filters import Filters
from etl.metrics.held import held_records
from etl.metrics.key_cases import head_absent_at_key_cases, key_case_list, overdue_key_cases
from etl.metrics.meetings import decisions_by_meeting, meeting_tasks
from etl.metrics.mix import decision_mix
from etl.metrics.periods import (
    Period,
    PeriodError,
    PeriodKind,
    half_period,
    month_period,
    parse_period,
    quarter_period,
    year_period,
    ytd_period,
)
from etl.metrics.ranking import rank, score_fraction
from etl.metrics.registry import (
    DOUBLE_DECLINE_KEY,
    DOUBLE_DECLINE_LABEL,
    INDICATORS,
    INDICATORS_BY_KEY,
    Direction,
    Format,
    Indicator,
    indicator,
)
from etl.metrics.scheme import (
    DEFAULT_SCHEME_PATH,
    Scheme,
    SchemeError,
    SchemeItem,
    Veto,
    load_default_scheme,
    parse_scheme,
    scheme_definition,
    scheme_for_year,
)
from etl.metrics.targets import Status, target_status

__all__ = [
    "CHANGE_POINTS", "CHANGE_RELATIVE", "DEFAULT_CONFIG", "DEFAULT_DEFINITIONS_PATH", "DOUBLE_DECLINE_KEY",
    "DOUBLE_DECLINE_LABEL", "GROUPINGS", "INDICATORS", "INDICATORS_BY_KEY", "Definitions", "DefinitionsError",
    "Direction", "Facts", "Filters", "Format", "Indicator", "IndicatorConfig", "IndicatorValue",
    "MetricsResult", "Period", "PeriodError", "PeriodKind", "Status", "WarningRules", "compute_grouped",
    "compute_indicators", "facts_from_frames", "grouped_values", "half_period", "indicator",
    "latest_record_date", "load_definitions", "load_facts", "month_period", "parse_definitions",
    "parse_period", "quarter_period", "resolve_config", "target_status", "year_period", "ytd_period",
    "WARNING_KINDS", "compute_warnings", "drill_records", "open_recommendations", "overdue_tasks", "with_names",
    "rank", "score_fraction", "DEFAULT_SCHEME_PATH", "Scheme", "SchemeError", "SchemeItem", "Veto",
    "load_default_scheme", "parse_scheme", "scheme_definition", "scheme_for_year", "FLOWS", "days_to_close", "pending_ages",
    "delete_scheme", "read_scheme_file", "save_scheme", "save_target", "scheme_to_definition", "decision_mix",
    "pending_cases", "decisions_by_meeting", "meeting_tasks", "key_case_list", "overdue_key_cases",
    "head_absent_at_key_cases", "held_records",
]
