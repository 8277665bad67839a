"""Text normalisation and resolution of unit and township names to the configured dimension.

A name is matched exactly after normalisation, with or without the jurisdiction's name or its
level prefix (河清县自然资源局 = 县自然资源局 = 自然资源局 in 河清县), and through aliases. Nothing is
guessed: a name that matches nothing resolves to ``None`` and goes to the review queue.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")


def normalise_text(value: str | None) -> str | None:
    """NFKC (full-width → half-width), whitespace removed inside CJK names, trimmed; '' → None."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = unicodedata.normalize("NFKC", _SPACE.sub("", text))  # see etl.importing.normalise.clean_name
    return text or None


def prefixes_for(region_name: str | None) -> tuple[str, ...]:
    """The spellings of the jurisdiction that may prefix a unit name, longest first."""
    if not region_name:
        return ()
    name = normalise_text(region_name) or ""
    variants = {name}
    level = name[-1]
    if level in "县区市旗":
        variants.add(level)  # 县自然资源局
        stem = name[:-1]
        if len(stem) >= 2:
            variants.add(stem)  # 河清自然资源局
    return tuple(sorted(variants, key=len, reverse=True))


def match_keys(name: str, region_name: str | None) -> list[str]:
    """Candidate keys for one name: itself, then without the jurisdiction's prefix."""
    base = normalise_text(name)
    if base is None:
        return []
    keys = [base]
    for prefix in prefixes_for(region_name):
        if base.startswith(prefix) and len(base) > len(prefix) + 1:
            keys.append(base[len(prefix):])
            break
    return keys


@dataclass
class NameResolver:
    """Maps normalised names and aliases (with and without the region prefix) to ids."""

    region_name: str | None = None
    _index: dict[str, int] = field(default_factory=dict)
    _ambiguous: set[str] = field(default_factory=set)

    def add(self, entity_id: int, names: Iterable[str | None]) -> None:
        for name in names:
            if not name:
                continue
            for key in match_keys(name, self.region_name):
                known = self._index.get(key)
                if known is not None and known != entity_id:
                    self._ambiguous.add(key)  # two units share a short form: never guess between them
                self._index.setdefault(key, entity_id)

    def resolve(self, name: str | None) -> int | None:
        if name is None:
            return None
        for key in match_keys(name, self.region_name):
            if key in self._ambiguous:
                return None
            if key in self._index:
                return self._index[key]
        return None
