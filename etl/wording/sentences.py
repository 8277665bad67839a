"""The sentences of documents, the CLI and 预警, written from figures alone.

Small numbers: a rate is stated only when it rests on at least ``min_records`` records; below that
the sentence gives the counts (审结一审案件9件，其中败诉1件), because "败诉率11.1%" over nine cases
dresses one lost case up as a trend. A rate held at zero is 保持为零 and one held at 100% 保持在100%,
not 持平. A not-applicable rate says why (本期无审结一审案件), once.
"""

from __future__ import annotations

from typing import Protocol

from etl.metrics.registry import INDICATORS_BY_KEY
from etl.wording.changes import DEFAULT_MIN_RECORDS, Basis, count_change, rate_change
from etl.wording.labels import basis_words, prose_label
from etl.wording.numbers import Lang, count, percent
from etl.wording.status import target_clause

_EPS = 1e-12


class Figure(Protocol):
    """What the sentences read: ``etl.metrics.IndicatorValue`` has these attributes."""

    # Read-only properties, not plain attributes: IndicatorValue is a frozen dataclass, and a protocol's
    # plain attribute would demand that it be writable.
    @property
    def value(self) -> float | int | None: ...
    @property
    def numerator(self) -> int: ...
    @property
    def denominator(self) -> int | None: ...
    @property
    def previous(self) -> float | int | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def status(self) -> str: ...
    @property
    def sequential(self) -> int | None: ...


def join(*parts: str, lang: Lang = "zh") -> str:
    """Clauses joined by commas, empty ones dropped, closed with a full stop (nothing: empty)."""
    kept = [p for p in parts if p]
    if not kept:
        return ""
    if lang == "zh":
        return "，".join(kept) + "。"
    text = ", ".join(kept)
    return text[:1].upper() + text[1:] + "."


def basis_clause(key: str, numerator: int, denominator: int, lang: Lang = "zh") -> str:
    """审结一审案件86件，其中败诉1件 / 1 of 86 first-instance cases closed lost."""
    num_word, den_word = basis_words(key, lang)
    if lang == "zh":
        return f"{den_word}{denominator}件，其中{num_word}{numerator}件"
    return f"{numerator} of {denominator} {den_word} {num_word}"


def rests_on_enough(denominator: int | None, min_records: int) -> bool:
    return bool(denominator) and int(denominator or 0) >= min_records


def rate_clause(key: str, figure: Figure, lang: Lang = "zh", *, min_records: int = DEFAULT_MIN_RECORDS) -> str:
    """The rate with what it rests on, or only the counts when they are too few for a rate.

    行政诉讼败诉率1.2%（审结一审案件86件，其中败诉1件） / 审结一审案件9件，其中败诉1件 /
    行政诉讼败诉率保持为零（…） / 行政诉讼败诉率不适用（本期无审结一审案件）.
    """
    name = prose_label(key, lang)
    _, den_word = basis_words(key, lang)
    den = figure.denominator or 0
    if figure.value is None or not den:
        return f"{name}不适用（本期无{den_word}）" if lang == "zh" else f"{name}: n/a (no {den_word} in the period)"
    basis = basis_clause(key, figure.numerator, den, lang)
    if den < min_records:
        return basis
    value, previous = float(figure.value), figure.previous
    direction = INDICATORS_BY_KEY[key].direction
    if previous is not None and abs(value - float(previous)) < _EPS and direction is not None:
        if direction.value == "lower" and abs(value) < _EPS:
            return f"{name}保持为零（{basis}）" if lang == "zh" else f"{name} stayed at zero ({basis})"
        if direction.value == "higher" and abs(value - 1) < _EPS:
            return f"{name}保持在100%（{basis}）" if lang == "zh" else f"{name} stayed at 100% ({basis})"
    shown = percent(value, lang)
    if figure.target is not None and shown == percent(figure.target, lang) and abs(value - figure.target) > _EPS:
        shown = percent(value, lang, digits=2)  # 3.03% against a 3% target, not "3%, above the target (3%)"
    return f"{name}{shown}（{basis}）" if lang == "zh" else f"{name} {shown} ({basis})"


