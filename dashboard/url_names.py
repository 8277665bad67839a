"""Names in a shared link (``?unit=…&town=…&area=…``) resolved like everywhere else — aliases, the
region prefix (``etl.names``) — and never widened silently.

A name that resolves becomes the filter's canonical option. A name that does not is reported in
Chinese (English on the switch) with a did-you-mean. When *none* of a filter's names resolved, the
page would otherwise show the whole county's figures under a link that names one unit; so it shows
no figures at all until the reader picks a suggestion or explicitly asks for everything (不限单位).
This state cannot be misread: there is nothing on the page to misread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import streamlit as st

from dashboard.i18n import Lang, t
from dashboard.markdown_text import escape_markdown
from etl.names import Dimension, NameResolver, Resolution, unresolved_message

#: Session key of the notices still waiting for the reader's choice, per filter key.
NOTICES_KEY = "ld_url_name_notices"
#: The filter bar's label of each dimension, for the "show all" button.
_LABELS: dict[str, str] = {"township": "township", "unit": "agency", "area": "area"}


@dataclass(frozen=True)
class UrlNames:
    """A filter's URL values: the options they name, and those that named nothing usable."""

    chosen: tuple[str, ...]
    unresolved: tuple[Resolution, ...]

    @property
    def blocks(self) -> bool:
        """Nothing resolved although names were given: the figures would silently be everyone's."""
        return bool(self.unresolved) and not self.chosen


def resolve_url_names(values: Sequence[str], resolver: NameResolver, options: Mapping[str, int]) -> UrlNames:
    """Each URL value → the option (canonical name) its id has. A value that resolves to something the
    filter does not offer (a court in the agency filter, a unit outside a liaison's scope) is not found;
    suggestions are only names that lead to an option."""
    names_by_id = {entity_id: name for name, entity_id in options.items()}
    chosen: list[str] = []
    unresolved: list[Resolution] = []
    for value in values:
        if value in options:
            found: Resolution = Resolution(value, id=options[value])
        else:
            found = resolver.lookup(value)
        if found.id is not None and found.id in names_by_id:
            if names_by_id[found.id] not in chosen:
                chosen.append(names_by_id[found.id])
            continue
        offered = tuple(s for s in found.suggestions if resolver.resolve(s) in names_by_id)
        unresolved.append(Resolution(value, candidates=found.candidates if found.id is None else (),
                                     suggestions=offered))
    return UrlNames(tuple(chosen), tuple(unresolved))


@dataclass(frozen=True)
class UrlNotice:
    """What the reader is told about one filter's unresolved URL names."""

    key: str
    dimension: Dimension
    names: UrlNames

    def message(self, lang: Lang) -> str:
        sentences = [unresolved_message(self.dimension, _shown_as_text(r), lang) for r in self.names.unresolved]
        sentences.append(t("url_name_blocked" if self.names.blocks else "url_name_dropped", lang))
        return " ".join(sentences)

    def suggestions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for r in self.names.unresolved for s in r.suggestions))


def _shown_as_text(resolution: Resolution) -> Resolution:
    """The names in a notice Markdown-escaped: the query came from a link anyone can write, and must
    show as the characters it is, never as a link or an image the browser fetches."""
    return replace(resolution, query=escape_markdown(resolution.query),
                   candidates=tuple(escape_markdown(c) for c in resolution.candidates),
                   suggestions=tuple(escape_markdown(c) for c in resolution.suggestions))


def pending_notices() -> dict[str, UrlNotice]:
    notices: dict[str, UrlNotice] = st.session_state.setdefault(NOTICES_KEY, {})
    return notices


def seed_from_url(key: str, dimension: Dimension, resolver: NameResolver, options: Mapping[str, int]) -> None:
    """Once per session (while the filter has no value yet): the filter takes the URL's names, resolved;
    names that resolve to nothing leave a notice."""
    if key in st.session_state:
        return
    values = st.query_params.get_all(key)
    if not values:
        return
    names = resolve_url_names(values, resolver, options)
    st.session_state[key] = list(names.chosen)
    if names.unresolved:
        pending_notices()[key] = UrlNotice(key, dimension, names)


def forget(key: str) -> None:
    """The reader changed this filter: its URL notice is answered."""
    pending_notices().pop(key, None)


def _choose(key: str, names: list[str]) -> None:
    st.session_state[key] = names
    forget(key)


def show_notices(resolvers: Mapping[Dimension, NameResolver], options: Mapping[str, Mapping[str, int]],
                 lang: Lang) -> bool:
    """Each pending notice with its choices (a suggestion, or no filter on that dimension); True while
    one of them blocks the figures."""
    blocked = False
    for key, notice in list(pending_notices().items()):
        blocked = blocked or notice.names.blocks
        box = st.container(border=True)
        box.warning(notice.message(lang), icon=":material/travel_explore:")
        row = box.container(horizontal=True)
        kept = list(notice.names.chosen)
        for suggestion in notice.suggestions():
            suggested = resolvers[notice.dimension].resolve(suggestion)
            canonical = None if suggested is None else {i: n for n, i in options[key].items()}.get(suggested)
            if canonical is not None:
                row.button(t("url_name_use", lang, name=escape_markdown(suggestion)), key=f"url_use_{key}_{suggestion}",
                           on_click=_choose, args=(key, [*kept, canonical]), type="primary")
        what = t(_LABELS[notice.dimension], lang)
        what = what if lang == "zh" else what.lower()
        label = t("url_name_show_all", lang, what=what) if notice.names.blocks else t("url_name_dismiss", lang)
        row.button(label, key=f"url_all_{key}", on_click=_choose, args=(key, kept))
    return blocked
