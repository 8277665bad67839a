"""Pure chart builders: a small Polars frame in, a Plotly figure out; no Streamlit, no I/O.

Each builder is unit-tested on ``fig.to_dict()`` (sort order, encodings, colours), because a wrong
sort or a dropped category is invisible to a test that only checks that the page did not crash.
"""

from dashboard.charts.bars import build_count_bars, build_rate_bars, build_score_bars
from dashboard.charts.heatmap import build_rate_heatmap
from dashboard.charts.mix import build_mix_donut, build_stage_bars
from dashboard.charts.progress import build_decision_bars
from dashboard.charts.trend import build_monthly_comparison, build_rate_trend

__all__ = [
    "build_count_bars",
    "build_decision_bars",
    "build_mix_donut",
    "build_monthly_comparison",
    "build_rate_bars",
    "build_rate_heatmap",
    "build_rate_trend",
    "build_score_bars",
    "build_stage_bars",
]
