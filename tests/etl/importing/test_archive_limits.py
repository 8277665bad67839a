"""Files that cannot be ledgers, refused with a Chinese message before they cost the server its memory.

A 8 MB workbook unpacking to 1.2 GB used to drive ``liandong import`` to 2.5 GB (and the server past
its 2 GB cap); a 50 MB CSV on one line raised ``_csv.Error`` into the user's face.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from etl.importing.read import MAX_UNPACKED_BYTES, ReadError, check_archive, read_grids
from tests.hostile_factories import write_xlsx, zip_bomb_xlsx
from tests.support.paths import ROOT

GIB = 1024**3


@pytest.mark.slow
def test_a_zip_bomb_import_fails_in_chinese_with_peak_memory_under_1_gb(sqlite_url: str, tmp_path: Path) -> None:
    bomb = zip_bomb_xlsx(tmp_path / "台账.xlsx", unpacked_mb=1200)
    assert bomb.stat().st_size < 20 * 1024 * 1024
    # The child reports its own high-water mark (VmHWM of its address space) as it exits. Its rusage would
    # not do: Linux folds the forking parent's peak into a child's ru_maxrss at exec, and this test process
    # can be 1.7 GB into a full run.
    report = tmp_path / "peak.txt"
    launcher = ("import atexit, re, sys; from etl.cli import main; out = sys.argv.pop(); "
                "atexit.register(lambda: open(out, 'w').write(re.search(r'VmHWM:\\s+(\\d+)', "
                "open('/proc/self/status').read()).group(1))); sys.argv[0] = 'liandong'; main()")
    done = subprocess.run([sys.executable, "-c", launcher, "import", str(bomb), "--db", sqlite_url, str(report)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Excel 文件解压后过大" in done.stdout and "压缩炸弹" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    peak_kib = int(report.read_text())
    assert 20 * 1024 < peak_kib and peak_kib * 1024 < GIB, f"peak {peak_kib / 1024:.0f} MiB"


def test_a_workbook_within_the_limits_passes_the_check(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", ["单位名称"], [[f"单位{n}"] for n in range(2000)])
    check_archive(path.read_bytes())
    assert read_grids("ok.xlsx", path.read_bytes())[0].grid.height == 2001


def test_declared_sizes_over_the_limit_are_refused_without_unpacking(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zip_bomb_xlsx(tmp_path / "b.xlsx", unpacked_mb=8)
    monkeypatch.setattr("etl.importing.read.MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    with pytest.raises(ReadError, match=r"解压后过大（约 [89] MB）"):
        check_archive(bomb.read_bytes())


def test_an_implausible_compression_ratio_is_refused(tmp_path: Path) -> None:
    bomb = zip_bomb_xlsx(tmp_path / "b.xlsx", unpacked_mb=16, compresslevel=9, cells_per_row=100)  # ~1000:1
    assert 16 * 1024 * 1024 < MAX_UNPACKED_BYTES
    with pytest.raises(ReadError, match="压缩比超过 200:1"):
        read_grids("b.xlsx", bomb.read_bytes())


def test_a_row_wider_than_excel_allows_is_refused_before_the_reader_spends_minutes_on_it(tmp_path: Path) -> None:
    """One row of 250,000 cells (16 MB, a plausible 150:1): the reader's time grows with the square of a
    row's width (4 MB took 8 s, 16 MB two minutes)."""
    wide = zip_bomb_xlsx(tmp_path / "w.xlsx", unpacked_mb=16)
    with pytest.raises(ReadError, match="超过 16384 个单元格"):
        read_grids("w.xlsx", wide.read_bytes())
    rows = zip_bomb_xlsx(tmp_path / "r.xlsx", unpacked_mb=1, cells_per_row=20)  # the same cells in narrow rows
    check_archive(rows.read_bytes())


def test_a_member_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """Declared sizes are only a first check: a member claiming 1 KB that inflates to 8 MB is caught
    while inflating (the reader behind it would believe the data, not the header)."""
    payload = b"<x/>" * (2 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", payload)
    data = bytearray(buffer.getvalue())
    # Patch the uncompressed size (4 bytes at offset 24 of the central directory entry) to 1,000.
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = (1000).to_bytes(4, "little")
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = (1000).to_bytes(4, "little")
    with pytest.raises(ReadError, match="文件损坏|解压后过大"):
        check_archive(bytes(data))


def test_a_one_line_csv_of_megabytes_is_a_chinese_read_error() -> None:
    data = ("单位名称," + "x" * 300_000).encode("utf-8")
    with pytest.raises(ReadError, match="超长的行或单元格"):
        read_grids("一行.csv", data)


def test_the_cli_reports_the_one_line_csv_without_a_traceback(sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "一行.csv"
    path.write_bytes(("x," * 10 + "y" * 50_000_000).encode("utf-8"))  # 50 MB, one line
    done = subprocess.run(["liandong", "import", str(path), "--db", sqlite_url], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ))
    assert done.returncode == 1 and "超长的行或单元格" in done.stdout
    assert "Traceback" not in done.stderr and "_csv.Error" not in done.stdout + done.stderr
