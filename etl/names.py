"""Text normalisation and resolution of unit, township, area and county names: the one rule every
surface uses (the importer, the CLI, the filter bar, the wall screen, the briefing).

A name is matched exactly after normalisation, with or without the jurisdiction's name or its
level prefix (河清县自然资源局 = 县自然资源局 = 自然资源局 in 河清县), and through aliases. Nothing is
guessed: a name that matches nothing, or a short form two entities share, resolves to ``None`` (an
imported row goes to the review queue). :meth:`NameResolver.lookup` says why and offers the close
names that do resolve, so every surface can answer "未找到单位“自然资原局”，是否指：自然资源局？".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

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


#: How close a known spelling must be to be offered as "did you mean" (difflib's ratio: 2·matches /
#: total length; 自然资原局 → 自然资源局 is 0.8, 资源局 → 自然资源局 0.75, 公安局 → 自然资源局 0.25).
SUGGESTION_CUTOFF = 0.6
SUGGESTIONS = 3


@dataclass(frozen=True)
class Resolution:
    """What a typed name means: one id, or why not — the entities it could mean (ambiguous), or the
    close spellings that do resolve (unknown)."""

    query: str
    id: int | None = None
    candidates: tuple[str, ...] = ()  # ambiguous: the names of the entities sharing this spelling
    suggestions: tuple[str, ...] = ()  # unknown: spellings that resolve and look alike

    @property
    def found(self) -> bool:
        return self.id is not None

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)


@dataclass
class NameResolver:
    """Maps normalised names and aliases (with and without the region prefix) to ids."""

    region_name: str | None = None
    _index: dict[str, int] = field(default_factory=dict)
    _ambiguous: dict[str, set[int]] = field(default_factory=dict)  # spelling → the ids sharing it
    _display: dict[int, str] = field(default_factory=dict)  # id → its first (full) name

    def add(self, entity_id: int, names: Iterable[str | None]) -> None:
        for name in names:
            if not name:
                continue
            self._display.setdefault(entity_id, normalise_text(name) or name)
            for key in match_keys(name, self.region_name):
                known = self._index.get(key)
                if known is not None and known != entity_id:
                    # Two entities share a short form: never guess between them.
                    self._ambiguous.setdefault(key, {known}).add(entity_id)
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

    def name_of(self, entity_id: int) -> str | None:
        """The full name an entity was added under first."""
        return self._display.get(entity_id)

    def lookup(self, name: str) -> Resolution:
        """:meth:`resolve` with the reason when nothing resolves: the candidates of an ambiguous
        spelling, or up to three close spellings (edit similarity over names and aliases)."""
        keys = match_keys(name, self.region_name)
        for key in keys:
            if key in self._ambiguous:
                names = sorted(self._display.get(i, str(i)) for i in self._ambiguous[key])
                return Resolution(name, candidates=tuple(names))
            if key in self._index:
                return Resolution(name, id=self._index[key])
        return Resolution(name, suggestions=self._suggest(keys))

    def _suggest(self, keys: list[str]) -> tuple[str, ...]:
        known = [k for k in self._index if k not in self._ambiguous]
        scored: dict[str, float] = {}
        for key in keys:
            for spelling in difflib.get_close_matches(key, known, n=SUGGESTIONS * 3, cutoff=SUGGESTION_CUTOFF):
                ratio = difflib.SequenceMatcher(None, key, spelling).ratio()
                scored[spelling] = max(ratio, scored.get(spelling, 0.0))
        chosen: list[str] = []
        seen: set[int] = set()
        # Best first; among equals an entity's own name before its aliases (柳屯镇 before 柳屯乡), then the
        # shorter spelling, then by text.
        def rank(spelling: str) -> tuple[float, bool, int, str]:
            own = self._display.get(self._index[spelling]) == spelling
            return -scored[spelling], not own, len(spelling), spelling

        for spelling in sorted(scored, key=rank):
            entity = self._index[spelling]
            if entity not in seen:
                seen.add(entity)
                chosen.append(spelling)
        return tuple(chosen[:SUGGESTIONS])


Dimension = Literal["unit", "township", "area", "county"]
_NOUNS: dict[str, tuple[str, str]] = {"unit": ("单位", "unit"), "township": ("乡镇", "township"),
                                      "area": ("领域", "subject area"), "county": ("县区", "county")}


def unresolved_message(dimension: Dimension, resolution: Resolution, lang: str = "zh") -> str:
    """The one wording of a name that did not resolve, for every surface (CLI, filter bar, screen)."""
    zh, en = _NOUNS[dimension]
    query = resolution.query
    if resolution.ambiguous:
        if lang == "zh":
            return f"{zh}“{query}”有歧义，可能是：{'、'.join(resolution.candidates)}，请写全称。"
        return f'The {en} "{query}" is ambiguous: {", ".join(resolution.candidates)}. Please use the full name.'
    if lang == "zh":
        hint = f"是否指：{'、'.join(resolution.suggestions)}？" if resolution.suggestions else ""
        return f"未找到{zh}“{query}”{'，' + hint if hint else '。'}"
    hint = f" Did you mean: {', '.join(resolution.suggestions)}?" if resolution.suggestions else ""
    return f'No {en} named "{query}".{hint}'
