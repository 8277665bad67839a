"""DOCX and PPTX name the 公文 faces whatever this machine has, and need no fontconfig: a briefing made
in a process whose PATH has no ``fc-list`` (as on Windows or macOS) sets its body in 仿宋_GB2312, with
the substitutes Word and WPS use where a desk lacks a face."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn as a_qn

from etl.briefing.model import heading_level
from etl.briefing.office_fonts import OFFICIAL
from etl.db.engine import make_engine
from tests.ledger_factories import briefing_ledger
from tests.support.paths import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def without_fontconfig(folder: Path) -> dict[str, str]:
    """The environment with a PATH of one empty folder: no fc-list, no other program either."""
    empty = folder / "bin"
    empty.mkdir()
    return {**os.environ, "PATH": str(empty), "PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> dict[str, Path]:
    """The small ledger's briefing as DOCX and PPTX, each made by ``liandong brief`` without fc-list."""
    folder = tmp_path_factory.mktemp("no_fontconfig")
    shutil.copy(sqlite_template, folder / "ledger.sqlite")
    url = f"sqlite:///{folder / 'ledger.sqlite'}"
    engine = make_engine(url)
    briefing_ledger(engine)
    engine.dispose()
    env = without_fontconfig(folder)
    probe = subprocess.run([sys.executable, "-c", "import shutil; print(shutil.which('fc-list'))"], env=env,
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "None"
    files = {}
    for fmt in ("docx", "pptx"):
        files[fmt] = folder / f"brief.{fmt}"
        done = subprocess.run([sys.executable, "-c", "from etl.cli import main; main()", "brief", "--period",
                               "2025H1", "--format", fmt, "--out", str(files[fmt]), "--preview", "--db", url],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    return files


def test_docx_made_without_fontconfig_names_fangsong_gb2312_for_the_body(made: dict[str, Path]) -> None:
    doc = Document(io.BytesIO(made["docx"].read_bytes()))
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    body = [r for r in runs if r.font.size is not None and r.font.size.pt == 16 and "同比" in r.text]
    assert body and {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in body} == {"仿宋_GB2312"}
    assert {r._element.rPr.rFonts.get(qn("w:hint")) for r in body} == {"eastAsia"}
    by_text = {r.text: r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert by_text["示范县府院府检联动工作简报"] == "方正小标宋简体"  # the masthead
    headings = [t for t in by_text if t.startswith("一、")]
    assert headings and by_text[headings[0]] == "黑体"
    names = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert not any("Noto" in (n or "") for n in names)  # never the server's font


def test_docx_font_table_tells_word_and_wps_what_to_substitute(made: dict[str, Path]) -> None:
    doc = Document(io.BytesIO(made["docx"].read_bytes()))
    table = etree.fromstring(doc.part.part_related_by(RT.FONT_TABLE).blob)
    entries = {f.get(f"{W}name"): f for f in table.findall(f"{W}font")}
    expected = {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "黑体": "SimHei", "楷体_GB2312": "楷体"}
    for name, alt in expected.items():
        entry = entries[name]
        assert entry.find(f"{W}altName").get(f"{W}val") == alt
        assert entry.find(f"{W}charset").get(f"{W}val") == "86"  # GB2312
        assert [child.tag.removeprefix(W) for child in entry] == ["altName", "panose1", "charset", "family", "pitch",
                                                                   "sig"]  # the schema's order: Word rejects others


def test_pptx_made_without_fontconfig_sets_east_asian_faces_with_substitution_hints(made: dict[str, Path]) -> None:
    prs = Presentation(str(made["pptx"]))
    east_asian = [el for slide in prs.slides for el in slide.shapes._spTree.iter(a_qn("a:ea"))]
    faces = {el.get("typeface") for el in east_asian}
    assert faces <= {f.name for f in OFFICIAL.faces} and "仿宋_GB2312" in faces and "黑体" in faces
    assert {el.get("charset") for el in east_asian} == {"-122"}  # GB2312, as PowerPoint writes it


def test_second_level_headings_are_told_by_their_numbering() -> None:
    assert [heading_level(h) for h in ("一、总体情况", "（一）自然资源局（败诉1件）", "(二)住建局", "（11）某局", "十、其他")] == \
        [1, 2, 2, 2, 1]
