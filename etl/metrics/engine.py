"""The aggregation engine: numerator and denominator sums for every indicator, per group or region.

Two stages, so that a filter change does not re-evaluate any indicator mask
(docs/decisions/0003-two-stage-indicator-engine.md):

1. **Flags** (per fact table, period set, configuration and instance choice; cached). Every output
   sum ``{key}__num__{tag}`` / ``{key}__den__{tag}`` is one boolean per row — "in this compared
   period and in this indicator's mask" — and a row's booleans are packed into integer columns
   ``__flags0``, ``__flags1`` … (62 bits each; bit *i* = output column *i*). Rows whose flags are
   all zero count in no sum but stay, so that their group still appears (with zeros) as it would in
   a group-by over the span. The cached frame holds the columns the filters and groupings read
   (``Filters.ROW_COLUMNS``) and the flags. Counted once more by the grouping column alone (or by
   nothing, for the region row), it becomes a "cube" of ``(group, flags, count)``: a few thousand
   rows instead of hundreds of thousands, for the calls without a row filter.
2. **Sums** (every call). Without a row filter, the cube; with one (township, unit, area, court,
   region), the cached flags filtered by it — a vectorised ``is_in`` that keeps a share of the rows.
   Each output sums the counts of the rows whose bit is set, per group: in NumPy when there are few
   rows (:data:`SMALL_CUBE`), else in one Polars group-by; all tables collected together.

Indicator masks see only ``Filters.for_masks()`` (the instance choice), never the row filters, which
the engine applies as row filters; so a township or unit change reuses stage 1. Periods may overlap
(a year's 同比 and 环比 are the same span): they are separate bits, not a tag column. Rates skip the
环比 tag ``seq``, which only counts report.

The flags cache is the process's one cache primitive (``etl.cache.BoundedCache``): keyed by the
indicators, the compared periods, the configuration and the instance choice, tied to the fact frame
it was computed from (a weak reference: a reloaded ``Facts`` never meets old flags, which go with
their frame), bounded by bytes (:data:`CACHE_BYTES`, or the server's ``LIANDONG_FLAG_CACHE_MB``), and
computed once when several sessions ask at the same moment. ``cache=False`` bypasses it with a single
pass of boolean sums (one-off periods such as the months of a by-month table).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from etl.cache import BoundedCache
from etl.metrics.definitions import IndicatorConfig
from etl.metrics.facts import FACT_NAMES, Facts
from etl.metrics.filters import Filters
from etl.metrics.periods import Period
from etl.metrics.registry import INDICATORS, Indicator

#: ``county``: the defendant's county (``region_id``), the map's unit in a city or province database.
GROUP_COLUMNS = {"unit": "unit_id", "township": "township_id", "area": "area_id", "county": "region_id"}
SEQUENTIAL = "seq"  # the tag of the 环比 period in ``periods``
FLAGS = "__flags"
COUNT = "__n"
#: Bits per packed flag column (an Int64 keeps 63 value bits; one spare keeps every word positive).
WORD_BITS = 62
#: Upper bound of the flags cache (estimated frame sizes); least recently used entries go first.
CACHE_BYTES = 256 * 1024 * 1024
#: Up to this many rows the bits are expanded in NumPy, above it in a Polars group-by (measured:
#: NumPy 3x faster on a 3,000-row cube, Polars 2.5x faster on 15,000 filtered rows).
SMALL_CUBE = 5_000
#: A kind of row filter that kept more rows than this gets its own cube on its next use.
WIDE_ROWS = 10_000


def in_period(column: str, period: Period) -> pl.Expr:
    return pl.col(column).is_between(pl.lit(period.start), pl.lit(period.end), closed="both")


def indicator_flags(ind: Indicator, periods: dict[str, Period], config: IndicatorConfig,
                    filters: Filters) -> list[tuple[str, pl.Expr]]:
    """(output column, row boolean) for one indicator: the row counts in that sum when true."""
    den_mask, num_mask = ind.masks(config, filters)
    flags: list[tuple[str, pl.Expr]] = []
    for tag, period in periods.items():
        if tag == SEQUENTIAL and ind.is_rate:
            continue  # 环比 is reported for counts only: skipping it saves a third of the rate sums
        den = in_period(ind.date_column, period) & den_mask
        if not ind.is_rate:
            # A count is its denominator mask: one sum, no separate denominator.
            flags.append((f"{ind.key}__num__{tag}", den.fill_null(False)))
            continue
        if ind.numerator_date_column is None:
            num = den & num_mask
        else:
            num = in_period(ind.num_date, period) & num_mask
        flags.append((f"{ind.key}__num__{tag}", num.fill_null(False)))
        flags.append((f"{ind.key}__den__{tag}", den.fill_null(False)))
    return flags


def _span_filter(indicators: Sequence[Indicator], periods: dict[str, Period]) -> pl.Expr:
    """Rows whose any relevant date falls in any compared period: prunes most rows before packing."""
    columns = sorted({c for i in indicators for c in (i.date_column, i.num_date)})
    lo, hi = min(p.start for p in periods.values()), max(p.end for p in periods.values())
    return pl.any_horizontal([pl.col(c).is_between(pl.lit(lo), pl.lit(hi)) for c in columns])


@dataclass(frozen=True)
class _Layout:
    """Which output sum each bit of each packed word stands for."""

    names: tuple[str, ...]

    @property
    def words(self) -> list[str]:
        return [f"{FLAGS}{w}" for w in range((len(self.names) + WORD_BITS - 1) // WORD_BITS)]


def _flag_frame(frame: pl.DataFrame, table: str, inds: Sequence[Indicator], periods: dict[str, Period],
                config: IndicatorConfig, mask_filters: Filters) -> tuple[_Layout, pl.DataFrame]:
    """Stage 1: the row-filter columns plus packed flags of the rows in the compared periods.

    Rows whose flags are all zero stay: they make their group appear (with zeros) as a group-by
    over the span would, and cost one cube row per combination.
    """
    pairs = [p for i in inds for p in indicator_flags(i, periods, config, mask_filters)]
    layout = _Layout(tuple(name for name, _ in pairs))
    keep = [c for c in Filters.ROW_COLUMNS if c in frame.columns]
    # The booleans first, one column each (Polars shares the date tests between them), then packed
    # with NumPy: packing inside the same projection defeated that sharing and cost ~10x more.
    bits = (frame.lazy().filter(_span_filter(inds, periods))
            .select(*keep, *[b.alias(f"__b{i}") for i, (_, b) in enumerate(pairs)]).collect())
    words = []
    for w, word in enumerate(layout.words):
        chunk = range(w * WORD_BITS, min((w + 1) * WORD_BITS, len(pairs)))
        # The narrowest integer that holds the chunk: a third of the memory traffic of int64.
        kind: type[np.unsignedinteger] = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64)
                                              if np.iinfo(t).bits >= len(chunk))
        packed = np.zeros(bits.height, dtype=kind)
        for i in chunk:
            packed |= bits.get_column(f"__b{i}").to_numpy().view(np.uint8).astype(kind) << kind(i - chunk.start)
        words.append(pl.Series(word, packed.astype(np.int64)))
    return layout, bits.select(keep).with_columns(words)


def _count_by(flags: pl.DataFrame, columns: Sequence[str], words: Sequence[str]) -> pl.DataFrame:
    """``flags`` counted by ``columns`` and the flag words, with ``COUNT``.

    One integer key is much cheaper to group by than several columns (a third to a half of the time
    at province scale), so when the columns are integers and their value ranges and a single word
    fit in 62 bits they are packed into one key (null → 0, value → value − min + 1) and unpacked
    after the group-by; otherwise (the categorical court, several words) a multi-column group-by.
    """
    if len(words) == 1 and flags.height and all(flags.schema[c].is_integer() for c in columns):
        ranges = flags.select([pl.col(c).cast(pl.Int64).min().alias(f"{c}__min") for c in columns]
                              + [pl.col(c).cast(pl.Int64).max().alias(f"{c}__max") for c in columns]
                              + [pl.col(words[0]).max().alias("__w")]).row(0, named=True)
        spans = {c: (ranges[f"{c}__min"] or 0, int(ranges[f"{c}__max"] or 0) - int(ranges[f"{c}__min"] or 0) + 2)
                 for c in columns}
        widths = {c: max(1, (n - 1).bit_length()) for c, (_, n) in spans.items()}
        word_bits = max(1, int(ranges["__w"] or 0).bit_length())
        if sum(widths.values()) + word_bits <= 62:
            key = pl.col(words[0])
            shift = word_bits
            for c in columns:
                code = (pl.col(c).cast(pl.Int64) - spans[c][0] + 1).fill_null(0)
                key = key + code * (1 << shift)
                shift += widths[c]
            counted = flags.group_by(key.alias("__key")).agg(pl.len().alias(COUNT))
            out = [(pl.col("__key") % (1 << word_bits)).alias(words[0])]
            shift = word_bits
            for c in columns:
                code = (pl.col("__key") // (1 << shift)) % (1 << widths[c])  # keys are non-negative
                value = pl.when(code > 0).then(code - 1 + spans[c][0])
                out.append(value.cast(flags.schema[c]).alias(c))
                shift += widths[c]
            return counted.select(*out[1:], out[0], COUNT)
    return flags.group_by([*columns, *words]).agg(pl.len().alias(COUNT))


@dataclass(frozen=True)
class _Entry:
    layout: _Layout
    flags: pl.DataFrame


def _entry_bytes(entry: _Entry) -> int:
    return int(entry.flags.estimated_size())


class _WideKeys:
    """Cube keys of row filters that kept many rows (keys only; a stale one merely builds a cube early)."""

    def __init__(self) -> None:
        self._keys: set[Hashable] = set()
        self._lock = threading.Lock()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._keys

    def add(self, key: Hashable) -> None:
        with self._lock:
            if len(self._keys) > 10_000:
                self._keys.clear()
            self._keys.add(key)

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()


#: Stage-1 frames and cubes, tied to the fact frame they were computed from (its identity, through a
#: weak reference: a reloaded ``Facts`` never meets the old flags, which go with their frame).
FLAG_CACHE: BoundedCache[_Entry] = BoundedCache("flags", CACHE_BYTES, size_of=_entry_bytes)
WIDE = _WideKeys()


def set_flag_cache_bytes(max_bytes: int) -> None:
    """Bound the flags cache to ``max_bytes`` (a server process sets it from its settings)."""
    FLAG_CACHE.resize(max_bytes)


def _prepared(frame: pl.DataFrame, table: str, inds: Sequence[Indicator], periods: dict[str, Period],
              config: IndicatorConfig, mask_filters: Filters, columns: tuple[str, ...],
              filtered: bool) -> tuple[_Layout, pl.DataFrame, Hashable | None]:
    """(layout, rows, pending) for one table: the cube counted by ``columns`` (the grouping and the
    columns of the active row filters) when there is one, else the cached flags themselves.

    Unfiltered calls build their cube at once. Filtered calls read the flags (a vectorised is_in
    keeps a share of them) until a filter of this kind turns out to keep many rows: ``pending`` is
    then marked by the caller and the next such call builds the cube. Township or unit filters, which
    keep few rows, never pay for one.
    """
    # Masks are part of the key (by identity) so that two indicators equal in every other field differ.
    key = (table, tuple((i, i.masks) for i in inds), tuple(periods.items()), config, mask_filters)
    entry = FLAG_CACHE.get_or_compute(
        key, lambda: _Entry(*_flag_frame(frame, table, inds, periods, config, mask_filters)), anchor=frame)
    cube_key = (key, columns)
    if filtered and cube_key not in WIDE:
        counted = FLAG_CACHE.peek(cube_key, anchor=frame)
        if counted is None:
            return entry.layout, entry.flags, cube_key  # one record per row: the caller adds COUNT = 1
    else:
        counted = FLAG_CACHE.get_or_compute(
            cube_key, lambda: _Entry(entry.layout, _count_by(entry.flags, columns, entry.layout.words)), anchor=frame)
    return counted.layout, counted.flags, None


def _sum_rows(rows: pl.DataFrame, layout: _Layout, group: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Sums from ``(group, words…, count)`` rows, in NumPy when few, else in a Polars group-by."""
    if rows.height <= SMALL_CUBE:
        return _expand(rows, layout, group)
    if group is None:
        return _read(rows.select(_bit_sums(layout)), layout, group)
    return _read(rows.group_by(group).agg(_bit_sums(layout)), layout, group)


