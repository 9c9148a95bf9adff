"""Writing a file so that nobody ever sees half of it.

The bytes go to a temporary file in the target's folder, are flushed to disk, and the
temporary file is renamed over the target: a run killed at any point leaves the previous
file or none, never a truncated one. The rename is atomic on one file system. The file gets
the permissions any new file of the process gets (0666 less the umask), not the temporary
file's private 0600.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _new_file_mode() -> int:
    # The umask can only be read by setting it: done once, at import, before any thread of a
    # batch could create a file in between.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


NEW_FILE_MODE = _new_file_mode()


def write_atomically(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(handle, NEW_FILE_MODE)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path
