"""xbrl.files.write_atomically: whole files only, with the permissions of any new file."""

import os
import stat

from xbrl.files import write_atomically


def _umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def test_a_written_report_is_readable_as_any_new_file_is(tmp_path):
    path = write_atomically(tmp_path / "a.xbri", b"PK")
    assert path.read_bytes() == b"PK"
    # the temporary file's private 0600 must not reach the report
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def test_rewriting_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.facts.csv"
    write_atomically(path, b"first\n")
    write_atomically(path, b"second\n")
    assert path.read_bytes() == b"second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.facts.csv"]
