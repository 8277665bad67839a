"""The status of a figure against its target, in words.

The status itself (met / close / missed / n/a, and how wide the 接近 band is) is decided once, by
``etl.metrics.targets``; here it is only named, so a tile's 接近 and a briefing's 略高于目标 are the
same judgement. A "lower is better" target is a ceiling (控制在目标以内), the others a floor.
"""

from __future__ import annotations

from etl.wording.numbers import Lang, count, percent, points

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "met": ("达标", "met"), "close": ("接近", "close"), "missed": ("未达标", "missed"), "n/a": ("不适用", "n/a"),
}


def status_label(status: str | None, lang: Lang = "zh") -> str:
    zh, en = STATUS_LABELS.get(status or "n/a", STATUS_LABELS["n/a"])
    return zh if lang == "zh" else en


def _gap(value: float, target: float, is_rate: bool, lang: Lang) -> str:
    if is_rate:
        return f"{points(value - target)}个百分点" if lang == "zh" else f"{points(value - target)} pp"
    return count(abs(value - target), lang)


def target_clause(value: float | None, target: float | None, direction: str | None, status: str | None,
                  lang: Lang = "zh", *, is_rate: bool = True, gap: bool = True) -> str:
    """达到目标（90%） / 控制在目标（2%）以内 / 略高于目标（2%） / 未达到目标（60%），相差1.9个百分点 …

    Empty when there is no target, no good direction or no figure (a not-applicable figure has
    nothing to hold against its target and says 不适用 once, elsewhere). ``gap=False`` leaves out how
    far the figure is from a floor, for sentences that state counts instead of a rate.
    """
    if value is None or target is None or direction is None or status in (None, "n/a"):
        return ""
    shown = percent(target, lang) if is_rate else count(target, lang)
    if direction == "higher":
        if status == "met":
            return f"达到目标（{shown}）" if lang == "zh" else f"meets the target ({shown})"
        word = ("接近目标" if lang == "zh" else "close to the target") if status == "close" else \
            ("未达到目标" if lang == "zh" else "below the target")
        if not gap:
            return f"{word}（{shown}）" if lang == "zh" else f"{word} ({shown})"
        short = _gap(value, target, is_rate, lang)
        return f"{word}（{shown}），相差{short}" if lang == "zh" else f"{word} ({shown}), {short} short"
    if status == "met":
        return f"控制在目标（{shown}）以内" if lang == "zh" else f"within the target ({shown})"
    if status == "close":
        return f"略高于目标（{shown}）" if lang == "zh" else f"slightly above the target ({shown})"
    return f"高于目标（{shown}）" if lang == "zh" else f"above the target ({shown})"
