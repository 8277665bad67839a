"""Every setting is one field of ``etl.config.Settings``, documented for whoever deploys the dashboard, and
no other module reads the environment for itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from etl.config import environment_fields

ROOT = Path(__file__).resolve().parents[1]
CODE = [p for folder in ("etl", "dashboard", "pages") for p in (ROOT / folder).rglob("*.py")]


def test_every_setting_is_in_the_deployment_guide_with_its_default() -> None:
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    fields = environment_fields()
    assert len(fields) >= 12 and all(name.startswith("LIANDONG_") for name, *_ in fields)
    rows = {line.split("|")[1].strip(): line for line in guide.splitlines() if line.startswith("| `")}
    missing = [name for name, *_ in fields if f"`{name}`" not in rows]
    assert missing == []
    # Set by `liandong serve` rather than read by the code, and documented beside the settings.
    assert "`MALLOC_ARENA_MAX`" in rows
    for name, _field, default, doc in fields:
        assert doc and f"`{default}`" in rows[f"`{name}`"], (name, default)


def test_the_readme_points_at_the_settings_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/deployment.md" in readme and "`LIANDONG_DB_URL`" in readme


def _env_reads(tree: ast.AST) -> list[int]:
    """Lines that read a variable of the environment: os.environ.get / [...] / os.getenv."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = ast.unparse(node.func)
            if target in {"os.environ.get", "os.getenv", "environ.get"}:
                lines.append(node.lineno)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ" and isinstance(node.ctx, ast.Load):
            lines.append(node.lineno)
    return lines


def test_only_the_settings_module_reads_the_environment_or_names_a_variable() -> None:
    offenders = []
    for path in CODE:
        if path == ROOT / "etl" / "config.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Not settings: the child processes of the facts reader and the chart renderer extend PYTHONPATH,
        # and the font search asks the platform where it keeps fonts (WINDIR, XDG_DATA_HOME).
        reads = [n for n in _env_reads(tree)
                 if path.name not in {"facts_loader.py", "chart_process.py", "font_files.py"}]
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        # A bare variable name as a string is a key to look it up with (messages and help may name one).
        named = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and id(node) not in docstrings and re.fullmatch(r"LIANDONG_[A-Z_]+", node.value.strip())]
        offenders += [f"{path.relative_to(ROOT)}:{line}" for line in reads + named]
    assert offenders == []
