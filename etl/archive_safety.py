"""Zip archives measured before anything unpacks them: the one guard against zip bombs.

An uploaded workbook (.xlsx is a zip) and a zipped Shapefile are both read into memory by their
readers; a 5 MB archive unpacking to 1.2 GB drove the server past its memory cap. :func:`check_archive`
looks at the declared sizes first and then inflates every member in 1 MiB chunks, counting, because the
declared sizes can lie. Only one chunk is ever held. Each reader gives its own limit and words
(:class:`ArchiveLimits`) and may watch a member's bytes as they pass (the Excel reader counts a
worksheet row's cells there).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

MIB = 1024 * 1024
#: A member larger than 1 MiB may not unpack to more than this many times its packed size: sheet XML
#: packs about 15:1 and Shapefile geometry about 3:1; deflate's ceiling (a bomb) is about 1000:1.
MAX_RATIO = 200
_RATIO_FLOOR = MIB
MAX_MEMBERS = 10_000
_CHUNK = MIB

#: Called with each chunk of a member the reader wants to watch; it raises to refuse the file.
ChunkWatcher = Callable[[bytes], None]


class ArchiveError(ValueError):
    """An archive refused before reading; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class ArchiveLimits:
    """What one kind of archive may unpack to, and how the refusal names it."""

    max_unpacked: int  # bytes, all members together
    what: str  # "Excel 文件", "Shapefile 压缩包"
    advice: str  # what to do instead, e.g. "较大的台账请拆分或另存为 CSV"
    unreadable: str  # the message for a damaged or non-zip file


def too_big(limits: ArchiveLimits, detail: str) -> ArchiveError:
    return ArchiveError(f"{limits.what}解压后过大（{detail}），疑似压缩炸弹或异常文件，已拒绝读取。"
                        f"单个文件解压后不得超过 {limits.max_unpacked // MIB} MB；{limits.advice}")


def check_archive(data: bytes, limits: ArchiveLimits,
                  watch: Callable[[str], ChunkWatcher | None] | None = None) -> None:
    """Refuse an archive that would unpack to more than ``limits.max_unpacked`` bytes (or at an
    implausible ratio), without ever holding more than one chunk of it unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ArchiveError(limits.unreadable) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise too_big(limits, f"含 {len(members)} 个内部文件")
        declared = sum(m.file_size for m in members)
        if declared > limits.max_unpacked:
            raise too_big(limits, f"约 {declared // MIB} MB")
        for member in members:
            if member.file_size > _RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise too_big(limits, f"压缩比超过 {MAX_RATIO}:1")
        total = 0
        try:
            for member in members:
                watcher = watch(member.filename) if watch is not None else None
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.max_unpacked:
                            raise too_big(limits, f"超过 {limits.max_unpacked // MIB} MB")
                        if watcher is not None:
                            watcher(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
            # A size that lies about itself ends in a CRC or length error here; so does a damaged file.
            raise ArchiveError(limits.unreadable) from exc
