"""ixtag's regular expressions, compiled once per Python installation rather than per process.

The rules compile about 200 regular expressions, many of them long alternations of Chinese
wordings. ``re`` parses and compiles each in pure Python: about 40 ms of every ``ixtag``
process, a tenth of tagging one announcement. What compiling produces (the regular expression
engine's program, its flags and group names) depends only on the pattern, its flags and the
Python build, so it is kept on disk beside ixtag's bytecode, as Python keeps a module's
compiled code in ``__pycache__``, and handed to the engine directly the next time.

A cached pattern is never different from what ``re.compile`` makes:
- an entry is written only once the pattern built from it compares equal to ``re.compile``'s
  (pattern equality compares the engine's program, flags and text);
- the file is used only by the same Python build and engine version that wrote it, and only
  when its contents match the digest it carries;
- on any doubt (no file, another Python, a damaged file, a Python whose ``re`` internals are
  not those read here) the pattern is compiled by ``re.compile``, as without the cache.

Only patterns made from ixtag's own rules and taxonomy go through here, never from a
document's text: the cache holds a fixed set, written again only when a pattern is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import re
import sys
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser  # the steps of re.compile, used to record what it made
except ImportError:  # another Python's re: no cache, patterns compiled as usual
    _sre = _compiler = _parser = None

_Key = tuple[str, int]
# what _sre.compile takes after the pattern: flags, program, group count, names both ways
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_MOST_ENTRIES = 5_000  # past this (a changing concept map's wordings), keep only those used
_FORMAT = 1
_known: dict[_Key, _Entry] | None = None
_used: set[_Key] = set()
_missing: set[_Key] = set()


def regex(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
    key = (pattern, int(flags))
    _used.add(key)
    entry = _entries().get(key)
    if entry is not None:
        return _sre.compile(pattern, *entry)
    _missing.add(key)
    return re.compile(pattern, flags)


def cache_path() -> Path | None:
    """Where this Python keeps the cache: beside ixtag's bytecode (``__pycache__``, or under
    ``sys.pycache_prefix``), named for the interpreter (``regex_cache.cpython-311.patterns``)."""
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_suffix(".patterns")
    except NotImplementedError:  # an interpreter without a bytecode cache tag
        return None


def save(path: Path | None = None) -> int:
    """Write the cache with the patterns compiled in this process that it lacked; returns how
    many were added (0: nothing to write). Raises OSError when the file cannot be written."""
    path = path or cache_path()
    if path is None or _sre is None or not _missing:
        return 0
    try:
        added = {key: entry for key in sorted(_missing) if (entry := _proved_entry(*key))}
    except Exception:  # noqa: BLE001  (another Python's re internals: no cache for it)
        return 0
    if not added:
        return 0
    entries = {**_entries(), **added}
    if len(entries) > _MOST_ENTRIES:
        entries = {key: entry for key, entry in entries.items() if key in _used}
    _write(path, entries)
    _missing.difference_update(added)
    return len(added)


def save_quietly() -> None:
    """``save`` when Python itself may write bytecode (not under PYTHONDONTWRITEBYTECODE or
    ``-B``); a folder that cannot be written leaves the cache as it was, as with bytecode."""
    if sys.dont_write_bytecode:
        return
    with contextlib.suppress(OSError):
        save()


def _stamp() -> bytes:
    """What the cached programs depend on: the exact Python build and the engine's version."""
    engine = (_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)
    return repr((_FORMAT, sys.version, sys.implementation.cache_tag, engine)).encode()


def _entries() -> dict[_Key, _Entry]:
    global _known
    if _known is None:
        _known = _read(cache_path())
    return _known


def _read(path: Path | None) -> dict[_Key, _Entry]:
    if path is None or _sre is None:
        return {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    stamp = _stamp()
    digest_at = len(stamp) + 1
    body = data[digest_at + 32 :]
    if data[: len(stamp)] != stamp or data[len(stamp) : digest_at] != b"\n":
        return {}
    if hashlib.sha256(body).digest() != data[digest_at : digest_at + 32]:
        return {}
    try:
        return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}


def _write(path: Path, entries: dict[_Key, _Entry]) -> None:
    from xbrl.files import write_atomically  # only when writing: not on every start

    body = marshal.dumps(entries)
    write_atomically(path, _stamp() + b"\n" + hashlib.sha256(body).digest() + body)


def _proved_entry(pattern: str, flags: int) -> _Entry | None:
    """What ``re.compile`` hands the engine for ``pattern``, kept only if the engine given it
    makes a pattern equal to ``re.compile``'s. Raises if this Python's ``re`` works otherwise."""
    parsed = _parser.parse(pattern, flags)
    program = [int(op) for op in _compiler._code(parsed, flags)]
    names = dict(parsed.state.groupdict)
    by_number: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        by_number[number] = name
    entry = (int(flags | parsed.state.flags), program, parsed.state.groups - 1)
    entry += (names, tuple(by_number))
    return entry if _sre.compile(pattern, *entry) == re.compile(pattern, flags) else None
