"""`ixtag tag --jobs N`: inputs tagged on N worker processes give the same bytes, in the same
order, as one process; a bad input is its one line and the others go on."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tagger.cli import main

CORPUS = Path(__file__).parent / "corpus"


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    for excerpt in sorted(CORPUS.glob("*.txt"))[:6]:
        shutil.copy(excerpt, folder / excerpt.name)
    (folder / "00-empty.txt").write_bytes(b"")
    return folder


def _run(inputs: Path, out: Path, jobs: int):
    return CliRunner().invoke(main, ["tag", str(inputs), "-o", str(out), "--jobs", str(jobs)])


def test_two_jobs_write_the_same_bytes_and_lines_as_one(tmp_path):
    inputs = _inputs(tmp_path / "in")
    one, two = _run(inputs, tmp_path / "one", 1), _run(inputs, tmp_path / "two", 2)
    assert one.exit_code == two.exit_code == 1  # the empty input failed; the others did not
    lines = one.output.strip().splitlines()
    assert lines[0] == f"ixtag: {inputs / '00-empty.txt'}: the file is empty"
    assert len([line for line in lines if " facts -> " in line]) == 6
    assert two.output.replace(str(tmp_path / "two"), str(tmp_path / "one")) == one.output
    written = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(written) == 18 and written == sorted(p.name for p in (tmp_path / "two").iterdir())
    for name in written:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
