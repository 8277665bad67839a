"""The words of the print and export action, Chinese first (the dashboard's English switch applies)."""

from __future__ import annotations

from dashboard.i18n import Lang

TEXT: dict[str, tuple[str, str]] = {
    "menu": ("导出", "Export"),
    "menu_help": ("把本页排成 A4 打印稿或图片：标题、期间、筛选条件和数据日期在页首，图表画全，表格不截断，不含筛选控件。",
                  "This page as an A4 print-out or a picture: title, period, filters and data date on top, every "
                  "chart drawn, tables in full, no filter widgets."),
    "pdf": ("打印/导出PDF（A4）", "Print / PDF (A4)"),
    "png": ("导出图片（PNG）", "Picture (PNG)"),
    "screen_heading": ("大屏面板图片（用于汇报幻灯片）", "Wall-screen panel as a picture (for slides)"),
    "screen_panel": ("面板", "Panel"),
    "screen_theme": ("底色", "Background"),
    "theme_dark": ("深色（同大屏）", "Dark (as on the wall)"),
    "theme_light": ("浅色（适合白底幻灯片）", "Light (for white slides)"),
    "screen_png": ("导出面板图片（PNG）", "Panel picture (PNG)"),
    "period": ("期间", "Period"),
    "townships": ("乡镇（街道）", "Townships"),
    "units": ("单位", "Units"),
    "areas": ("领域", "Subject areas"),
    "all": ("全部", "all"),
    "as_of": ("数据截至", "Data as of"),
    "scope": ("查看范围", "Visible to this account"),
    "exported": ("导出时间", "Exported"),
    "demo": ("演示数据 · 示范县为虚构地区", "Demo data · an invented county"),
    "tab": ("标签页", "Tab"),
    "rows_cut": ("表格共{total}行，此处列出前{shown}行；完整清单请在页面上用表格下方的下载按钮导出。",
                 "{total} rows; the first {shown} are printed. Download the full list below the table on the page."),
    "page_of": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
}


def x(key: str, lang: Lang = "zh", **values: object) -> str:
    """The export text ``key`` in ``lang``, with ``values`` filled in."""
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**values)
