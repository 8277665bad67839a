"""Text that came from a ledger or a login form, made safe for the places that cannot take any text.

Four rules, each used everywhere its kind of output is produced:

- :func:`strip_control_chars` (Polars) / :data:`CONTROL_CHARS`: C0 and C1 control characters (and the
  XML non-characters U+FFFE/U+FFFF) are removed at import. They are invisible in Excel, meaningless in
  a name, and XML-based renderers (the chart renderer's SVG text, DOCX) reject them.
- :func:`sanitise_label`: one line of printable text of bounded length for anything drawn natively
  (chart labels and titles, briefing documents), whatever the database holds.
- :func:`escape_nonprintable`: a terminal shows ``\\x1b`` instead of obeying an escape sequence.
- :func:`clean_typed_text`: free text typed into a form of the app (a liaison's report, a reminder, an
  uploaded file's name) as it is stored.
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

#: C0 controls except tab, line feed and carriage return (ordinary whitespace that the name rules
#: already remove or keep), DEL, the C1 controls and the two XML non-characters.
CONTROL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]"
CONTROL_CHARS = re.compile(CONTROL_PATTERN)
_LINE_BREAKS = re.compile(r"[\t\n\r\x85\u2028\u2029]+")
#: Longest label drawn in a chart or a document cell: a full unit name is at most 100 characters
#: (etl/db/models.py), so only text that is no name at all is cut.
LABEL_MAX_CHARS = 120
ELLIPSIS = "…"
#: Unicode categories a terminal must not receive raw: control, format, surrogate, private use,
#: unassigned, line and paragraph separators. Spaces (Zs, including the ideographic space) print.
_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
#: What typed text loses: controls, format characters and lone surrogates (line breaks are handled first).
_TYPED_DROPPED = frozenset({"Cc", "Cf", "Cs"})
_TYPED_BREAKS = re.compile(r"\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")


def strip_control_chars(expr: pl.Expr) -> pl.Expr:
    """The text without control characters (vectorised); tab, line feed and carriage return stay."""
    return expr.str.replace_all(CONTROL_PATTERN, "")


def has_control_chars(expr: pl.Expr) -> pl.Expr:
    return expr.str.contains(CONTROL_PATTERN).fill_null(False)


def sanitise_label(text: object, max_chars: int = LABEL_MAX_CHARS) -> str:
    """One printable line of at most ``max_chars`` characters: control characters dropped, line
    breaks and tabs turned into a space, an over-long text cut with an ellipsis."""
    value = "" if text is None else str(text)
    value = _LINE_BREAKS.sub(" ", value)
    value = CONTROL_CHARS.sub("", value)
    if len(value) > max_chars:
        value = value[: max_chars - 1] + ELLIPSIS
    return value


def sanitise_document_text(text: str) -> str:
    """Paragraph text for DOCX/PDF/PPTX: control characters removed, line breaks kept, no length cap
    (a paragraph may be long; a table cell's text is a label, see :func:`sanitise_label`)."""
    return CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))


#: Full-width letters, digits and the ideographic space folded to ASCII, punctuation left alone.
_FULL_WIDTH_ALNUM = {**{code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                       *range(0xFF41, 0xFF5B))}, 0x3000: 0x20}


def clean_typed_text(text: object, max_chars: int | None = None, *, one_line: bool = False,
                     prose: bool = False) -> str | None:
    """Typed text as stored: full-width folded to half-width (NFKC), line breaks as ``\\n`` (a space
    when ``one_line``), tabs as a space, control and invisible format characters (zero-width, direction
    overrides: they make stored text read differently from what is shown) removed, trimmed, at most
    ``max_chars``; nothing left is None. Private-use characters stay: some 生僻字 in names live there.

    ``prose``: a sentence someone wrote (a report, a reminder, a review) keeps its Chinese punctuation
    （，：；！？） — only letters and digits are folded — since it is printed in documents as typed."""
    if text is None:
        return None
    folded = str(text).translate(_FULL_WIDTH_ALNUM) if prose else unicodedata.normalize("NFKC", str(text))
    value = _TYPED_BREAKS.sub(" " if one_line else "\n", folded).replace("\t", " ")
    value = "".join(c for c in value if c == "\n" or unicodedata.category(c) not in _TYPED_DROPPED)
    value = CONTROL_CHARS.sub("", value).strip()
    return (value if max_chars is None else value[:max_chars].rstrip()) or None


def escape_nonprintable(text: object) -> str:
    """Text for a terminal: every non-printable character (controls, format characters such as
    right-to-left overrides, line and paragraph separators) written as a Python escape."""
    value = "" if text is None else str(text)
    return "".join(_escape(c) if unicodedata.category(c) in _UNPRINTABLE else c for c in value)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
