"""What an input file may be, read once for every reader: a regular file (not a folder, a
pipe or a device, which would block or never end) within the size limits, text or PDF."""

from __future__ import annotations

import stat
from pathlib import Path

from tagger.errors import InputError


def is_pdf(data: bytes) -> bool:
    """A PDF starts with %PDF- (within its first kilobyte, as readers allow)."""
    return b"%PDF-" in data[:1024]


# The largest inputs ixtag reads. Tagging holds about 170 bytes of memory per byte of text
# (4.7 MB of text: 0.8 GB); a PDF's file is mostly images and fonts.
MAX_TEXT_BYTES = 8 * 2**20
MAX_PDF_BYTES = 256 * 2**20


def read_input(path: Path) -> bytes:
    """An input file's bytes: a regular file within the size limits, or one line saying why
    not (a folder, a pipe or device that would block or never end, too large)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a pipe, socket or device)")
    try:
        with path.open("rb") as file:
            head = file.read(1024)
            limit, kind = (MAX_PDF_BYTES, "PDF") if is_pdf(head) else (MAX_TEXT_BYTES, "text")
            # the size the file says, then what it holds: it may grow while it is read
            data = b"" if info.st_size > limit else head + file.read(limit + 1 - len(head))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if info.st_size > limit or len(data) > limit:
        raise InputError(f"{path}: larger than the {limit // 2**20} MB of {kind} ixtag reads")
    return data
