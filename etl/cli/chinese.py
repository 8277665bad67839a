"""The command line in Chinese: usage errors, ``--help`` and each command's summary.

Typer draws help and errors in Rich boxes in English, with type tags such as ``<bool>``; its own copy
of Click writes ``Usage:``, ``Error: Missing option '--period'.`` and the like as literal English.
Here the boxes are switched off (plain output, which a Windows console and a log file both show
cleanly) and the two places that print — an error's ``show`` and a context's help text — pass their
text through :func:`chinese`, a table of the English sentences. A sentence missing from the table
stays English rather than failing, so a new Typer can only make the output less Chinese, never break it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import IO, Any

import typer
from typer._click import core as click_core
from typer._click import exceptions as click_exceptions
from typer._click.utils import echo

#: English fragments of Typer's Click → Chinese, applied in order (each a regular expression).
PHRASES: tuple[tuple[str, str], ...] = (
    (r"^Usage: ", "用法："),
    (r"\[OPTIONS\]", "[选项]"),
    (r"COMMAND \[ARGS\]\.\.\.", "命令 [参数]…"),
    (r"^Try '(.+?)' for help\.", r"运行“\1”查看帮助。"),
    (r"Show this message and exit\.", "显示本帮助并退出。"),
    (r"Missing option '(.+?)'\.", r"缺少选项 \1。"),
    (r"Missing argument '(.+?)'\.", r"缺少参数 \1。"),
    (r"Missing parameter: (\S+)", r"缺少参数 \1"),
    (r"Missing command\.", "缺少命令。"),
    (r"No such option: (\S+)", r"没有选项 \1。"),
    (r"\(Possible options: (.+?)\)", r"（可用的选项：\1）"),
    (r"No such command '(.+?)'\.\.? ?", r"没有命令“\1”。"),
    (r"No such command '(.+?)'\.", r"没有命令“\1”。"),
    (r"Did you mean '(.+?)'\?", r"是否指“\1”？"),
    (r"Did you mean (.+?)\?", r"是否指 \1？"),
    (r"Option '(.+?)' requires an argument\.", r"选项 \1 后面需要一个值。"),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"选项 \1 后面需要 \2 个值。"),
    (r"Option '(.+?)' does not take a value\.", r"选项 \1 不接受值。"),
    (r"Got unexpected extra arguments? \((.+?)\)", r"多余的参数（\1）"),
    (r"Invalid value for '(.+?)': ", r"\1 的值无效："),
    (r"Invalid value: ", "值无效："),
    (r"Input should be a valid integer, unable to parse string as an integer", "应为整数"),
    (r"Value '(.+?)' is not a valid (integer|int)\.", r"“\1”不是整数。"),
    (r"Value '(.+?)' is not a valid (float|number)\.", r"“\1”不是数字。"),
    (r"'(.+?)' is not one of (.+?)\.", r"“\1”不在可选值 \2 之中。"),
    (r"(File|Path|Directory) '(.+?)' does not exist\.", r"文件或目录“\2”不存在。"),
    (r"\[default: (.+?)\]", r"[默认：\1]"),
    (r"\[required\]", "[必填]"),
    (r"^Options:?$", "选项："),
    (r"^Commands:?$", "命令："),
    (r"^Arguments:?$", "参数："),
    (r"^Aborted!$", "已取消。"),
)
#: Type tags after an option → Chinese of the same display width, so the help's columns stay aligned.
TYPE_TAGS: dict[str, str] = {"<list[str]>": "<值,可重复>", "<list[int]>": "<数,可重复>", "<str>": "<值>",
                             "<int>": "<数>", "<float>": "<数>", "<path>": "<路径>", "<bool>": ""}
_COMPILED = tuple((re.compile(pattern, re.MULTILINE), replacement) for pattern, replacement in PHRASES)

#: Each command's summary in ``liandong --help``, Chinese first (the docstrings stay for developers).
COMMAND_HELP: dict[str, str] = {
    "init": "创建或升级数据库结构（Alembic 迁移）。Create or upgrade the schema.",
    "demo": "载入虚构的演示县“示范县”（演示数据）。Load the fictional demo county.",
    "serve": "启动看板；未建账号时只允许本机访问。Start the dashboard.",
    "import": "导入台账和乡镇边界（.geojson、Shapefile .zip）：每个文件一个事务、一个批次，被拒绝的行不影响其他行。"
              "Import ledgers and township outlines.",
    "batches": "列出导入批次（最新在前）。List import batches.",
    "rollback": "回滚一个批次：删除其新增的行，恢复其更新的行；先确认。Undo one batch.",
    "unmatched": "未匹配名称清单及其行数。Names that matched no unit or township.",
    "map-name": "把未匹配名称映射到单位或乡镇（保存为别名并重新归属），或新建单位。Map an unmatched name.",
    "template": "生成某类台账的 xlsx 导入模板。Write an import template.",
    "metrics": "某期间、某范围的全部指标，含同比/环比、目标与状态。Every indicator for a period.",
    "rank": "单位或乡镇的考核排名，含名次变化和各项得分。Assessment ranking.",
    "scheme": "查看、导入或重置某年的考核方案。Show or set the assessment scheme.",
    "meetings": "某年的联席会议及其议定事项的落实情况（已完成、按期、逾期）。Each meeting's decisions.",
    "brief": "生成工作简报（DOCX、PDF 或 PPTX）。Generate the 工作简报.",
    "audit": "查看审计日志（北京时间，最新在前）。Show the audit log.",
    "settings": "查看或修改访问设置（每次修改记入审计日志）。Show or change access settings.",
    "users add": "新建账号。Create an account.",
    "users list": "列出账号。List accounts.",
    "users disable": "停用账号（不能再登录）。Disable an account.",
    "users enable": "重新启用账号。Re-enable an account.",
    "users reset-password": "设置新密码。Set a new password.",
    "tokens add": "新建大屏令牌并只显示一次（库中只存其哈希）。Create a display token.",
    "tokens list": "列出大屏令牌（不显示令牌本身）。List display tokens.",
    "tokens revoke": "按编号撤销大屏令牌。Revoke a display token.",
    "case-flag set": "把一件行政诉讼案件（按案号）标记为重大败诉。Flag a lawsuit as 重大败诉.",
    "case-flag clear": "取消案件的标记。Remove a lawsuit's flag.",
    "case-flag list": "列出已标记的案件（最新在前）。Every flagged lawsuit.",
    "notice losses": "生成败诉案件通报（按单位列出期间内的败诉案件）。Generate the 败诉案件通报.",
    "notice review": "记录败诉案件的原因、整改和追责情况。Record a lost case's review.",
}


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _type_tag(match: re.Match[str]) -> str:
    tag = match.group(0)
    chinese_tag = TYPE_TAGS[tag]
    return chinese_tag + " " * max(0, display_width(tag) - display_width(chinese_tag))


_TAGS = re.compile("|".join(re.escape(tag) for tag in TYPE_TAGS))


def chinese(text: str) -> str:
    """Typer's English sentences in ``text`` replaced by their Chinese (anything else left as it is)."""
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return _TAGS.sub(_type_tag, text)


