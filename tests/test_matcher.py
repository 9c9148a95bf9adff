"""Stage 5, match: labels -> concepts, by statement, section and period type."""

from __future__ import annotations

from tagger.matcher import Matcher
from tagger.matching import match_document
from tagger.vocabulary import default_vocabulary
from tests.stage_inputs import BALANCE, INCOME, with_columns


def _matcher() -> Matcher:
    return Matcher(default_vocabulary())


def test_exact_wordings_in_their_statement():
    m = _matcher()
    assert m.match_row("收入", "income", None, None).concept.name == "Revenue"
    assert m.match_row("营业收入", "income", None, None).concept.name == "Revenue"
    found = m.match_row("銷售成本", "income", None, None)
    assert (found.concept.name, found.method, found.confidence) == ("CostOfSales", "exact", 1.0)


def test_sections_decide_current_and_noncurrent():
    m = _matcher()
    assert m.match_row(
        "借款", "financial_position", "noncurrent_liabilities", True
    ).concept.name == ("LongtermBorrowings")
    assert m.match_row("借款", "financial_position", "current_liabilities", True).concept.name == (
        "CurrentBorrowingsAndCurrentPortionOfNoncurrentBorrowings"
    )


def test_opening_words_are_stripped_and_fuzzy_matches_keep_their_score():
    m = _matcher()
    opening = m.match_row("年終銀行結餘及現金", "cash_flows", None, True)
    assert (opening.concept.name, opening.method) == ("CashAndCashEquivalents", "stripped")
    noisy = m.match_row("年末之現金及現金等價物", "cash_flows", None, True)
    assert noisy.concept.name == "CashAndCashEquivalents" and noisy.method == "fuzzy"
    assert 0.88 <= noisy.confidence < 1


def test_a_fuzzy_match_never_changes_a_meaning_bearing_character():
    m = _matcher()
    # 投資 vs 籌資: one character apart, a different line of the cash flow statement
    found = m.match_row("投資活動所用現金淨額", "cash_flows", "investing", None)
    assert found.concept.name == "CashFlowsFromUsedInInvestingActivities"
    unknown = m.match_row("籌資活動之某某款項", "cash_flows", "financing", None)
    assert unknown.concept is None and unknown.method == "extension"


def test_match_stage_gives_every_row_a_concept_or_an_extension():
    tables = with_columns(INCOME.replace("行政開支", "雜項特別開支") + BALANCE).tables()
    matching = match_document(tables, default_vocabulary())
    names = {(tables[t].rows[r].label, rc.concept.qname) for (t, r), rc in matching.rows.items()}
    assert ("收入", "ifrs-full:Revenue") in names
    assert ("權益總額", "ifrs-full:Equity") in names
    extension = next(
        rc.concept
        for (t, r), rc in matching.rows.items()
        if tables[t].rows[r].label == "雜項特別開支"
    )
    assert extension.extension and extension.prefix == "ext" and extension.balance == "debit"
    assert extension.anchor and extension.anchor.startswith("ifrs-full:")
    assert extension.name in matching.names()


def test_fuzzy_scoring_by_length_finds_what_extract_one_over_every_wording_finds():
    """The fuzzy matcher scores only the wordings whose length can reach the threshold:
    the same first best match as rapidfuzz over all the candidates, ties to the first."""
    import random

    from rapidfuzz import fuzz, process

    from tagger.matcher import FUZZY_THRESHOLD, _choices, _fuzzy_by_length, best_fuzzy

    vocab = default_vocabulary()
    wordings = sorted(vocab.wordings)
    characters = sorted(set("".join(wordings)))
    rng = random.Random(12)
    found = 0
    for statement, section, instant in [("income", None, None), ("cash_flows", None, True)]:
        choices = list(_choices(vocab, "fuzzy", statement, section, instant))
        groups = _fuzzy_by_length(vocab, statement, section, instant)
        for _ in range(300):
            label = list(rng.choice(wordings))
            for _ in range(rng.randint(0, 2)):  # drop, add or change a character or two
                at = rng.randrange(len(label) + 1)
                label[at : at + rng.randint(0, 1)] = rng.choice(["", rng.choice(characters)])
            label = "".join(label)
            best = process.extractOne(label, choices, scorer=fuzz.ratio)
            expected = best[:2] if best and best[1] >= FUZZY_THRESHOLD else None
            assert best_fuzzy(label, groups, vocab.wording_rank) == expected
            found += expected is not None
    assert found > 50  # the sample reaches the threshold often enough to prove the ties
