"""A run killed at any point leaves each output either as it was or whole: the outputs are
written to a temporary file in their folder and renamed into place."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
IXTAG = Path(sys.executable).with_name("ixtag")


def test_a_killed_run_leaves_the_previous_outputs_or_whole_new_ones(tmp_path):
    source = tmp_path / "long.txt"
    source.write_text("\n".join([EXAMPLE.read_text(encoding="utf-8")] * 8), encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(
        [str(IXTAG), "tag", str(source), "-o", str(out)], check=True, capture_output=True
    )
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(before) == ["long.facts.csv", "long.review.csv", "long.xbri"]
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5):
        run = subprocess.Popen(
            [str(IXTAG), "tag", str(source), "-o", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        visible = sorted(p for p in out.iterdir() if not p.name.startswith("."))
        assert [p.name for p in visible] == sorted(before)
        with zipfile.ZipFile(out / "long.xbri") as package:
            assert package.testzip() is None  # whole: every member reads back
        for name in ("long.facts.csv", "long.review.csv"):
            assert (out / name).read_bytes().endswith(b"\n")


def test_two_runs_writing_one_folder_at_once_leave_whole_outputs(tmp_path):
    out = tmp_path / "out"
    runs = [
        subprocess.Popen(
            [str(IXTAG), "tag", str(EXAMPLE), "-o", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    assert [run.wait() for run in runs] == [0, 0]
    alone = tmp_path / "alone"
    subprocess.run(
        [str(IXTAG), "tag", str(EXAMPLE), "-o", str(alone)], check=True, capture_output=True
    )
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in alone.iterdir())  # no temporary file left over
    for name in names:
        assert (out / name).read_bytes() == (alone / name).read_bytes()
