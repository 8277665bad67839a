"""Benchmark: a 1,000,000-row litigation CSV imported end to end into SQLite, beside its baselines.

Run: ``python benchmarks/bench_import.py [--rows 1000000] [--repeat 3] [--with-sqlalchemy-pandas]
[--skip-no-court] [--only ours no-court pandas floor]``

Our importer runs on two variants of the same ledger: with the court named (a 填报单位 line), and
(``no-court``) a court's own register with neither a court column nor a 填报单位 line, whose courts come
from each 案号's court code (豫0928 → 河清县人民法院 through the court list). The second must take no
longer than the first.

Every pipeline runs in this process on the same GB18030 CSV (title row, 填报单位 line, header with
synonyms, messy dates, short unit names, a blank row, a 合计 row and a 注 row) into a fresh SQLite
database with the same dimension, doing the same steps: decode, find the header, map synonyms, skip
blank/合计/注 rows, normalise (width, 案号 brackets, type code → instance, dates in five spellings and
Excel serials, appearance, outcomes; a wording no vocabulary knows held, not rejected), resolve unit and
township names, validate, keep the last of duplicate keys, insert in one transaction.

- ``ours``: ``etl.importing`` (also: a row-by-row report of every skipped or rejected row, the merge
  with rows already stored, rollback records, the schema's indexes and constraints);
- ``pandas``: the leanest reasonable pandas import — ``read_csv`` + vectorised ``.str`` transforms +
  ``to_sql`` on a plain ``sqlite3`` connection into the same schema (``pandas_baseline.py``);
- ``floor``: the same transforms in Polars + one ADBC ingest into a fresh table without indexes
  (``polars_floor.py``): what no real import can undercut;
- ``pandas+SQLAlchemy`` (``--with-sqlalchemy-pandas``): the first baseline, ``to_sql`` through a
  SQLAlchemy connection (~130 s for a million rows).

The pipelines run in turn, round after round (``--repeat``), so a change in the machine's load hits
all of them alike; each line prints wall and CPU time (user + system, all threads: less sensitive to a
shared machine), the load average before and after, and the peak resident set size sampled every
20 ms (Polars allocates outside Python, so tracemalloc would under-count it).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from etl.db.engine import make_engine  # noqa: E402
from etl.db.migrate import upgrade  # noqa: E402
from etl.importing.pipeline import ImportOptions, import_file  # noqa: E402
from etl.regions import set_jurisdiction  # noqa: E402

UNITS = {"河清县自然资源局": ["自然资源局", "国土局"], "河清县人力资源和社会保障局": ["人社局"],
         "河清县住房和城乡建设局": ["住建局"], "河清县公安局": ["公安局"], "河清县市场监督管理局": ["市场监管局"],
         "河清县人民政府": ["县政府"], "柳屯镇人民政府": ["柳屯镇政府"]}
TOWNSHIPS = {"柳屯镇": ["柳屯乡"], "城关镇": ["城关街道"], "王庄乡": []}
DEFENDANTS = ["河清县自然资源局", "县自然资源局", "自然资源局", "人社局", "县住建局", "河清县公安局", "市场监管局",
              "县政府", "柳屯镇政府", "翠湖管委会"]
# 另案处理 and 视频出庭 are wordings no shipped vocabulary knows: their rows are held (stored, code null).
OUTCOMES = ["判决驳回诉讼请求", "裁定驳回起诉", "准予撤诉", "判决撤销", "确认违法", "调解", "另案处理", "", ""]
YES_NO = ["是", "否", "√", "×", "出庭", "未出庭", "Y", "N", "1", "0", "视频出庭", ""]
TOWNS = ["柳屯镇", "柳屯乡", "城关镇", "王庄乡", "", "城关街道"]
HEADER = "序号,案号,原告,被诉行政机关,案由,收案日期,开庭日期,审结日期,裁判结果,负责人是否出庭,所属乡镇(街道)"


def make_csv(path: Path, rows: int, court_line: bool = True) -> None:
    """A GB18030 ledger with every messy feature, generated with vectorised Polars expressions; without
    ``court_line`` nothing above the header names the court."""
    i = pl.int_range(0, rows, eager=True)
    day = (i % 700)
    base = pl.date(2023, 1, 1) + pl.duration(days=pl.col("d"))
    frame = pl.DataFrame({"i": i, "d": day})

    def pick(options: list[str], salt: int) -> pl.Expr:
        return pl.lit(pl.Series(options)).get((pl.col("i") * salt + 7) % len(options))

    frame = frame.select(
        (pl.col("i") + 1).cast(pl.String).alias("序号"),
        pl.format("{}{}豫0928行{}{}号", pl.when(pl.col("i") % 3 == 0).then(pl.lit("（")).when(pl.col("i") % 3 == 1)
                  .then(pl.lit("(")).otherwise(pl.lit("〔")),
                  (2023 + pl.col("i") % 3).cast(pl.String) + pl.when(pl.col("i") % 3 == 0).then(pl.lit("）"))
                  .when(pl.col("i") % 3 == 1).then(pl.lit(")")).otherwise(pl.lit("〕")),
                  pick(["初", "初", "初", "终", "审"], 5), (pl.col("i") // 3 + 1).cast(pl.String)).alias("案号"),
        pl.format("原告{}", pl.col("i") % 997).alias("原告"),
        pick(DEFENDANTS, 11).alias("被诉行政机关"),
        pick(["土地行政登记", "工伤认定", "行政处罚", "政府信息公开"], 13).alias("案由"),
        pl.when(pl.col("i") % 5 == 0).then(base.dt.strftime("%Y/%-m/%-d"))
        .when(pl.col("i") % 5 == 1).then(base.dt.strftime("%Y年%-m月%-d日"))
        .when(pl.col("i") % 5 == 2).then(base.dt.strftime("%Y%m%d"))
        .when(pl.col("i") % 5 == 3).then(base.dt.strftime("%Y.%m.%d"))
        .otherwise((pl.col("d") + 44927).cast(pl.String)).alias("收案日期"),
        (base + pl.duration(days=30)).dt.strftime("%Y-%m-%d").alias("开庭日期"),
        pl.when(pl.col("i") % 4 == 0).then(pl.lit("")).otherwise((base + pl.duration(days=90)).dt.strftime("%Y-%m-%d"))
        .alias("审结日期"),
        pick(OUTCOMES, 17).alias("裁判结果"),
        pick(YES_NO, 19).alias("负责人是否出庭"),
        pick(TOWNS, 23).alias("所属乡镇(街道)"),
    )
    with path.open("wb") as fh:
        title = "河清县人民法院行政案件台账\n填报单位：河清县人民法院,填报日期：2025年7月1日\n" if court_line else \
            "行政案件收结案登记表\n统计时间：2023年1月1日至2025年12月31日\n"
        fh.write(title.encode("gb18030"))
        fh.write((HEADER + "\n").encode("gb18030"))
        fh.write(frame.write_csv(include_header=False).encode("gb18030"))
        fh.write(",,,,,,,,,,\n合计,,,,,,,,,,\n注：本表由法院填报,,,,,,,,,,\n".encode("gb18030"))


def fresh_db(directory: Path, name: str) -> str:
    url = f"sqlite:///{directory / name}"
    upgrade(url)
    engine = make_engine(url)
    from etl.db.models import Court, Region, RegionAlias, RegionLevel, Unit, UnitAlias
    with engine.begin() as conn:
        county = set_jurisdiction(conn, "河清县")
        conn.execute(Court.__table__.insert().values(name="河清县人民法院", code="豫0928", level="基层"))
        for order, (unit, aliases) in enumerate(UNITS.items()):
            uid = conn.execute(Unit.__table__.insert().values(name=unit, region_id=county, unit_type="agency",
                                                              sort_order=order, active=True)).inserted_primary_key[0]
            for alias in aliases:
                conn.execute(UnitAlias.__table__.insert().values(unit_id=uid, alias=alias))
        for town, aliases in TOWNSHIPS.items():
            tid = conn.execute(Region.__table__.insert().values(name=town, level=RegionLevel.TOWNSHIP,
                                                                parent_id=county)).inserted_primary_key[0]
            for alias in aliases:
                conn.execute(RegionAlias.__table__.insert().values(region_id=tid, alias=alias))
    engine.dispose()
    return url


class PeakRss:
    """Samples this process's resident set size; the peak of a phase, not of the whole process."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(0.02)

    def __enter__(self) -> PeakRss:
        self.peak = self._rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """User + system CPU time of this process, all threads (less sensitive to a shared machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def measure(label: str, run: Callable[[], int], rows: int) -> tuple[float, float, int]:
    """(wall s, CPU s, rows loaded) of one run, printed with the load average and the peak RSS."""
    gc.collect()
    load_before = load_average()
    with PeakRss() as rss:
        start, cpu = time.perf_counter(), cpu_seconds()
        loaded = run()
        elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"{label:18s} {elapsed:7.2f} s  {rows / elapsed:>10,.0f} rows/s  CPU {cpu:6.1f} s  loaded {loaded:,}  "
          f"peak RSS {rss.peak / 2**20:,.0f} MiB  (load average {load_before} → {load_average()} on "
          f"{os.cpu_count()} cores)", flush=True)
    return elapsed, cpu, loaded


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the pipelines alternate within each")
    parser.add_argument("--with-sqlalchemy-pandas", action="store_true", help="also the first, slow baseline")
    parser.add_argument("--skip-no-court", action="store_true", help="leave out ours on the court's own register")
    parser.add_argument("--only", nargs="*", default=None,
                        help="run only these pipelines (ours no-court pandas floor)")
    args = parser.parse_args()
    from pandas_baseline import _resolvers, import_with_pandas, import_with_pandas_lean
    from polars_floor import import_floor

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        csv_path = directory / "ledger.csv"
        start = time.perf_counter()
        make_csv(csv_path, args.rows)
        print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 2**20:,.0f} MiB GB18030) in "
              f"{time.perf_counter() - start:.1f} s; Python {sys.version.split()[0]}, polars {pl.__version__}, "
              f"{os.cpu_count()} cores", flush=True)
        template = Path(fresh_db(directory, "template.sqlite").removeprefix("sqlite:///"))
        resolvers = _resolvers(f"sqlite:///{template}")

        def copy(name: str) -> Path:
            target = directory / name
            target.unlink(missing_ok=True)
            target.write_bytes(template.read_bytes())
            return target

        def run_ours(name: str = "ours.sqlite", path: Path = csv_path) -> int:
            engine = make_engine(f"sqlite:///{copy(name)}")
            result = import_file(engine, path.name, path.read_bytes(), ImportOptions())
            engine.dispose()
            assert result.status == "imported", result.message
            p = result.prepared
            assert p.rows_read == p.accepted + p.held + p.duplicates + p.skipped + p.rejected
            assert p.rejected == 0, "every row has a 案号 with a court code"
            return result.counts.inserted

        def run_floor() -> int:
            target = directory / "floor.sqlite"
            target.unlink(missing_ok=True)
            return import_floor(target, csv_path, resolvers)

        pipelines: dict[str, Callable[[], int]] = {"ours": run_ours}
        if not args.skip_no_court:
            register = directory / "register.csv"
            make_csv(register, args.rows, court_line=False)
            pipelines["no-court"] = lambda: run_ours("no_court.sqlite", register)
        pipelines |= {
            "pandas": lambda: import_with_pandas_lean(copy("pandas.sqlite"), csv_path),
            "floor": run_floor,
        }
        if args.with_sqlalchemy_pandas:
            pipelines["pandas+SQLAlchemy"] = lambda: import_with_pandas(f"sqlite:///{copy('sa.sqlite')}", csv_path)
        if args.only:
            pipelines = {k: v for k, v in pipelines.items() if k in args.only}
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in pipelines}
        for round_ in range(args.repeat):
            order = list(pipelines) if round_ % 2 == 0 else list(reversed(pipelines))  # alternate who goes first
            loaded = {}
            for name in order:
                wall, cpu, loaded[name] = measure(name, pipelines[name], args.rows)
                results[name].append((wall, cpu))
            assert len(set(loaded.values())) == 1, f"the pipelines loaded different row counts: {loaded}"
        print("\n| pipeline | wall s (median) | CPU s (median) | wall vs ours | CPU vs ours |\n|---|---:|---:|---:|---:|")
        ours = results.get("ours")
        for name, runs in results.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            if ours:
                ratio_wall = wall / statistics.median(w for w, _ in ours)
                ratio_cpu = cpu / statistics.median(c for _, c in ours)
                print(f"| {name} | {wall:.2f} | {cpu:.2f} | {ratio_wall:.2f}x | {ratio_cpu:.2f}x |")
            else:
                print(f"| {name} | {wall:.2f} | {cpu:.2f} | — | — |")


if __name__ == "__main__":
    main()
