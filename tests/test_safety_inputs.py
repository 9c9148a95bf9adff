"""Odd inputs get one line and exit 1, without reading forever or blocking, and the other
inputs of a batch still go on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tagger.cli import main
from tagger.inputs import MAX_TEXT_BYTES

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)


def _tag(*args: str):
    return CliRunner().invoke(main, ["tag", *args])


def _one_line(run, path) -> str:
    lines = run.output.strip().splitlines()
    assert run.exit_code == 1 and len(lines) == 1 and "Traceback" not in run.output, run.output
    assert str(path) in lines[0]
    return lines[0]


def test_a_device_that_never_ends_is_refused_at_once(tmp_path):
    line = _one_line(_tag("/dev/zero", "-o", str(tmp_path / "out")), "/dev/zero")
    assert "not a regular file" in line


def test_a_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    assert "not a regular file" in _one_line(_tag(str(fifo), "-o", str(tmp_path / "o")), fifo)


def test_text_larger_than_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_TEXT_BYTES + 1))
    line = _one_line(_tag(str(big), "-o", str(tmp_path / "out")), big)
    assert "larger than the 8 MB of text" in line


def test_a_name_with_spaces_and_chinese_characters_works(tmp_path):
    named = tmp_path / "年度 業績 公告.txt"
    shutil.copy(EXAMPLE, named)
    run = _tag(str(named), "-o", str(tmp_path / "輸出 資料夾"))
    assert run.exit_code == 0, run.output
    assert (tmp_path / "輸出 資料夾" / "年度 業績 公告.xbri").is_file()


def test_in_a_batch_the_odd_inputs_are_lines_and_the_others_go_on(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "good.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    run = _tag(
        str(tmp_path / "good.txt"),
        str(tmp_path / "pipe.txt"),
        "/dev/zero",
        "-o",
        str(tmp_path / "out"),
    )
    assert run.exit_code == 1
    assert (tmp_path / "out" / "good.xbri").is_file()
    assert sum("not a regular file" in line for line in run.output.splitlines()) == 2


def test_two_inputs_with_one_stem_stop_before_anything_is_written(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLE, tmp_path / folder / "a.txt")
    first, second = tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"
    run = _tag(str(first), str(second), "-o", str(tmp_path / "out"))
    line = _one_line(run, second)
    assert str(first) in line and "a.xbri" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_output_path_that_is_a_file_is_one_line_before_tagging(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    run = _tag(str(EXAMPLE), "-o", str(taken))
    # click refuses it as a usage error (exit 2), naming the option and the path
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert "is a file" in run.output and str(taken) in run.output
    assert taken.read_text(encoding="utf-8") == "not a folder"


def test_an_output_folder_inside_a_file_is_one_line_before_tagging(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    run = _tag(str(EXAMPLE), "-o", str(taken / "out"))
    line = _one_line(run, taken / "out")
    assert "cannot make the output folder" in line


@pytest.mark.parametrize("name", ["r#1.txt", "a%20b c.txt", "年度 業績?.txt"])
def test_names_that_mean_something_in_a_url_give_a_valid_report(tmp_path, name):
    from tagger.validation import validate_report

    source = tmp_path / name
    shutil.copy(EXAMPLE, source)
    run = _tag(str(source), "-o", str(tmp_path / "out"))
    assert run.exit_code == 0, run.output
    (package,) = (tmp_path / "out").glob("*.xbri")
    assert validate_report(package).clean


def test_mixed_encodings_in_one_file_are_one_line(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(
        text[:20000].encode("utf-8")
        + text[20000:40000].encode("big5hkscs", errors="replace")
        + text[40000:].encode("utf-8")
    )
    line = _one_line(_tag(str(mixed), "-o", str(tmp_path / "out")), mixed)
    assert "cannot decode" in line


def test_a_whole_document_on_one_very_long_line_is_one_line(tmp_path):
    long_line = tmp_path / "long-line.txt"
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", " ")
    long_line.write_text(text * 6, encoding="utf-8")  # 0.6 MB on one line
    line = _one_line(_tag(str(long_line), "-o", str(tmp_path / "out")), long_line)
    assert "no financial statement found" in line


def test_in_a_folder_a_symlink_loop_and_a_folder_named_txt_are_lines_of_their_own(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "notes.txt").mkdir()
    run = _tag(str(folder), "-o", str(tmp_path / "out"))
    assert run.exit_code == 1 and "Traceback" not in run.output
    assert (tmp_path / "out" / "good.xbri").is_file()
    lines = run.output.strip().splitlines()
    assert any(str(folder / "loop.txt") in line and "cannot read" in line for line in lines)
    assert any(str(folder / "notes.txt") in line and "a folder" in line for line in lines)


def test_a_bug_is_one_line_and_its_traceback_only_with_ixtag_debug(tmp_path, monkeypatch):
    import tagger.pipeline

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(tagger.pipeline, "tag", broken)
    run = _tag(str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert run.exit_code == 3 and "Traceback" not in run.output
    assert run.output.strip() == (
        "ixtag: internal error (RuntimeError: a bug); set IXTAG_DEBUG=1 for the traceback "
        "and please report it"
    )
    monkeypatch.setenv("IXTAG_DEBUG", "1")
    run = _tag(str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert isinstance(run.exception, RuntimeError)  # raised: the traceback is printed