def _held(figure: Figure) -> bool:
    return figure.previous is not None and figure.value is not None and \
        abs(float(figure.value) - float(figure.previous)) < _EPS and float(figure.value) in (0.0, 1.0)


def rate_sentence(key: str, figure: Figure, lang: Lang = "zh", *, min_records: int = DEFAULT_MIN_RECORDS,
                  basis: Basis = "yoy", with_basis: bool = True) -> str:
    """One sentence per rate: value and basis, change on the earlier period, status against target.

    ``with_basis=False`` leaves out what a rate rests on when it rests on enough records (a short
    document states it for its key rates only); a rate over too few records always gives its counts.
    """
    ind = INDICATORS_BY_KEY[key]
    enough = figure.value is not None and rests_on_enough(figure.denominator, min_records)
    clause = rate_clause(key, figure, lang, min_records=min_records)
    if enough and not with_basis and not _held(figure):
        clause = (f"{prose_label(key, lang)}{percent(float(figure.value), lang)}" if lang == "zh"  # type: ignore[arg-type]
                  else f"{prose_label(key, lang)} {percent(float(figure.value), lang)}")  # type: ignore[arg-type]
    if not enough:
        if figure.value is None:
            return join(clause, lang=lang)
        return join(clause, (f"因不足{min_records}件，不计算比率" if lang == "zh"
                             else f"fewer than {min_records}, so no rate is given"), lang=lang)
    value = float(figure.value)  # type: ignore[arg-type]
    previous = None if figure.previous is None else float(figure.previous)
    change = "" if _held(figure) else rate_change(value, previous, lang, basis=basis)
    direction = ind.direction.value if ind.direction is not None else None
    return join(clause, change, target_clause(value, figure.target, direction, figure.status, lang), lang=lang)


def count_sentence(key: str, figure: Figure, lang: Lang = "zh", *, min_records: int = DEFAULT_MIN_RECORDS,
                   with_sequential: bool = True) -> str:
    """行政诉讼发案量83件，同比下降5.7%，环比下降28.4%。 (no 环比 when it would repeat the 同比, as for a year)."""
    ind = INDICATORS_BY_KEY[key]
    current = None if figure.value is None else int(figure.value)
    previous = None if figure.previous is None else int(figure.previous)
    head = (f"{prose_label(key, lang)}{count(current, lang)}" if lang == "zh"
            else f"{prose_label(key, lang)}: {count(current, lang)}")
    parts = [head, count_change(current, previous, lang, basis="yoy", min_records=min_records)]
    if with_sequential:
        parts.append(count_change(current, figure.sequential, lang, basis="pop", min_records=min_records))
    direction = ind.direction.value if ind.direction is not None else None
    parts.append(target_clause(current, figure.target, direction, figure.status, lang, is_rate=False))
    return join(*parts, lang=lang)


def figure_sentence(key: str, figure: Figure, lang: Lang = "zh", *, min_records: int = DEFAULT_MIN_RECORDS,
                    with_sequential: bool = True) -> str:
    if INDICATORS_BY_KEY[key].is_rate:
        return rate_sentence(key, figure, lang, min_records=min_records)
    return count_sentence(key, figure, lang, min_records=min_records, with_sequential=with_sequential)


def meeting_progress(decisions: int, done: int, done_on_time: int, overdue: int, lang: Lang = "zh") -> str:
    """What became of a meeting's decisions: 议定事项5项，已完成3项（其中按期完成2项），逾期未完成1项."""
    if lang == "zh":
        return f"议定事项{decisions}项，已完成{done}项（其中按期完成{done_on_time}项），逾期未完成{overdue}项"
    return (f"{decisions} {'decision' if decisions == 1 else 'decisions'}, {done} done ({done_on_time} on time), "
            f"{overdue} overdue")


