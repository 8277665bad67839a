"""One wording for every surface: tiles, the wall screen, the CLI, 预警 and every document.

A figure is written the same way wherever it appears, because every surface calls these functions:

- :mod:`numbers` — counts (件, 万), rates (fractions shown as per cent), days, 不适用;
- :mod:`changes` — a change and its direction, saying which kind (个百分点 for rates, relative % for
  counts, whole cases for small counts);
- :mod:`status` — the status against a target and the clause that states it (达到目标 …);
- :mod:`verdicts` — 双下降, including the periods and figures where a verdict would mislead;
- :mod:`labels` — indicator labels from the registry (table, prose and short forms), vocabulary labels;
- :mod:`sentences` — the sentences of documents and warnings, with small-number rules.

Everything is a pure function of figures, Chinese first with an English twin (``lang="en"``).
"""

from etl.wording.numbers import Lang

__all__ = ["Lang"]
