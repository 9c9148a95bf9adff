"""tagger.vocabulary's lookup keys."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tagger.vocabulary import _normalised, compact

# Chinese characters, and what the normalising rules act on: English words and dates,
# brackets of both widths, note references, spaces, colons, asterisks, dashes.
_PIECES = st.sampled_from(
    [
        *"收入成本附註年月日",
        "\u3400",
        "\u9fff",
        "Revenue",
        "(Note 5)",
        "31 December 2023",
        *"（）()／╱－—–:：*＊ 　",
        "附註5",
        "（附註5）",
        "2023",
        "EBITDA",
    ]
)


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_the_fast_path_for_chinese_characters_alone_gives_what_the_rules_give(text):
    assert compact.__wrapped__(text) == _normalised(text)
