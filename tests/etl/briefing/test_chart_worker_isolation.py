"""The briefing's chart renderer runs in a worker process: the native abort that a control character
used to cause in the server (exit 134) is now a Chinese error in the caller, and the next chart gets a
fresh worker. Labels are sanitised before they reach the renderer at all."""

from __future__ import annotations

import altair as alt
import pytest

from etl.briefing import chart_process
from etl.briefing.chart_process import ChartRenderError, render_vegalite_png
from etl.briefing.charts import build_comparison_bars, build_ranking_bars, render_png
from etl.text_safety import LABEL_MAX_CHARS

PNG = b"\x89PNG\r\n\x1a\n"


def bar_spec(label: str) -> dict[str, object]:
    return {"data": {"values": [{"name": label, "value": 3}]}, "mark": "bar",
            "encoding": {"x": {"field": "name", "type": "nominal"}, "y": {"field": "value", "type": "quantitative"}}}


def test_a_renderer_abort_is_an_error_here_and_the_next_chart_renders() -> None:
    assert render_vegalite_png(bar_spec("自然资源局")).startswith(PNG)
    first_worker = chart_process.worker_pid()
    assert first_worker is not None
    with pytest.raises(ChartRenderError, match="图表渲染进程异常退出"):
        render_vegalite_png(bar_spec("自然\x07资源局"))  # vl-convert panics on this and aborts its process
    assert render_vegalite_png(bar_spec("住建局")).startswith(PNG)  # this process lives on
    assert chart_process.worker_pid() not in (None, first_worker)


def test_a_renderer_error_is_a_chinese_message() -> None:
    with pytest.raises(ChartRenderError, match="图表无法生成"):
        render_vegalite_png({"mark": "no-such-mark", "data": {"values": []}})


def test_a_hung_render_is_stopped_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    render_vegalite_png(bar_spec("a"))
    monkeypatch.setattr(chart_process, "RENDER_TIMEOUT", 0.0)
    with pytest.raises(ChartRenderError, match="超过 0 秒"):
        render_vegalite_png(bar_spec("b"))
    monkeypatch.undo()
    assert render_vegalite_png(bar_spec("c")).startswith(PNG)


def test_builders_sanitise_labels_and_titles() -> None:
    chart = build_ranking_bars([("自然\x07资源局", 3.0), ("长" * 500, 2.0)], rate=False, title="标题\x1b[31m")
    spec = chart.to_dict()
    names = [row["名称"] for row in next(iter(spec["datasets"].values()))]
    assert names == ["自然资源局", "长" * (LABEL_MAX_CHARS - 1) + "…"]
    assert "标题[31m" in str(spec) and "\x1b" not in str(spec)
    comparison = build_comparison_bars([("败诉率\x07", 0.1, 0.2)], rate=True, title="t")
    assert "败诉率" in str(comparison.to_dict()) and "\x07" not in str(comparison.to_dict())


def test_render_png_draws_a_chart_whose_labels_came_with_control_characters() -> None:
    chart = build_ranking_bars([("自然\x07资源局", 3.0), ("东关\x85街道", 1.0)], rate=False, title="发案量")
    drawn = render_png(chart, "发案量", "Noto Sans CJK SC")
    assert drawn.png.startswith(PNG) and drawn.width_px > 100


def test_every_string_of_a_hand_made_spec_is_cleaned_before_rendering() -> None:
    """A chart from any builder, sanitised or not, cannot carry a control character to the renderer."""
    raw = alt.Chart(alt.Data(values=[{"n": "a\x07b", "v": 1}]), title="x\x07").mark_bar().encode(x="n:N", y="v:Q")
    assert render_png(raw, "x", "Noto Sans CJK SC").png.startswith(PNG)
