"""Note tables (tagger.notes): the example's notes read by hand, and invented excerpts in
the styles issuers print them (Traditional and Simplified, figures that add up), including
rows whose meaning or sign is in doubt, which go to review untagged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tagger.pipeline import tag

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "sensetime-2023-annual-results.zh-Hant.txt"
)
Y23, Y22 = "d20230101-20231231", "d20220101-20221231"
I23, I22 = "i20231231", "i20221231"
GEO = "ifrs-full:GeographicalAreasAxis"
TIMING = "ifrs-full:TimingOfTransferOfGoodsOrServicesAxis"
NCA = (
    "NoncurrentAssetsOtherThanFinancialInstrumentsDeferredTaxAssetsPostemploymentBenefit"
    "AssetsAndRightsArisingUnderInsuranceContracts"
)

# Read from the announcement's notes 3 to 7 (人民幣千元, so decimals -3): concept, member
# (ext: the entity's own region), period, value in full units with the concept's sign.
EXAMPLE_NOTES = [
    # 3(a) 按地區劃分的收入
    ("Revenue", "ext:ZhongGuoNeiDiMember", Y23, "2907390000"),
    ("Revenue", "ext:ZhongGuoNeiDiMember", Y22, "3168880000"),
    ("Revenue", "ext:DongBeiYaMember", Y23, "343040000"),
    ("Revenue", "ext:DongBeiYaMember", Y22, "521866000"),
    ("Revenue", "ext:DongNanYaMember", Y23, "66062000"),
    ("Revenue", "ext:DongNanYaMember", Y22, "21904000"),
    ("Revenue", "ext:QiTaMember", Y23, "89350000"),
    ("Revenue", "ext:QiTaMember", Y22, "95860000"),
    # 3(b) 按地區劃分的非流動資產
    (NCA, "ext:ZhongGuoNeiDiMember", I23, "7900623000"),
    (NCA, "ext:ZhongGuoNeiDiMember", I22, "7498318000"),
    (NCA, "ext:DongBeiYaMember", I23, "72276000"),
    (NCA, "ext:DongBeiYaMember", I22, "66301000"),
    (NCA, "ext:DongNanYaMember", I23, "14437000"),
    (NCA, "ext:DongNanYaMember", I22, "27054000"),
    (NCA, "ext:QiTaMember", I23, "66600000"),
    (NCA, "ext:QiTaMember", I22, "55318000"),
    (NCA, None, I23, "8053936000"),
    (NCA, None, I22, "7646991000"),
    # 4(b) 收入劃分
    ("Revenue", "ifrs-full:GoodsOrServicesTransferredAtPointInTimeMember", Y23, "2823288000"),
    ("Revenue", "ifrs-full:GoodsOrServicesTransferredAtPointInTimeMember", Y22, "3543301000"),
    ("Revenue", "ifrs-full:GoodsOrServicesTransferredOverTimeMember", Y23, "582554000"),
    ("Revenue", "ifrs-full:GoodsOrServicesTransferredOverTimeMember", Y22, "265209000"),
    # 5 按性質劃分的開支
    ("EmployeeBenefitsExpense", None, Y23, "3507229000"),
    ("EmployeeBenefitsExpense", None, Y22, "4012452000"),
    ("DepreciationAndAmortisationExpense", None, Y23, "1249924000"),
    ("DepreciationAndAmortisationExpense", None, Y22, "967685000"),
    ("ProfessionalFeesExpense", None, Y23, "634984000"),
    ("ProfessionalFeesExpense", None, Y22, "800666000"),
    ("TaxExpenseOtherThanIncomeTaxExpense", None, Y23, "56214000"),
    ("TaxExpenseOtherThanIncomeTaxExpense", None, Y22, "29140000"),
    ("AuditorsRemunerationForAuditServices", None, Y23, "15290000"),
    ("AuditorsRemunerationForAuditServices", None, Y22, "15365000"),
    ("AuditorsRemunerationForOtherServices", None, Y23, "698000"),
    ("AuditorsRemunerationForOtherServices", None, Y22, "4100000"),
    ("OtherExpenseByNature", None, Y23, "40789000"),
    ("OtherExpenseByNature", None, Y22, "30802000"),
    ("ExpenseByNature", None, Y23, "7700407000"),
    ("ExpenseByNature", None, Y22, "7749106000"),
    # 6 其他虧損－淨額: losses printed in brackets are negative gains; a donation an expense
    ("GainsLossesOnFinancialAssetsAtFairValueThroughProfitOrLoss", None, Y23, "-724426000"),
    ("GainsLossesOnFinancialAssetsAtFairValueThroughProfitOrLoss", None, Y22, "-885078000"),
    ("DonationsAndSubsidiesExpense", None, Y23, "902000"),
    ("DonationsAndSubsidiesExpense", None, Y22, "12703000"),
    (
        "GainsLossesOnExchangeDifferencesOnTranslationRecognisedInProfitOrLoss",
        None,
        Y23,
        "-67838000",
    ),
    (
        "GainsLossesOnExchangeDifferencesOnTranslationRecognisedInProfitOrLoss",
        None,
        Y22,
        "-453432000",
    ),
    ("GainsLossesOnDisposalsOfPropertyPlantAndEquipment", None, Y23, "-4499000"),
    ("GainsLossesOnDisposalsOfPropertyPlantAndEquipment", None, Y22, "-1390000"),
    ("OtherGainsLosses", None, Y23, "-808244000"),
    ("OtherGainsLosses", None, Y22, "-1367311000"),
    # 7 所得稅抵免: the note prints credits positive (所得稅抵免 9,492 is a tax credit)
    ("CurrentTaxExpenseIncome", None, Y23, "25878000"),
    ("CurrentTaxExpenseIncome", None, Y22, "22714000"),
    ("DeferredTaxExpenseIncome", None, Y23, "-35370000"),
    ("DeferredTaxExpenseIncome", None, Y22, "-262536000"),
    ("TaxExpenseIncomeAtApplicableTaxRate", None, Y23, "-1012381000"),
    ("TaxExpenseIncomeAtApplicableTaxRate", None, Y22, "-998577000"),
    ("TaxEffectOfRevenuesExemptFromTaxation2011", None, Y23, "0"),
    ("TaxEffectOfRevenuesExemptFromTaxation2011", None, Y22, "25357000"),
    ("TaxEffectOfExpenseNotDeductibleInDeterminingTaxableProfitTaxLoss", None, Y23, "49940000"),
    ("TaxEffectOfExpenseNotDeductibleInDeterminingTaxableProfitTaxLoss", None, Y22, "177044000"),
    ("TaxEffectOfTaxLosses", None, Y23, "722622000"),
    ("TaxEffectOfTaxLosses", None, Y22, "564294000"),
]
# Note amounts equal to statement facts: the same value, a consistent duplicate.
EXAMPLE_DUPLICATES = [
    ("Revenue", Y23, "3405842000", 3),  # income statement, 3(a) and 4(b) totals
    ("Revenue", Y22, "3808510000", 3),
    ("OtherGainsLosses", Y23, "-808244000", 2),
    ("IncomeTaxExpenseContinuingOperations", Y23, "-9492000", 3),  # statement, 7 twice
    ("IncomeTaxExpenseContinuingOperations", Y22, "-239822000", 3),
    ("ProfitLossBeforeTax", Y23, "-6504162000", 2),
]


@pytest.fixture(scope="module")
def example():
    return tag(EXAMPLE)


def _note_facts(result):
    return [f for f in result.facts if f.statement == "notes"]


def _one(result, concept: str, member: str | None, period: str):
    dims = ((GEO if "Member" in (member or "") else "", member),) if member else ()
    found = [
        f
        for f in _note_facts(result)
        if f.concept.name == concept
        and f.period.key() == period
        and tuple(m for _, m in f.dims) == tuple(m for _, m in dims)
    ]
    assert len(found) == 1, (concept, member, period, found)
    return found[0]


@pytest.mark.parametrize(("concept", "member", "period", "value"), EXAMPLE_NOTES)
def test_example_note_facts_read_by_hand(example, concept, member, period, value):
    fact = _one(example, concept, member, period)
    assert fact.value == Decimal(value)
    assert (fact.unit, fact.decimals, fact.scale) == ("CNY", -3, 3)
    if member and member.startswith("ext:") and concept == "Revenue":
        assert fact.dims == ((GEO, member),)
    if member and member.startswith("ifrs-full:"):
        assert fact.dims == ((TIMING, member),)


@pytest.mark.parametrize(("concept", "period", "value", "count"), EXAMPLE_DUPLICATES)
def test_example_note_totals_are_consistent_duplicates_of_statement_facts(
    example, concept, period, value, count
):
    same = [
        f
        for f in example.facts
        if f.concept.name == concept and f.period.key() == period and not f.dims
    ]
    # ``count``: the statement's fact and the notes' totals; the discussion may print it too
    # (restated lines, figures of the text), at its own precision: all agree
    (stated,) = [f for f in same if f.statement not in ("notes", "other", "text")]
    assert stated.value == Decimal(value)
    assert len([f for f in same if f.statement == "notes"]) == count - 1
    assert all(f.agrees_with(stated) for f in same)


def test_example_note_count_and_doubtful_rows(example):
    notes = _note_facts(example)
    assert len(notes) >= 60
    unclear = {f.printed for f in example.findings if f.code == "note-row-unclear"}
    # 硬件成本及項目分包服務費 names no IFRS line item, nor does 其他 among gains and losses:
    # parts of their notes' totals, they are the filing's own line items
    assert not {"1,537,925", "2,156", "(816)"} & unclear
    assert not any(f.code in ("note-sign-unclear", "note-conflicts") for f in example.findings)
    members = {m.name: m.label for m in example.members if m.axis == GEO}
    assert members == {
        "ZhongGuoNeiDiMember": "中國內地",
        "DongBeiYaMember": "東北亞",
        "DongNanYaMember": "東南亞",
        "QiTaMember": "其他",
    }


HK_GEOGRAPHY = """綜合損益表
截至2023年12月31日止年度