def meetings_clause(meetings: int, decisions: int, done: int, lang: Lang = "zh") -> str:
    """The period's joint-conference meetings and how many of their decisions are done, in one clause (no
    full stop: a document adds where the per-meeting table is): 本期召开联席会议4次，议定事项40项，已完成35项."""
    if lang == "zh":
        return f"本期召开联席会议{meetings}次，议定事项{decisions}项，已完成{done}项"
    return (f"{meetings} {'meeting' if meetings == 1 else 'meetings'} held in the period agreed {decisions} "
            f"{'decision' if decisions == 1 else 'decisions'}, {done} done")


# --- 预警 (warnings) ------------------------------------------------------------------------------


def volume_rise_message(current: int, previous: int, lang: Lang = "zh", *,
                        min_records: int = DEFAULT_MIN_RECORDS) -> str:
    change = count_change(current, previous, lang, basis="yoy", min_records=min_records)
    if lang == "zh":
        return f"{prose_label('litigation_cases')}{change}（{current}件，上年同期{previous}件）"
    return f"Lawsuits filed {change} ({count(current, 'en')}, {previous} a year earlier)"


def target_message(key: str, figure: Figure, lang: Lang = "zh", *, min_records: int = DEFAULT_MIN_RECORDS) -> str:
    """A rate off its target: 行政诉讼败诉率12%（…），高于目标（2%）; too few records: the counts, then
    the rate's name with the status (…其中败诉1件，行政诉讼败诉率高于目标（2%））."""
    ind = INDICATORS_BY_KEY[key]
    direction = ind.direction.value if ind.direction is not None else None
    value = None if figure.value is None else float(figure.value)
    enough = rests_on_enough(figure.denominator, min_records)
    clause = target_clause(value, figure.target, direction, figure.status, lang, gap=enough)
    if enough:
        return f"{rate_clause(key, figure, lang, min_records=min_records)}，{clause}" if lang == "zh" else \
            f"{rate_clause(key, figure, lang, min_records=min_records)}, {clause}"
    counts = basis_clause(key, figure.numerator, figure.denominator or 0, lang)
    if lang == "zh":
        return f"{counts}，{prose_label(key)}{clause}"
    return f"{counts}; {prose_label(key, 'en').lower()} {clause}"


def overdue_tasks_message(n: int, lang: Lang = "zh") -> str:
    if lang == "zh":
        return f"有{n}项双清单任务逾期未完成"
    return f"{n} joint task overdue" if n == 1 else f"{n} joint tasks overdue"


def unanswered_recommendations_message(n: int, lang: Lang = "zh") -> str:
    if lang == "zh":
        return f"有{n}份司法建议或检察建议逾期未回复"
    if n == 1:
        return "1 judicial or procuratorial recommendation unanswered past its deadline"
    return f"{n} judicial or procuratorial recommendations unanswered past their deadline"


def overdue_key_cases_message(n: int, lang: Lang = "zh") -> str:
    if lang == "zh":
        return f"有{n}件重点案件超过化解期限仍未化解"
    return f"{n} key case unresolved past its deadline" if n == 1 else f"{n} key cases unresolved past their deadline"


def past_time_limit_message(n: int, lang: Lang = "zh") -> str:
    if lang == "zh":
        return f"有{n}件诉讼、复议案件超过法定期限仍未办结"
    if n == 1:
        return "1 lawsuit or reconsideration pending past its statutory time limit"
    return f"{n} lawsuits and reconsiderations pending past their statutory time limit"


def held_note(records: int, lang: Lang = "zh") -> str | None:
    """"3条记录取值待确认（已计入案件数量，暂不计入需要该取值的比率）" — what every page and the briefing say
    while records hold a value the office has not confirmed; None when nothing is held."""
    if records <= 0:
        return None
    if lang != "zh":
        plural = "s" if records != 1 else ""
        return f"{records} record{plural} awaiting a value to be confirmed (counted in volumes, not yet in the rates " \
               "that need the value)"
    return f"{records}条记录取值待确认（已计入案件数量，暂不计入需要该取值的比率）"
