"""The compiled-pattern cache (tagger.regex_cache) gives exactly what re.compile gives, is
written by one ``ixtag`` process and read by the next, and is ignored when it is not this
Python's or not intact."""

from __future__ import annotations

import _sre
import hashlib
import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tagger
from tagger import regex_cache
from tagger.pipeline import tag

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))


def _every_pattern() -> list[tuple[str, int]]:
    """Every pattern ixtag's modules compile, at import and while tagging."""
    for module in pkgutil.iter_modules(tagger.__path__):
        importlib.import_module(f"tagger.{module.name}")
    tag(EXAMPLE)
    tag(CORPUS[0])
    return sorted(regex_cache._used)


def test_every_pattern_from_the_cache_equals_what_re_compile_makes(tmp_path):
    keys = _every_pattern()
    assert len(keys) > 120  # the rules' patterns, not a handful
    entries = {key: regex_cache._proved_entry(*key) for key in keys}
    assert [key for key, entry in entries.items() if entry is None] == []
    path = tmp_path / "patterns"
    regex_cache._write(path, entries)
    read = regex_cache._read(path)
    assert read == entries
    for (pattern, flags), entry in read.items():
        cached = _sre.compile(pattern, *entry)
        made = re.compile(pattern, flags)
        # equality compares the engine's program, the flags and the pattern's text
        assert cached == made
        assert (cached.groupindex, cached.groups, cached.flags) == (
            made.groupindex,
            made.groups,
            made.flags,
        )
    # and they read the announcement the same way, line by line
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()[:400]
    for (pattern, _), entry in list(read.items())[:60]:
        cached = _sre.compile(pattern, *entry)
        made = re.compile(pattern, _)
        for line in lines:
            got, want = cached.search(line), made.search(line)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


def _damaged(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_damaged_a_foreign_or_a_missing_cache_is_not_used(tmp_path):
    key = (r"(?P<year>\d{4})\s*年", 0)
    entry = regex_cache._proved_entry(*key)
    path = tmp_path / "patterns"
    regex_cache._write(path, {key: entry})
    data = path.read_bytes()
    assert regex_cache._read(path) == {key: entry}

    path.write_bytes(_damaged(data, len(data) - 3))  # a flipped bit in the programs
    assert regex_cache._read(path) == {}
    path.write_bytes(data[:-10])  # cut short
    assert regex_cache._read(path) == {}
    path.write_bytes(data.replace(sys.version.encode(), b"3.11.0 (another build)", 1))
    assert regex_cache._read(path) == {}  # written by another Python
    body = b"not marshal data"
    stamp = regex_cache._stamp() + b"\n"
    path.write_bytes(stamp + hashlib.sha256(body).digest() + body)  # intact but unreadable
    assert regex_cache._read(path) == {}
    assert regex_cache._read(tmp_path / "none") == {}


def test_a_pattern_that_does_not_compile_fails_as_re_compile_does():
    with pytest.raises(re.error):
        regex_cache.regex("(?P<value>unclosed")


_RUN = """
import json, sys
from tagger.startup import main
sys.argv = ["ixtag", "tag", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
"""

_COUNT = """
import json, sys
from pathlib import Path
from tagger.pipeline import tag
from tagger import regex_cache
tag(Path(sys.argv[1]))
print(json.dumps({"used": len(regex_cache._used), "missing": len(regex_cache._missing),
                  "cache": str(regex_cache.cache_path()), "keys": sorted(regex_cache._used)}))
"""


def _run(script: str, args: list[str], prefix: Path, writes: bool = True, seed: str = "0"):
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix), "PYTHONHASHSEED": seed}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not writes:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )


def test_one_ixtag_process_keeps_the_patterns_for_the_next(tmp_path):
    cache = tmp_path / "cache"
    first, second, plain = (tmp_path / name for name in ("first", "second", "plain"))
    _run(_RUN, [str(EXAMPLE), str(plain)], tmp_path / "nowhere", writes=False)
    assert not (tmp_path / "nowhere").exists()  # -B / PYTHONDONTWRITEBYTECODE: nothing kept

    _run(_RUN, [str(EXAMPLE), str(first)], cache)
    kept = list(cache.rglob("regex_cache.*.patterns"))
    assert len(kept) == 1
    counted = json.loads(_run(_COUNT, [str(EXAMPLE)], cache).stdout)
    assert Path(counted["cache"]) == kept[0]
    assert counted["used"] > 120 and counted["missing"] == 0  # every pattern from the cache

    _run(_RUN, [str(EXAMPLE), str(second)], cache)
    report = f"{EXAMPLE.stem}.xbri"
    assert (first / report).read_bytes() == (plain / report).read_bytes()
    assert (second / report).read_bytes() == (plain / report).read_bytes()


def test_the_rules_patterns_are_the_same_text_in_every_process(tmp_path):
    """A pattern joined from a set in its iteration order would differ from one process to the
    next (string hashing is seeded per process) and never be found in the cache."""
    runs = [_run(_COUNT, [str(EXAMPLE)], tmp_path, writes=False, seed=seed) for seed in "12"]
    one, two = (json.loads(run.stdout)["keys"] for run in runs)
    assert one == two