2023年 2022年
附註 千港元 千港元

收入 3 512,400 468,900
銷售成本 (301,200) (280,100)

毛利 211,200 188,800

財務報表附註

1 一般資料

本公司於香港註冊成立，主要從事零售業務。除另有說明者外，財務資料以千港元呈列。

3 收入及分部資料

(a) 按地理區域劃分之收益

截至12月31日止年度
2023年 2022年
千港元 千港元

香港 301,500 280,000
中國內地 160,900 150,400
其他地區 50,000 38,500

512,400 468,900

(b) 客戶合約收益分拆

截至12月31日止年度
2023年 2022年
千港元 千港元

於某一時點確認 402,400 370,900
隨時間確認 110,000 98,000

512,400 468,900
"""

HANS_EXPENSES = """合并利润表
截至2023年12月31日止年度

2023年 2022年
附注 人民币千元 人民币千元

收入 880,000 790,000
销售成本 (520,000) (470,000)

毛利 360,000 320,000
其他亏损净额 6 (13,500) 4,200

财务报表附注

1 一般资料

本公司于开曼群岛注册成立，主要在中国内地从事软件开发业务。除另有说明者外，财务资料以人民币千元呈列。

5 按性质划分的费用

截至12月31日止年度
2023年 2022年
人民币千元 人民币千元

