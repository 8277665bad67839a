"""The 通报 the joint-conference office issues, on the briefing's document layout (``etl.briefing.model``).

- :mod:`layout` — the shared notice: red masthead of the office, title, 主送, body, tables, 落款, 抄送;
- :mod:`losses` — the 败诉案件通报: every lost case of a period by unit, with cause and rectification;
- :mod:`appearance` — the 出庭应诉通报: per unit, who appeared at the period's hearings, every hearing
  without the head named, the units below target reminded;
- :mod:`reviews` — what the office records about each lost case, stored and audited.
"""
