"""Every import kind: the fact ledgers of the catalogue (``etl.catalog``) and the dimension sheets.

Header spellings live in ``data/mappings/headers.toml``; the column spec types are in
``etl.catalog.columns``.
"""

from __future__ import annotations

from etl.catalog import FACT_NAMES, FACT_TABLES, GEOMETRY_KINDS
from etl.catalog.columns import ALIASES, INT, NAME, NUMBER, TEXT, Column, KindSpec

#: Sheets that describe the dimension or the targets rather than records.
DIMENSION_SPECS: tuple[KindSpec, ...] = (
    KindSpec("targets", "目标值", (
        Column("year", INT, True, "2025", "年度"),
        Column("indicator", "target_indicator", True, "行政诉讼败诉率", "指标名称或键，如 行政诉讼败诉率 / loss_rate"),
        Column("scope", NAME, False, "全县", "范围：空或“全县”=整个辖区；否则填单位或乡镇名称"),
        Column("value", NUMBER, True, "2%", "目标值：比率写 2% 或 0.02，数量写整数"),
    ), ("year", "indicator", "scope")),
    KindSpec("units", "单位名录", (
        Column("name", NAME, True, "河清县自然资源局", "单位全称"),
        Column("aliases", ALIASES, False, "自然资源局、国土局", "别名/简称，用 、 ， ; 或换行分隔"),
        Column("unit_type", "unit_type", False, "部门", "单位类型：部门/乡镇政府/县政府/法院/检察院/其他；空=部门"),
        Column("parent", NAME, False, "河清县", "所属区域；空=本辖区"),
        Column("sort_order", INT, False, "1", "排序号"),
    ), ("name",)),
    KindSpec("courts", "法院名录", (
        Column("name", NAME, True, "河清县人民法院", "法院全称"),
        Column("code", NAME, False, "豫0928", "案号中的法院代字：基层法院如 豫0928，中级法院如 豫09，高级法院如 豫"),
        Column("level", TEXT, False, "基层", "级别：基层/中级/高级/专门(仅作说明)"),
    ), ("name",)),
    KindSpec("townships", "乡镇(街道)名录", (
        Column("name", NAME, True, "柳屯镇", "乡镇(街道)名称"),
        Column("aliases", ALIASES, False, "柳屯乡", "曾用名/别名，用 、 ， ; 或换行分隔"),
        Column("township_type", TEXT, False, "镇", "类型：乡/镇/街道(仅作说明)"),
        Column("parent", NAME, False, "河清县", "所属县区；空=本辖区"),
        Column("code", TEXT, False, "410928101", "行政区划代码"),
    ), ("name",)),
)

SPECS: dict[str, KindSpec] = {s.kind: s for s in (*(t.spec for t in FACT_TABLES), *DIMENSION_SPECS)}
#: The kinds read from sheets (each has a template).
KINDS: tuple[str, ...] = tuple(SPECS)
#: Every import kind: the sheets, then the files of features (outlines), which have no sheet spec.
IMPORT_KINDS: tuple[str, ...] = (*KINDS, *(k.name for k in GEOMETRY_KINDS))
FACT_KINDS: tuple[str, ...] = FACT_NAMES
KIND_LABELS = {**{k: s.label for k, s in SPECS.items()}, **{k.name: k.label for k in GEOMETRY_KINDS}}
