"""Small inputs written for the per-stage tests, and the calls that run the stages up to one
of them. Figures are invented and add up."""

from __future__ import annotations

from tagger.columns import read_columns
from tagger.layout import lay_out
from tagger.model import Document, SourceText
from tagger.reader import source_lines
from tagger.segmenter import segment
from tagger.vocabulary import default_vocabulary

INCOME = """綜合收益表
截至2023年12月31日止年度

2023年 2022年
附註 人民幣千元 人民幣千元
收入 4 1,200 1,000
銷售成本 5 (700) (600)
毛利 500 400
行政開支 (150) (120)
除所得稅前溢利 350 280
所得稅開支 6 (50) (40)
年度溢利 300 240
"""

BALANCE = """綜合財務狀況表
於2023年12月31日

2023年 2022年
人民幣千元 人民幣千元
非流動資產
物業、廠房及設備 800 700
流動資產
現金及現金等價物 200 150
資產總額 1,000 850
權益
股本 10 10
保留盈利 690 540
權益總額 700 550
非流動負債
借款 100 120
流動負債
借款 200 180
負債總額 300 300
"""


def source(text: str, path: str = "test.txt") -> SourceText:
    return SourceText(path=path, encoding="utf-8", script="zh-Hant", lines=source_lines(text))


def segmented(text: str) -> Document:
    return segment(lay_out(source(text)), default_vocabulary())


def with_columns(text: str) -> Document:
    return read_columns(segmented(text), default_vocabulary())
