"""`ixtag tag` loads only what tagging needs: the start-up of every process in a batch of
thousands is paid again and again (see BENCHMARKS.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"

_RUN = """
import json, sys
from tagger.cli import main
try:
    main(["tag", sys.argv[1], "-o", sys.argv[2]])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""

# Validation (Arelle), terminal UI (rich), PDF reading, encoding guessing and pinyin
# dictionaries are for other commands or other inputs.
NOT_FOR_TAGGING_TEXT = {"arelle", "rich", "pypdfium2", "charset_normalizer", "pypinyin", "openpyxl"}


def test_tagging_a_text_announcement_imports_nothing_it_does_not_use(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(EXAMPLE), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    run = json.loads(done.stdout.strip().splitlines()[-1])
    assert run["code"] in (0, None)
    assert (tmp_path / f"{EXAMPLE.stem}.xbri").is_file()
    assert NOT_FOR_TAGGING_TEXT & set(run["modules"]) == set()
    assert {"tagger", "lxml", "pydantic"} <= set(run["modules"])


def test_a_batch_written_to_a_pipe_is_plain_lines_without_the_terminal_ui(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b"):
        (inputs / f"{name}.txt").write_bytes(EXAMPLE.read_bytes())
    (inputs / "c.txt").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(inputs), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    *lines, result = done.stdout.strip().splitlines()
    run = json.loads(result)
    assert run["code"] == 1  # c.txt is empty: its line says so, the others are written
    assert "rich" not in run["modules"]
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == [
        str(inputs / "a.txt"),
        str(inputs / "b.txt"),
        "ixtag",
    ]
    assert "the file is empty" in lines[-1]
    assert "\x1b" not in done.stdout  # no terminal control sequences in a log


_STARTED = """
import gc, json, sys
from tagger import startup
sys.argv = ["ixtag", "tag", *sys.argv[1:-1], "-o", sys.argv[-1]]
try:
    startup.start()
except SystemExit as exit:
    code = exit.code
import os
print(json.dumps({
    "code": code,
    "collecting": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    "plugins": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "entry points read": "importlib.metadata" in sys.modules,
}))
"""


def _started(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _STARTED, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_command_imports_without_the_cycle_collector_and_turns_it_back_on(tmp_path):
    """The console script's start (tagger.startup.start) imports with the collector off; a
    batch runs with it on between its inputs (the stages turn it off themselves) and start-up's
    objects frozen. One input, the process's last work, is tagged and written without it."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b"):
        (inputs / f"{name}.txt").write_bytes(EXAMPLE.read_bytes())
    batch = _started(str(inputs), str(tmp_path / "batch"))
    assert batch["code"] in (0, None)
    assert batch["collecting"] and batch["frozen"] > 10_000
    one = _started(str(EXAMPLE), str(tmp_path / "one"))
    assert one["code"] in (0, None)
    assert not one["collecting"] and one["frozen"] > 10_000
    validated = _started("--validate", str(EXAMPLE), str(tmp_path / "validated"))
    assert validated["collecting"]  # Arelle's objects have cycles: the collector stays on
    assert one["plugins"] == "__all__"  # no search of other packages' pydantic plugins
    assert not one["entry points read"]  # nor the import of what would search them


_CONSOLE_SCRIPT = """
import atexit, os, sys
if sys.argv[3] == "with-handler":
    atexit.register(lambda: print("the exit handler ran"))
_exit = os._exit
def _exit_saying_so(code):  # the same exit, observed
    os.write(1, b"left at once\\n")
    _exit(code)
os._exit = _exit_saying_so
from tagger.startup import main
sys.argv = ["ixtag", "tag", sys.argv[1], "-o", sys.argv[2]]
main()
"""


def _console_script(source: Path, out: Path, handler: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _CONSOLE_SCRIPT, str(source), str(out), handler],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_the_command_leaves_at_once_with_its_lines_written_and_its_exit_status(tmp_path):
    done = _console_script(EXAMPLE, tmp_path, "no-handler")
    assert done.returncode == 0
    # printed to a pipe, so held in a buffer until the exit: it must have been flushed
    assert done.stdout.startswith(f"{EXAMPLE}: 1164 facts -> ")
    assert done.stdout.splitlines()[-1] == "left at once"
    assert (tmp_path / f"{EXAMPLE.stem}.xbri").is_file()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    refused = _console_script(empty, tmp_path, "no-handler")
    assert refused.returncode == 1
    assert refused.stderr.startswith("ixtag: ") and "empty" in refused.stderr
    assert refused.stdout.splitlines()[-1] == "left at once"


def test_an_exit_handler_still_runs(tmp_path):
    """Leaving at once would skip it: with a handler waiting, the exit is the normal one."""
    done = _console_script(EXAMPLE, tmp_path, "with-handler")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "the exit handler ran"


_LOADER = """
import json, os, sys
from tagger import startup
if sys.argv[1] != "-":
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = sys.argv[1]
try:
    startup.start()  # no command: click prints the usage and exits
except SystemExit:
    pass
import pydantic
from pydantic.plugin._loader import get_plugins

class Model(pydantic.BaseModel):
    number: int

out = {"validated": Model(number="7").number, "plugins": list(get_plugins()),
       "entry points read": "importlib.metadata" in sys.modules}
from pydantic.plugin import _loader
out["group"] = _loader.PYDANTIC_ENTRY_POINT_GROUP  # asked of the stand-in: the real module's
out["real loader"] = sys.modules["pydantic.plugin._loader"].__file__ is not None
print(json.dumps(out))
"""


@pytest.mark.parametrize(
    ("setting", "read"), [("-", False), ("true", False), ("some-plugin", True)]
)
def test_pydantic_reads_no_entry_points_while_plugins_are_off(setting, read):
    """Only while every plugin is off does the stand-in spare the entry points' import; asked
    anything but ``get_plugins``, it gives way to pydantic's own loader."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADER, setting],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    run = json.loads(done.stdout.strip().splitlines()[-1])
    assert run["validated"] == 7 and run["plugins"] == []
    assert run["entry points read"] is read
    assert run["group"] == "pydantic" and run["real loader"]
