"""A scheme definition written as TOML, the form the office edits (``data/assessment/*.toml``, the
scheme editor). Only the shapes a definition has: scalars, lists, one table, arrays of tables."""

from __future__ import annotations

import json
from typing import Any

from etl.metrics.scheme import Scheme, scheme_definition

ARRAYS = ("indicators", "bonuses", "events", "vetoes")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) and value == int(value) and abs(value) < 1e15 else repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string: JSON's escapes are valid TOML


def _key(key: str) -> str:
    return key if key.isascii() and key.replace("_", "").isalnum() else json.dumps(key, ensure_ascii=False)


def scheme_toml(scheme: Scheme) -> str:
    """The scheme as TOML that :func:`etl.metrics.scheme.parse_scheme` reads back to the same scheme."""
    definition = {"name": scheme.name, **scheme_definition(scheme)}
    lines = [f"{_key(k)} = {_value(v)}" for k, v in definition.items()
             if k not in ARRAYS and not isinstance(v, dict)]
    for name, table in ((k, v) for k, v in definition.items() if isinstance(v, dict)):
        lines += ["", f"[{name}]", *(f"{_key(k)} = {_value(v)}" for k, v in table.items())]
    for name in ARRAYS:
        for entry in definition.get(name, []):
            lines += ["", f"[[{name}]]", *(f"{_key(k)} = {_value(v)}" for k, v in entry.items())]
    return "\n".join(lines) + "\n"
