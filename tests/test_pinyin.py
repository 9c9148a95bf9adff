"""Extension names read labels through tagger.pinyin's table; pypinyin itself is the judge
that the table and the reading rule give exactly its lazy_pinyin."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin as pypinyin_reading
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from tagger.extensions import pinyin_name
from tagger.pinyin import TABLE, PinyinTable, lazy_pinyin
from taxonomy.loader import simplified

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import pinyin_table as table_script  # noqa: E402


def _texts() -> list[str]:
    """Every line of the taxonomy's data, the example and the corpus, in Simplified."""
    files = [
        *(ROOT / "taxonomy" / "data").rglob("*.toml"),
        *(ROOT / "examples").glob("*.txt"),
        *(ROOT / "tests" / "corpus").rglob("*.txt"),
    ]
    lines: set[str] = set()
    for file in files:
        try:
            lines.update(file.read_text(encoding="utf-8").splitlines())
        except UnicodeDecodeError:
            continue  # the corpus's Big5 and GB18030 copies of UTF-8 excerpts
    return sorted(simplified(line) for line in lines if line.strip())


def test_the_shipped_table_is_what_pypinyin_gives_today():
    shipped = TABLE.read_text(encoding="utf-8")
    assert shipped == table_script.table_text(), "run python scripts/pinyin_table.py"


def test_every_line_of_the_taxonomy_example_and_corpus_reads_as_pypinyin_reads_it():
    texts = _texts()
    assert len(texts) > 4000
    differ = [t for t in texts if lazy_pinyin(t) != pypinyin_reading(t)]
    assert differ == []


def test_strings_made_of_phrases_cut_and_joined_read_as_pypinyin_reads_them():
    """Phrases overlapping, cut short and run into each other: where the longest-phrase
    rule matters."""
    rng = random.Random(20231231)
    phrases = sorted(PHRASES_DICT)
    for _ in range(5000):
        parts = [rng.choice(phrases) for _ in range(rng.randint(1, 4))]
        parts = [p[rng.randint(0, 1) :] if len(p) > 2 else p for p in parts]
        text = rng.choice(["", "A", "2023年", "（"]).join(parts)
        assert lazy_pinyin(text) == pypinyin_reading(text), text


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("應收銀行款項", "YingShouYinHangKuanXiang"),  # 銀行: hang, not xing
        ("長期借款", "ChangQiJieKuan"),  # 長期: chang, not zhang
        ("發行銀行", "FaXingYinHang"),
        ("2023年債券", "Item2023NianZhaiQuan"),
    ],
)
def test_extension_names_read_polyphonic_characters_by_their_phrase(label, name):
    assert pinyin_name(label) == name


def test_the_table_holds_every_character_pypinyin_reads():
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 40000 and sum(line.count("=") for line in lines) > 40000
    table = PinyinTable(TABLE.read_bytes())  # bisection finds every line, first and last too
    assert all(table.character(chr(code)) for code in PINYIN_DICT)
    assert not any(map(table.character, ["A", "1", "（", "\t", "=", "\U0010ffff", "\x00"]))
