"""Cheap tests that turn a line away before a pattern is tried: each must hold of every line
the pattern itself accepts (they make the answer faster, never different)."""

from tagger.lines import at_date_of, is_period_line, is_prose, is_unit_line, unit_count, years_of
from tagger.units import UNIT_TOKEN, may_print_unit
from tagger.wording import _bilingual_heading, _bilingual_shape, numbered_heading

UNIT_WORDS = [
    "人民幣千元",
    "千港元",
    "(港幣千元)",
    "HK$'000",
    "RMB’000",
    "元",
    "（人民幣百萬元）",
    "US$'000",
]


def test_every_unit_word_passes_the_unit_prefilter():
    assert all(UNIT_TOKEN.match(word) and may_print_unit(word) for word in UNIT_WORDS)
    assert unit_count("附註 人民幣千元 人民幣千元") == 2 and is_unit_line("HK$'000 HK$'000")
    assert not is_unit_line("收入") and unit_count("收入 1,234") == 0


def test_periods_and_dates_in_every_printed_form_are_still_read():
    assert is_period_line("截至2023年12月31日止年度")
    assert is_period_line("For the year ended 31 December 2023")
    assert is_period_line("於二零二三年六月三十日")  # read as 於2023年6月30日
    assert is_period_line("2023年度")  # the mainland's year alone
    assert at_date_of("As at 30 June 2024") == (2024, 6, 30)
    assert at_date_of("於2023年12月31日") == (2023, 12, 31)
    assert not is_period_line("收入") and at_date_of("2023年") is None


def test_years_end_at_the_first_word_that_is_none():
    assert years_of("附註 2023年 2022年") == [2023, 2022]
    assert years_of("2023年 收入") is None and years_of("附註") is None


def test_a_short_line_is_no_prose_and_a_sentence_still_is():
    assert not is_prose("物業、廠房及設備")
    assert is_prose("本集團於本年度錄得收入增長，主要由於生成式人工智能業務的收入大幅增加所致")
    assert is_prose(
        "本集團的收入主要來自向客戶提供人工智能軟件平台及相關服務以及智能汽車業務的銷售收入"
    )


def test_a_bilingual_heading_passes_the_ascii_shape_first():
    for line in ["1. GENERAL 1. 一般資料", "2 REVENUE 2 收入", "3.1 Basis 3.1 編製基準"]:
        assert _bilingual_heading().match(line) and _bilingual_shape().match(line)
    assert numbered_heading("1. GENERAL 1. 一般資料") == (1, None, "一般資料")
    assert not _bilingual_shape().match("1 Revenue of the Group")