员工福利开支 210,000 190,000
折旧及摊销 45,000 41,000
核数师酬金 3,000 2,800
差旅开支 12,000 9,000
咨询服务及其他 8,500 7,200
其他开支 6,500 5,000

285,000 255,000

6 其他亏损净额

截至12月31日止年度
2023年 2022年
人民币千元 人民币千元

汇兑收益净额 (9,800) 6,100
出售物业、厂房及设备的亏损 (1,200) (400)
捐款 (2,500) (1,500)

(13,500) 4,200
"""

# The income statement prints no other gains or losses: nothing says which way the note's
# total of either sign is printed.
SIGN_IN_DOUBT = """綜合收益表
截至2023年12月31日止年度

2023年 2022年
人民幣千元 人民幣千元

收入 96,000 88,000
銷售成本 (61,000) (57,000)

毛利 35,000 31,000

財務報表附註

1 一般資料

本公司於百慕達註冊成立，主要從事物流業務。除另有說明者外，財務資料以人民幣千元呈列。

6 其他收益淨額

截至12月31日止年度
2023年 2022年
人民幣千元 人民幣千元

匯兌收益淨額 2,100 (900)
出售物業、廠房及設備的收益 1,100 400

3,200 (500)
"""


def _tag_text(tmp_path, text: str, name: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return tag(path)


def _values(result) -> dict[tuple, Decimal]:
    return {
        (f.concept.name, f.dims[0][1] if f.dims else None, f.period.key()): f.value
        for f in _note_facts(result)
    }


def test_revenue_by_region_and_by_timing_in_hong_kong_dollars(tmp_path):
    result = _tag_text(tmp_path, HK_GEOGRAPHY, "hk")
    assert _values(result) == {
        ("Revenue", "ext:XiangGangMember", Y23): Decimal("301500000"),
        ("Revenue", "ext:XiangGangMember", Y22): Decimal("280000000"),
        ("Revenue", "ext:ZhongGuoNeiDiMember", Y23): Decimal("160900000"),
        ("Revenue", "ext:ZhongGuoNeiDiMember", Y22): Decimal("150400000"),
        ("Revenue", "ext:QiTaDiQuMember", Y23): Decimal("50000000"),
        ("Revenue", "ext:QiTaDiQuMember", Y22): Decimal("38500000"),
        ("Revenue", "ifrs-full:GoodsOrServicesTransferredAtPointInTimeMember", Y23): Decimal(
            "402400000"
        ),
        ("Revenue", "ifrs-full:GoodsOrServicesTransferredAtPointInTimeMember", Y22): Decimal(
            "370900000"
        ),
        ("Revenue", "ifrs-full:GoodsOrServicesTransferredOverTimeMember", Y23): Decimal(
            "110000000"
        ),
        ("Revenue", "ifrs-full:GoodsOrServicesTransferredOverTimeMember", Y22): Decimal("98000000"),
        ("Revenue", None, Y23): Decimal("512400000"),
        ("Revenue", None, Y22): Decimal("468900000"),
    }
    assert {f.unit for f in _note_facts(result)} == {"HKD"}
    assert {f.decimals for f in _note_facts(result)} == {-3}
    assert not [f for f in result.findings if f.code.startswith("note-")]


def test_expenses_and_other_losses_in_simplified_with_a_row_of_its_own(tmp_path):
    result = _tag_text(tmp_path, HANS_EXPENSES, "hans")
    assert _values(result) == {
        ("EmployeeBenefitsExpense", None, Y23): Decimal("210000000"),
        ("EmployeeBenefitsExpense", None, Y22): Decimal("190000000"),
        ("DepreciationAndAmortisationExpense", None, Y23): Decimal("45000000"),
        ("DepreciationAndAmortisationExpense", None, Y22): Decimal("41000000"),
        ("AuditorsRemuneration", None, Y23): Decimal("3000000"),
        ("AuditorsRemuneration", None, Y22): Decimal("2800000"),
        ("TravelExpense", None, Y23): Decimal("12000000"),
        ("TravelExpense", None, Y22): Decimal("9000000"),
        ("OtherExpenseByNature", None, Y23): Decimal("6500000"),
        ("OtherExpenseByNature", None, Y22): Decimal("5000000"),
        ("ExpenseByNature", None, Y23): Decimal("285000000"),
        ("ExpenseByNature", None, Y22): Decimal("255000000"),
        # printed with gains positive, as the income statement's 其他亏损净额 (13,500) says
        (
            "GainsLossesOnExchangeDifferencesOnTranslationRecognisedInProfitOrLoss",
            None,
            Y23,
        ): Decimal("-9800000"),
        (
            "GainsLossesOnExchangeDifferencesOnTranslationRecognisedInProfitOrLoss",
            None,
            Y22,
        ): Decimal("6100000"),
        ("GainsLossesOnDisposalsOfPropertyPlantAndEquipment", None, Y23): Decimal("-1200000"),
        ("GainsLossesOnDisposalsOfPropertyPlantAndEquipment", None, Y22): Decimal("-400000"),
        ("DonationsAndSubsidiesExpense", None, Y23): Decimal("2500000"),
        ("DonationsAndSubsidiesExpense", None, Y22): Decimal("1500000"),
        ("OtherGainsLosses", None, Y23): Decimal("-13500000"),
        ("OtherGainsLosses", None, Y22): Decimal("4200000"),
        ("ZiXunFuWuJiQiTa", None, Y23): Decimal("8500000"),
        ("ZiXunFuWuJiQiTa", None, Y22): Decimal("7200000"),
    }
    # 咨询服务及其他 names no IFRS item: the filing's own, a part of the expenses by nature
    assert not [f for f in result.findings if f.code == "note-row-unclear"]
    assert {f.unit for f in _note_facts(result)} == {"CNY"}


def test_a_note_whose_direction_cannot_be_told_goes_to_review(tmp_path):
    result = _tag_text(tmp_path, SIGN_IN_DOUBT, "doubt")
    assert _note_facts(result) == []
    doubt = sorted(f.printed for f in result.findings if f.code == "note-sign-unclear")
    assert doubt == sorted(["2,100", "(900)", "1,100", "400", "3,200", "(500)"])


def test_headings_name_the_kinds_whose_wordings_they_are_or_contain():
    """kinds_named looks headings up in an index of the kinds' wordings: the kinds a
    heading is one wording of, or contains a wording of four characters or more of, in the
    kinds' order; heading_level tells note and sub-headings as the two tests do."""
    from tagger.note_regions import (
        bare_heading,
        heading_level,
        is_note_heading,
        is_sub_heading,
        kinds_named,
    )
    from tagger.vocabulary import compact, default_vocabulary

    kinds = default_vocabulary().concept_map.note_kinds

    def by_comparison(text):
        key = bare_heading(text)
        wordings = [(k, [compact(h) for h in k.headings]) for k in kinds]
        return [
            k for k, ws in wordings if key and any(key == w or len(w) >= 4 and w in key for w in ws)
        ]

    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    headings = [h for k in kinds for h in k.headings]
    texts = (
        lines + headings + [f"5 {h}（續）" for h in headings] + [f"(a) 本集團{h}" for h in headings]
    )
    for text in texts:
        assert kinds_named(text, kinds) == by_comparison(text)
        level = "note" if is_note_heading(text) else "sub" if is_sub_heading(text) else None
        assert heading_level(text) == level
    assert kinds_named("(b) 其他", (kinds[0], kinds[0])) == []
    assert kinds_named(kinds[0].headings[0], (kinds[0], kinds[0])) == [kinds[0], kinds[0]]
