"""What a zip given to ixtag (a report package, a taxonomy package) may hold, checked before
anything in it is extracted or loaded: member names that stay inside it (no `../`, no
absolute path or drive letter), and sizes that a real package has (no zip bomb)."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from tagger.errors import InputError

_ZIP_SUFFIXES = (".xbri", ".zip", ".xbr")
MAX_MEMBER_BYTES = 512 * 2**20  # one uncompressed member
MAX_TOTAL_BYTES = 2 * 2**30  # all members, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for members over a megabyte


def check_archive(path: Path) -> None:
    """Raise InputError naming the member when ``path`` (a zip) holds one that leaves it or
    is absurdly large; anything else (an .xhtml, not a zip) passes untouched."""
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() in _ZIP_SUFFIXES:
            raise InputError(f"{path}: not a readable zip (truncated or damaged)")
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a readable zip: {exc}") from exc
    total = 0
    for member in members:
        name = PurePosixPath(member.filename.replace("\\", "/"))
        drive = bool(name.parts) and ":" in name.parts[0]  # C:/… on Windows
        if name.is_absolute() or ".." in name.parts or drive:
            raise InputError(f"{path}: member {member.filename!r} points outside the package")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or (member.file_size > 2**20 and ratio > MAX_RATIO):
            raise InputError(
                f"{path}: member {member.filename!r} unpacks to {member.file_size // 2**20} MB "
                f"({ratio:.0f} times its packed size): refused as a zip bomb"
            )
    if total > MAX_TOTAL_BYTES:
        raise InputError(f"{path}: unpacks to {total // 2**20} MB in all: refused as a zip bomb")