def _show_usage_error(self: click_exceptions.UsageError, file: IO[Any] | None = None) -> None:
    """``UsageError.show`` in Chinese: usage line, where to find help, then the error."""
    if self.ctx is not None:
        hint = ""
        if self.ctx.command.get_help_option(self.ctx) is not None:
            hint = f"运行“{self.ctx.command_path} {self.ctx.help_option_names[0]}”查看帮助。\n"
        echo(f"{chinese(self.ctx.get_usage())}\n{hint}", file=file, err=file is None, color=self.ctx.color)
    echo(f"错误：{chinese(self.format_message())}", file=file, err=file is None)


def _show_error(self: click_exceptions.ClickException, file: IO[Any] | None = None) -> None:
    echo(f"错误：{chinese(self.format_message())}", file=file, err=file is None)


def _translated(method: Callable[[click_core.Context], str]) -> Callable[[click_core.Context], str]:
    def wrapper(self: click_core.Context) -> str:
        return chinese(method(self))

    wrapper.__wrapped__ = method  # type: ignore[attr-defined]
    return wrapper


def install(app: typer.Typer) -> None:
    """Chinese errors and help for every command, no Rich boxes, Chinese command summaries on ``app``."""
    if not hasattr(click_core.Context.get_help, "__wrapped__"):
        # A Callable's parameter has no name, so mypy will not take it for a method whose `self` has one.
        click_core.Context.get_help = _translated(click_core.Context.get_help)  # type: ignore[method-assign,assignment]
    click_exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]
    click_exceptions.ClickException.show = _show_error  # type: ignore[method-assign]
    _plain(app)
    _summaries(app, "")


def _summaries(app: typer.Typer, prefix: str) -> None:
    """Chinese-first summaries for the commands of ``app`` and of its groups (``users add`` …)."""
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__.replace("_", "-") if command.callback else "")
        if f"{prefix}{name}" in COMMAND_HELP and command.help is None:
            command.help = COMMAND_HELP[f"{prefix}{name}"]
    for group in app.registered_groups:
        if group.typer_instance is not None and group.name:
            _summaries(group.typer_instance, f"{prefix}{group.name} ")


def _plain(app: typer.Typer) -> None:
    """Plain help and errors for ``app`` and every group under it (Rich boxes and ``<bool>`` off)."""
    app.rich_markup_mode = None
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _plain(group.typer_instance)
