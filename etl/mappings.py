"""The editable data files of ``data/mappings/``: header synonyms and value wording.

They are read once per process (cached) and handed to the pure transforms as plain dicts, so the
transforms stay testable without files.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.config import MAPPINGS_DIR
from etl.names import normalise_text


def header_key(text: str | None) -> str | None:
    """How a header cell is compared: width-folded, no spaces, brackets unified, no trailing colon."""
    norm = normalise_text(text)
    if norm is None:
        return None
    norm = norm.replace("（", "(").replace("）", ")").rstrip(":：*")
    return norm or None


@dataclass(frozen=True)
class Mappings:
    """Header synonyms per kind (field → spellings) and value wordings per vocabulary (raw → key)."""

    headers: dict[str, dict[str, tuple[str, ...]]]
    values: dict[str, dict[str, str]]

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


def _load_values(raw: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, str]]:
    values: dict[str, dict[str, str]] = {}
    for vocabulary, by_key in raw.items():
        table: dict[str, str] = {}
        for key, spellings in by_key.items():
            for spelling in [*spellings, key]:  # the vocabulary key itself is always accepted
                norm = normalise_text(spelling)
                if norm is not None:
                    table.setdefault(norm, key)
        values[vocabulary] = table
    return values


def load_mappings(directory: Path = MAPPINGS_DIR) -> Mappings:
    with (directory / "headers.toml").open("rb") as fh:
        headers_raw = tomllib.load(fh)
    with (directory / "values.toml").open("rb") as fh:
        values_raw = tomllib.load(fh)
    headers = {kind: {f: tuple(s) for f, s in fields.items()} for kind, fields in headers_raw.items()}
    return Mappings(headers=headers, values=_load_values(values_raw))


@lru_cache(maxsize=4)
def default_mappings(directory: Path = MAPPINGS_DIR) -> Mappings:
    return load_mappings(directory)
