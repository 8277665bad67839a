"""The rules in force: the indicator definitions and the default assessment scheme, with their version.

Both are editable files (``data/indicators.toml``, ``data/assessment/default_scheme.toml``); the
schemes and targets an administrator stores live in the database and change its data version. The
**definitions version** is a digest of the two files' bytes: every cached result is keyed by the data
version *and* this version, so an edited file changes the dashboard at its next rerun — as it changes
the CLI and the briefing — instead of after the next import.

The files are read (a few kilobytes) on every call, and parsed only when their bytes change: reading
is cheaper than trusting modification times, which a quick edit or a copied file can leave unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from etl.cache import BoundedCache
from etl.config import DEFAULT_INDICATORS_FILE, Settings
from etl.metrics.definitions import Definitions, DefinitionsError, definitions_from_text
from etl.metrics.scheme import Scheme, SchemeError, scheme_from_text

#: Parsed rules per content digest: a handful of small objects.
_PARSED: BoundedCache[Rules] = BoundedCache("rules", 2**20, size_of=lambda _rules: 4096)


@dataclass(frozen=True)
class Rules:
    definitions: Definitions
    default_scheme: Scheme
    #: Digest of both files' bytes (16 hex digits); part of every cache key of computed figures.
    version: str


def _read(path: Path, optional: bool) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if optional:
            return None
        raise


def load_rules(indicators_file: Path, scheme_file: Path) -> Rules:
    """The rules of these two files. A missing shipped definitions file means the built-in defaults;
    any other missing or invalid file raises :class:`DefinitionsError` / :class:`SchemeError`."""
    try:
        definitions = _read(indicators_file, optional=indicators_file == DEFAULT_INDICATORS_FILE)
    except FileNotFoundError:
        raise DefinitionsError(f"找不到指标定义文件 {indicators_file} (definitions file not found)") from None
    try:
        scheme = _read(scheme_file, optional=False) or b""
    except FileNotFoundError:
        raise SchemeError(f"找不到考核方案文件 {scheme_file}") from None
    digest = hashlib.sha256()
    for part in (definitions or b"<built-in>", b"\0", scheme):
        digest.update(part)
    version = digest.hexdigest()[:16]

    def parse() -> Rules:
        parsed = (Definitions() if definitions is None
                  else definitions_from_text(definitions.decode("utf-8"), indicators_file))
        return Rules(parsed, scheme_from_text(scheme.decode("utf-8"), scheme_file), version)

    return _PARSED.get_or_compute((str(indicators_file), str(scheme_file), version), parse)


def rules_for(settings: Settings) -> Rules:
    """The rules a process with these settings uses."""
    return load_rules(settings.indicators_file, settings.scheme_file)


__all__ = ["Rules", "load_rules", "rules_for"]
