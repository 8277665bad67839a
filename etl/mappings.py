"""Header synonyms and value wording: the shipped defaults of ``data/mappings/`` plus the office's own.

The TOML files are read once per process (cached); the office's additions come from the database
(``etl.importing.vocabulary``) and are laid over the defaults with :meth:`Mappings.with_entries`.
Either way the pure transforms get plain dicts, so they stay testable without files.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.config import MAPPINGS_DIR
from etl.names import normalise_text

#: Punctuation a ledger may or may not write inside a value (驳回上诉，维持原判 / 驳回上诉维持原判).
#: Both this module and the vectorised matcher (etl.importing.normalise) strip exactly these.
VALUE_PUNCTUATION = ",，、;；:：.。!！?？\"'“”‘’()（）[]【】〔〕<>《》-—_/|·"
VALUE_PUNCTUATION_PATTERN = "[" + "".join("\\" + c if c in "[]\\-^" else c for c in VALUE_PUNCTUATION) + "]"
_VALUE_PUNCTUATION = re.compile(VALUE_PUNCTUATION_PATTERN)
_OPEN_BRACKETS = re.compile(r"[\[【〔﹝〖]")
_CLOSE_BRACKETS = re.compile(r"[\]】〕﹞〗]")

#: The vocabulary whose spellings every yes/no column understands, and the one that inherits them.
YES_NO, APPEARANCE = "yes_no", "appearance"
_APPEARANCE_FROM_YES_NO = {"true": "head", "false": "absent"}


def header_key(text: str | None) -> str | None:
    """How a header cell is compared: width-folded, no spaces, every bracket style as (), no trailing
    colon or asterisk — 乡镇（街道） = 乡镇(街道) = 乡镇【街道】."""
    norm = normalise_text(text)
    if norm is None:
        return None
    norm = _CLOSE_BRACKETS.sub(")", _OPEN_BRACKETS.sub("(", norm)).rstrip(":：*")
    return norm or None


def vocabulary_key(text: str | None) -> str | None:
    """How a value is compared with a vocabulary: width-folded, lower case, no spaces, no punctuation
    (Ｃ类。 = C类 = c类)."""
    norm = normalise_text(text)
    if norm is None:
        return None
    return _VALUE_PUNCTUATION.sub("", norm).lower() or None


@dataclass(frozen=True)
class OfficeEntry:
    """One spelling the office added: ``section`` value (name = vocabulary, target = code) or header
    (name = ledger kind, target = field)."""

    section: str
    name: str
    written: str
    target: str


@dataclass(frozen=True)
class Mappings:
    """Header synonyms per kind (field → spellings), value wordings per vocabulary (key → code) and
    the codes each vocabulary has."""

    headers: dict[str, dict[str, tuple[str, ...]]]
    values: dict[str, dict[str, str]]
    codes: dict[str, tuple[str, ...]]

    def header_lookup(self, kind: str) -> dict[str, str]:
        """Normalised header spelling → field, for one kind."""
        lookup: dict[str, str] = {}
        for field, spellings in self.headers[kind].items():
            for spelling in spellings:
                key = header_key(spelling)
                if key is not None:
                    lookup.setdefault(key, field)
        return lookup

    def label(self, kind: str, field: str) -> str:
        return self.headers[kind][field][0]

    def code_of(self, vocabulary: str, spelling: str | None) -> str | None:
        """The code a spelling means in a vocabulary, or None when the vocabulary does not know it."""
        key = vocabulary_key(spelling)
        return self.values[vocabulary].get(key) if key is not None else None

    def with_entries(self, entries: Iterable[OfficeEntry]) -> Mappings:
        """The defaults with the office's spellings: an office value mapping wins over a default one, an
        office header synonym comes after the shipped ones (the first stays the template's header)."""
        headers = {kind: dict(fields) for kind, fields in self.headers.items()}
        values = {name: dict(table) for name, table in self.values.items()}
        for entry in entries:
            if entry.section == "header" and entry.name in headers and entry.target in headers[entry.name]:
                known = headers[entry.name][entry.target]
                if entry.written not in known:
                    headers[entry.name][entry.target] = (*known, entry.written)
            elif entry.section == "value" and entry.name in values:
                key = vocabulary_key(entry.written)
                if key is not None:
                    values[entry.name][key] = entry.target
                    if entry.name == YES_NO and entry.target in _APPEARANCE_FROM_YES_NO:
                        values[APPEARANCE].setdefault(key, _APPEARANCE_FROM_YES_NO[entry.target])
        return Mappings(headers=headers, values=values, codes=self.codes)


def _load_values(raw: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, str]]:
    values: dict[str, dict[str, str]] = {}
    for vocabulary, by_key in raw.items():
        table: dict[str, str] = {}
        for key, spellings in by_key.items():
            for spelling in [*spellings, key]:  # the vocabulary key itself is always accepted
                norm = vocabulary_key(spelling)
                if norm is not None:
                    table.setdefault(norm, key)
        values[vocabulary] = table
    if APPEARANCE in values and YES_NO in values:  # 是/否 keep working in an appearance column
        for spelling, answer in values[YES_NO].items():
            values[APPEARANCE].setdefault(spelling, _APPEARANCE_FROM_YES_NO[answer])
    return values


def load_mappings(directory: Path = MAPPINGS_DIR) -> Mappings:
    with (directory / "headers.toml").open("rb") as fh:
        headers_raw = tomllib.load(fh)
    with (directory / "values.toml").open("rb") as fh:
        values_raw = tomllib.load(fh)
    headers = {kind: {f: tuple(s) for f, s in fields.items()} for kind, fields in headers_raw.items()}
    codes = {name: tuple(by_key) for name, by_key in values_raw.items()}
    return Mappings(headers=headers, values=_load_values(values_raw), codes=codes)


@lru_cache(maxsize=4)
def default_mappings(directory: Path = MAPPINGS_DIR) -> Mappings:
    return load_mappings(directory)