def _expand(rows: pl.DataFrame, layout: _Layout, group: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(group ids ascending, sums) from cube rows ``(group, words…, count)``: per word, the counts
    per (group, distinct word value) times the 0/1 bit matrix of those values (integer arithmetic)."""
    n = rows.get_column(COUNT).to_numpy().astype(np.int64)
    if group is None:
        ids, inverse = np.zeros(1, dtype=np.int64), np.zeros(rows.height, dtype=np.int64)
    else:
        ids, inverse = np.unique(rows.get_column(group).to_numpy().astype(np.int64), return_inverse=True)
    sums = np.zeros((len(ids), len(layout.names)), dtype=np.int64)
    for w, word in enumerate(layout.words):
        values, which = np.unique(rows.get_column(word).to_numpy().astype(np.int64), return_inverse=True)
        counts = np.bincount(inverse * len(values) + which, weights=n, minlength=len(ids) * len(values))
        width = min(WORD_BITS, len(layout.names) - w * WORD_BITS)
        bits = (values[:, None] >> np.arange(width)) & 1
        sums[:, w * WORD_BITS:w * WORD_BITS + width] = np.rint(counts).astype(np.int64).reshape(len(ids), len(values)) @ bits
    return ids, sums


@functools.lru_cache(maxsize=256)
def _bit_sums(layout: _Layout) -> list[pl.Expr]:
    """Per output, the cube's counts of the rows whose bit is set (built once: ~10 ms of Python)."""
    return [pl.when((pl.col(f"{FLAGS}{j // WORD_BITS}") & (1 << (j % WORD_BITS))) != 0)
            .then(pl.col(COUNT)).otherwise(0).sum().cast(pl.Int64).alias(name)
            for j, name in enumerate(layout.names)]


def _direct(frame: pl.DataFrame, table: str, inds: Sequence[Indicator], periods: dict[str, Period],
            config: IndicatorConfig, filters: Filters, group: str | None) -> tuple[_Layout, pl.LazyFrame]:
    """Uncached: one pass of ``(in period & mask).sum()`` per output over the filtered span."""
    pairs = [p for i in inds for p in indicator_flags(i, periods, config, filters.for_masks())]
    sums = [b.sum().cast(pl.Int64).alias(name) for name, b in pairs]
    lazy = filters.apply(frame, table).filter(_span_filter(inds, periods))
    if group is None:
        return _Layout(tuple(n for n, _ in pairs)), lazy.select(sums)
    return _Layout(tuple(n for n, _ in pairs)), lazy.filter(pl.col(group).is_not_null()).group_by(group).agg(sums)


def _read(sums: pl.DataFrame, layout: _Layout, group: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(group ids ascending, sums matrix groups × outputs) of one table's aggregate."""
    if group is None:
        return np.zeros(1, dtype=np.int64), sums.select(layout.names).to_numpy().astype(np.int64)
    sums = sums.sort(group)
    return sums.get_column(group).to_numpy().astype(np.int64), sums.select(layout.names).to_numpy().astype(np.int64)


@dataclass(frozen=True)
class Sums:
    """The engine's output: one row per group (``ids``, ascending) or one region row (``ids`` None)."""

    ids: np.ndarray | None
    names: tuple[str, ...]
    matrix: np.ndarray  # rows × names, int64

    @property
    def height(self) -> int:
        return int(self.matrix.shape[0])

    def columns(self) -> dict[str, np.ndarray]:
        return {n: self.matrix[:, j] for j, n in enumerate(self.names)}

    def frame(self) -> pl.DataFrame:
        data: dict[str, np.ndarray] = {} if self.ids is None else {"group_id": self.ids}
        data.update(self.columns())
        return pl.DataFrame(data, schema={c: pl.Int64 for c in data})


def compute_sums(facts: Facts, periods: dict[str, Period], filters: Filters, config: IndicatorConfig,
                 by: str | None = None, indicators: Sequence[Indicator] = INDICATORS,
                 cache: bool = True) -> Sums:
    """Sums per group (``by`` = ``unit``/``township``/``area``/``county``) or for the region (``by`` None).

    Outputs are ``{key}__num__{tag}`` and for rates ``{key}__den__{tag}``, in registry order. Rows
    whose group id is null count in the region only; groups without a row in the span are absent.
    """
    group = GROUP_COLUMNS[by] if by is not None else None
    mask_filters = filters.for_masks()
    layouts: list[_Layout] = []
    plans: list[pl.LazyFrame] = []
    readers: list[Callable[[pl.DataFrame, _Layout, str | None], tuple[np.ndarray, np.ndarray]]] = []
    pendings: list[Hashable | None] = []
    for table in FACT_NAMES:
        inds = [i for i in indicators if i.table == table]
        if not inds:
            continue
        frame = facts.frame(table)
        reader: Callable[[pl.DataFrame, _Layout, str | None], tuple[np.ndarray, np.ndarray]] = _read
        if not cache:
            layout, plan = _direct(frame, table, inds, periods, config, filters, group)
            pendings.append(None)
        else:
            keep = [group] if group else []
            used = {*filters.row_columns(table), *keep}
            columns = tuple(c for c in Filters.ROW_COLUMNS if c in used and c in frame.columns)
            layout, rows, pending = _prepared(frame, table, inds, periods, config, mask_filters, columns,
                                              filtered=bool(filters.row_columns(table)))
            lazy = filters.apply(rows, table)
            if group is not None:
                lazy = lazy.filter(pl.col(group).is_not_null())
            count = pl.col(COUNT) if pending is None else pl.lit(1, pl.Int64).alias(COUNT)  # after the filter
            plan, reader = lazy.select(*keep, *layout.words, count), _sum_rows
            pendings.append(pending)
        layouts.append(layout)
        plans.append(plan)
        readers.append(reader)
    frames = pl.collect_all(plans)
    for rows_read, pending in zip(frames, pendings, strict=True):
        if pending is not None and rows_read.height > WIDE_ROWS:
            WIDE.add(pending)  # this kind of filter keeps many rows: cube it next time
    unpacked = [read(f, layout, group) for f, layout, read in zip(frames, layouts, readers, strict=True)]
    names = tuple(n for layout in layouts for n in layout.names)
    if group is None:
        matrix = np.concatenate([m for _, m in unpacked], axis=1) if unpacked else np.zeros((1, 0), np.int64)
        return Sums(None, names, matrix)
    ids = np.unique(np.concatenate([i for i, _ in unpacked])) if unpacked else np.zeros(0, np.int64)
    matrix = np.zeros((len(ids), len(names)), dtype=np.int64)
    col = 0
    for table_ids, table_sums in unpacked:
        matrix[np.searchsorted(ids, table_ids), col:col + table_sums.shape[1]] = table_sums
        col += table_sums.shape[1]
    return Sums(ids, names, matrix)


def aggregate(facts: Facts, periods: dict[str, Period], filters: Filters, config: IndicatorConfig,
              by: str | None = None, indicators: Sequence[Indicator] = INDICATORS,
              cache: bool = True) -> pl.DataFrame:
    """:func:`compute_sums` as a frame: ``group_id`` (grouped only) then the sums, all Int64."""
    return compute_sums(facts, periods, filters, config, by, indicators, cache).frame()
