"""Stored times are UTC; people read them on the office's wall clock (北京时间 by default).

The zone is a setting (``LIANDONG_TIMEZONE``, :class:`etl.config.Settings`), not the server's own zone:
a server kept on UTC — the usual for containers — would otherwise show every login and import eight
hours early. China keeps no daylight saving, so Beijing time needs no time-zone database: a desk
running Windows without one (``tzdata``) still shows the right hour.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
#: Zones a county office names that are all UTC+8 without daylight saving.
_BEIJING_NAMES = {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC", "Etc/GMT-8"}


class TimezoneError(ValueError):
    """An unknown zone name; the message is Chinese first."""


def zone(name: str) -> dt.tzinfo:
    """The zone called ``name``; Beijing time without the zone database when need be."""
    if name in _BEIJING_NAMES:
        return BEIJING
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise TimezoneError(f"无法识别的时区：{name!r}（LIANDONG_TIMEZONE，例如 Asia/Shanghai） "
                            f"unknown time zone") from None


def zone_label(name: str, lang: str = "zh") -> str:
    """How a header names the zone: 北京时间, or the zone's own name."""
    if name in _BEIJING_NAMES:
        return "北京时间" if lang == "zh" else "Beijing time"
    return name


def local(at: dt.datetime, name: str) -> dt.datetime:
    """A stored UTC time (naive, as the database returns it) on the wall clock of zone ``name``, naive."""
    aware = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone(name)).replace(tzinfo=None)


def local_text(at: dt.datetime | None, name: str, seconds: bool = True) -> str:
    """``2026-12-06 16:27:48`` in zone ``name``; an unknown time is empty."""
    if at is None:
        return ""
    return local(at, name).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
