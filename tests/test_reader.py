"""Stage 1, read: decoding, line numbers, pages, normalisation."""

from __future__ import annotations

import pytest

from tagger.errors import InputError
from tagger.reader import decode, detect_script, normalise_line, read_text, source_lines


def test_form_feeds_start_pages_without_shifting_line_numbers():
    lines = source_lines("第一頁\n收入 1 2\n\f第二頁\n毛利 3 4\f\n最後一行\n")
    assert [(ln.number, ln.text) for ln in lines] == [
        (1, "第一頁"),
        (2, "收入 1 2"),
        (3, "第二頁"),
        (4, "毛利 3 4"),
        (5, "最後一行"),
    ]
    assert [(ln.page, ln.page_line) for ln in lines] == [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1)]


def test_windows_and_old_mac_line_ends_count_once():
    assert [ln.number for ln in source_lines("a\r\nb\rc\n")] == [1, 2, 3]


def test_normalisation_keeps_meaning_and_drops_extraction_artefacts():
    assert normalise_line("  收入 １，２３４ （５６）  ") == "收入 1,234 （56）"
    assert normalise_line("綜 合 收 益 表") == "綜合收益表"
    page = source_lines("– 32 –\n")[0]
    assert page.furniture and page.text == "– 32 –"


@pytest.mark.parametrize("encoding", ["utf-8", "big5hkscs", "gb18030"])
def test_decodes_the_encodings_issuers_use(encoding):
    text = "綜合收益表 人民幣千元" if encoding != "gb18030" else "合并利润表 人民币千元"
    assert decode(text.encode(encoding), "x")[0] == text


def test_nul_bytes_anywhere_are_binary(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(("收入 1 2\n" * 2000).encode() + b"\x00" + "毛利\n".encode())
    with pytest.raises(InputError, match="NUL"):
        read_text(path)


def test_script_is_detected():
    assert detect_script("资产负债表 这们") == "zh-Hans"
    assert detect_script("資產負債表 這們") == "zh-Hant"
