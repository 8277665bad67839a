"""Downloadable xlsx templates, generated from the same column spec and synonyms the mapper uses."""

from __future__ import annotations

import io

import xlsxwriter

from etl.importing.spec import SPECS
from etl.mappings import Mappings, default_mappings

#: The sheet a clerk fills holds only the header: an example row there would be imported as a real case
#: by whoever forgets to delete it. Examples live on the 说明 sheet and in each header cell's comment.
EXAMPLE_NOTE = "示例见“说明”页最后一列或表头单元格批注；本页从第 2 行起填写真实数据，不要保留示例。"


def build_template(kind: str, mappings: Mappings | None = None) -> bytes:
    """An xlsx with the header row (each cell's comment giving its example) and a 说明 sheet explaining
    every column with its example; no example row on the data sheet."""
    if kind not in SPECS:
        raise ValueError(f"未知的台账类型: {kind}（可选: {'、'.join(SPECS)}）")
    maps = mappings or default_mappings()
    spec = SPECS[kind]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    data = book.add_worksheet(spec.label.replace("/", "、")[:31])
    for col, column in enumerate(spec.columns):
        data.write_string(0, col, maps.label(kind, column.field), required if column.required else bold)
        data.write_comment(0, col, f"{'必填' if column.required else '可空'}。{column.help}\n示例：{column.example}",
                           {"x_scale": 2, "y_scale": 1.5})
        data.set_column(col, col, max(12, len(column.example) * 2))
    data.freeze_panes(1, 0)
    notes = book.add_worksheet("说明")
    for col, title in enumerate(("列名", "是否必填", "说明", "可接受的其他列名", "示例")):
        notes.write_string(0, col, title, bold)
    for row, column in enumerate(spec.columns, start=1):
        spellings = maps.headers[kind][column.field]
        notes.write_string(row, 0, spellings[0])
        notes.write_string(row, 1, "必填" if column.required else "可空")
        notes.write_string(row, 2, column.help)
        notes.write_string(row, 3, "、".join(spellings[1:]))
        notes.write_string(row, 4, column.example)
    notes.set_column(0, 0, 16)
    notes.set_column(2, 3, 60)
    notes.write_string(len(spec.columns) + 2, 0,
                       "表头可位于标题行、“填报单位/填报日期”行之下；空行、合计/小计行和“注：”说明行会被跳过。")
    notes.write_string(len(spec.columns) + 3, 0, EXAMPLE_NOTE)
    book.close()
    return buffer.getvalue()
