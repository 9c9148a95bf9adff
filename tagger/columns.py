"""Stage 4, columns: each table's header -> its columns (periods, or equity components in a
statement of changes in equity) and its unit. The period rule for columns lives here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from tagger.lines import (
    CJK,
    CLOSING_COLUMNS,
    CURRENT_COLUMNS,
    ITEM_WORDS,
    NOTE_WORDS,
    OPENING_COLUMNS,
    RELATIVE_COLUMNS,
    arabic_dates,
    at_date_of,
    document_currency,
    header_shape,
    is_period_line,
    is_unit_line,
    period_end_of,
    relative_columns,
    safe_date,
    stated_unit,
    unit_of,
    years_of,
)
from tagger.model import Column, Document, Period, Unit
from tagger.periods import column_period
from tagger.regex_cache import regex
from tagger.row_units import with_row_units
from tagger.segmenter import more_amounts_than_columns
from tagger.share_columns import share_columns
from tagger.units import is_currency_word, may_print_unit
from tagger.vocabulary import Vocabulary
from taxonomy.models import StatementKind


@dataclass(frozen=True)
class Layout:
    """What a column header says: columns, unit, and why it cannot be read, if so."""

    width: int
    note_column: bool
    columns: tuple[Column, ...]
    unit: Unit | None
    problem: str | None = None
    periods: tuple[Period, ...] = ()  # as the header prints them, whatever the width


_FULL_DATE = regex(r"^[於于]?(\d{4})年(\d{1,2})月(\d{1,2})日$")
_YEAR_ONLY = regex(r"^[於于]?(\d{4})年?$")
_MONTH_DAY = regex(r"^(\d{1,2})月(\d{1,2})日$")


def _column_dates(header: list[str], width: int) -> list[date] | None:
    """One date per column: 2023年6月30日 2022年12月31日 on one line, or 於2023年 於2022年
    over 6月30日 12月31日 (an interim balance sheet against the last year end)."""
    if not width:
        return None
    skip = (*NOTE_WORDS, *ITEM_WORDS)
    lines = [[t for t in arabic_dates(text).split() if t not in skip] for text in header]
    # a line's words are read as dates only where there is one a column (most lines: none)
    for tokens in lines:
        if len(tokens) != width:
            continue
        found = [_FULL_DATE.match(t) for t in tokens]
        if all(found):
            dates = [safe_date(int(m[1]), int(m[2]), int(m[3])) for m in found if m]
            if len(set(dates)) < len(dates):
                continue  # one date printed in two languages, not a date per column
            return dates if all(dates) else None
    for upper, lower in zip(lines, lines[1:], strict=False):
        if not len(upper) == len(lower) == width:
            continue
        years = [_YEAR_ONLY.match(t) for t in upper]
        days = [_MONTH_DAY.match(t) for t in lower]
        if all(years) and all(days):
            dates = [
                safe_date(int(y[1]), int(d[1]), int(d[2]))
                for y, d in zip(years, days, strict=True)
                if y and d
            ]
            return dates if all(dates) else None
    return None


def _periods(
    header: list[str], width: int, fallback_end: date | None, instant: bool
) -> list[Period]:
    """Periods of the amount columns from the year line and the period line; the period end
    given by the user when the header prints none (a year line only, or nothing)."""
    dates = _column_dates(header, width)
    if dates and instant:
        return [Period(end=d) for d in dates]
    years: list[int] = []
    month_day: tuple[int, int] | None = None
    months: int | None = None
    title_year: int | None = None
    for text in header:
        found = years_of(text)
        if found and not years:
            years = found
        end = period_end_of(text)
        if end:
            year, month, day, months = end
            month_day = (month, day)
            title_year = title_year or year
            continue
        at = at_date_of(text)
        if at:
            year, month, day = at
            month_day, months = (month, day), None
            title_year = title_year or year
    if not month_day and fallback_end is not None:
        month_day, months = (fallback_end.month, fallback_end.day), None if instant else 12
        years = years or [fallback_end.year - n for n in range(max(width, 1))]
    if not month_day:
        return []
    if not years and title_year:
        years = [title_year]
    periods = [column_period(y, *month_day, months) for y in years]
    return periods


def _relative_periods(header: list[str], instant: bool) -> list[Period]:
    """Mainland columns named by their place in time (期末余额 期初余额, 本期发生额 上期发生额),
    dated from the statement's period (于2023年12月31日, 2024年1—6月, 2023年度)."""
    names = next((n for t in header if (n := relative_columns(t))), [])
    if not names:
        return []
    end, months = None, None
    for text in header:
        found = period_end_of(text)
        at = at_date_of(text)
        if found and found[0]:
            end, months = safe_date(found[0], found[1], found[2]), found[3]
            break
        if at and at[0]:
            end = safe_date(at[0], at[1], at[2])
            break
    if end is None:
        return []
    current = column_period(end.year, end.month, end.day, None if instant else months or 12)
    year_end = date(end.year - 1, 12, 31) if (end.month, end.day) != (12, 31) else None
    periods = []
    for name in names:
        if name in CLOSING_COLUMNS or name in CURRENT_COLUMNS:
            periods.append(current)
        elif name in OPENING_COLUMNS:  # the last financial year's end
            periods.append(Period(end=year_end or date(end.year - 1, 12, 31)))
        else:  # the same period of the year before
            periods.append(
                column_period(end.year - 1, end.month, end.day, current.start and months or 12)
                if not current.is_instant
                else Period(end=date(end.year - 1, end.month, end.day))
            )
    return periods


_ENGLISH_TOKEN = regex(r"^[A-Za-z][A-Za-z'’\-/&().,]*$")


def _component_tokens(header: list[str]) -> list[str]:
    tokens: list[str] = []
    for text in header:
        if is_period_line(text) or is_unit_line(text) or years_of(text) or stated_unit(text):
            continue
        skip = (*NOTE_WORDS, *ITEM_WORDS, *RELATIVE_COLUMNS)
        tokens += [t for t in text.split() if t not in skip and not is_currency_word(t)]
    if any(CJK.search(t) for t in tokens):
        # A bilingual header: the Chinese names the components, once each.
        tokens = [t for t in tokens if not _ENGLISH_TOKEN.match(t)]
    return tokens


def member_words(token: str, vocab: Vocabulary) -> list[str]:
    """A header word that runs several components together (股本其他儲備, as extractors
    that space or glue characters print it) split into the components' wordings; the parts
    no wording covers stay as they are, to be joined with their neighbours."""
    if vocab.members_for(token) or len(token) < 4:
        return [token]
    best: list[tuple[int, int, list[str]] | None] = [None] * (len(token) + 1)
    best[0] = (0, 0, [])
    for start in range(len(token)):
        if best[start] is None:
            continue
        unknown, pieces, words = best[start]
        options = [(start + 1, 1)]  # one character no wording covers
        options += [
            (end, 0)
            for end in range(start + 2, min(len(token), start + 16) + 1)
            if vocab.members_for(token[start:end])
        ]
        for end, extra in options:
            piece = token[start:end]
            if extra and words and best[start] is not None and _is_unknown(words[-1], vocab):
                candidate = (unknown + 1, pieces, [*words[:-1], words[-1] + piece])
            else:
                candidate = (unknown + extra, pieces + 1, [*words, piece])
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    words = best[len(token)][2]
    return words if any(vocab.members_for(w) for w in words) else [token]


def _is_unknown(word: str, vocab: Vocabulary) -> bool:
    return not vocab.members_for(word)


def _equity_columns(tokens: list[str], width: int, vocab: Vocabulary) -> list[Column]:
    """Map header words to equity components; join wrapped words ("貨幣換算" "儲備")."""
    tokens = [word for token in tokens for word in member_words(token, vocab)]
    columns: list[Column] = []
    index = 0
    while index < len(tokens):
        for span in (3, 2, 1):
            words = "".join(tokens[index : index + span])
            members = vocab.members_for(words)
            if members or span == 1:
                name = members[0].name if members else None
                columns.append(Column(member=name, label=words))
                index += span
                break
    columns = _totals_by_position(columns)
    # A group heading above several columns names the same member as its 總計 column.
    # Only the owners' heading is ever taken out: another word twice is not guessed away.
    while len(columns) > width:
        names = [c.member for c in columns]
        owners = [i for i, n in enumerate(names) if n == _OWNERS]
        headings = [i for i in owners if any(w in columns[i].label for w in _SHARE_WORDS)]
        unknown = [i for i, c in enumerate(columns) if c.member is None]
        if headings and (len(owners) > 1 or _NCI not in names):
            columns.pop(headings[0])  # 本公司擁有人應佔 over the owners' columns
        elif len(owners) > 1:
            columns.pop(owners[0])
        elif len(unknown) >= 2 and unknown[1] == unknown[0] + 1:
            a, b = columns[unknown[0]], columns.pop(unknown[1])
            columns[unknown[0]] = Column(label=a.label + b.label)
        else:
            break
    return columns


def _one_line_components(header: list[str], width: int, vocab: Vocabulary) -> list[Column]:
    """A header whose words over the columns do not read as one component each (可換股債券
    printed above 權益儲備 of one column only) but with one line that prints exactly one word
    per column: that line names the columns. The words above it qualify some column, which
    one cannot be read from text, so they are left out of the names rather than guessed."""
    full = [
        tokens
        for text in header
        if len(tokens := _component_tokens([text])) == width and all(CJK.search(t) for t in tokens)
    ]
    if len(full) != 1:
        return []
    columns = _totals_by_position(
        [
            Column(member=(m[0].name if (m := vocab.members_for(t)) else None), label=t)
            for t in full[0]
        ]
    )
    return [] if _equity_problem(columns, width) else columns


_TOTAL_WORDS = ("總計", "小計", "合計", "总计", "小计", "合计")
_DEDUCTION = ("减：", "減：", "减:", "減:", "Less:")
_SHARE_WORDS = ("應佔", "应占", "歸屬於", "归属于", "Attributable", "attributable")
_OWNERS = "EquityAttributableToOwnersOfParentMember"
_NCI = "NoncontrollingInterestsMember"


def _totals_by_position(columns: list[Column]) -> list[Column]:
    """A column headed only 總計 / 小計 is the owners' subtotal when the non-controlling
    interests' column follows it, and the total of equity when it comes after them."""
    out = []
    for index, column in enumerate(columns):
        if column.label in _TOTAL_WORDS:
            later = [c.member for c in columns[index + 1 :]]
            member = _OWNERS if _NCI in later else "EquityMember"
            column = column.model_copy(update={"member": member})
        out.append(column)
    return out


def parse_header(
    header: list[str],
    statement: StatementKind | None,
    vocab: Vocabulary,
    period_end: date | None = None,
    currency: str | None = None,
) -> Layout:
    """``currency``: the document's currency, for headers that print only 千元."""
    # the last line that prints a unit (any line unit_of reads is a unit line); every unit
    # word ends in 元 or '000: no other line is read
    unit = next(
        (u for t in reversed(header) if may_print_unit(t) and (u := unit_of(t, currency))), None
    )
    unit = next((u for t in header if (u := stated_unit(t, currency))), None) or unit
    width, note_column, _ = header_shape(header)
    instant = statement == "financial_position"
    periods = _relative_periods(header, instant) or _periods(header, width, period_end, instant)
    if statement == "changes_in_equity":
        columns = _equity_columns(_component_tokens(header), width, vocab)
        if _equity_problem(columns, width):
            columns = _one_line_components(header, width, vocab) or columns
        columns = [
            c.model_copy(update={"deducted": True}) if c.label.startswith(_DEDUCTION) else c
            for c in columns
        ]
    elif periods and (not width or len(periods) == width):
        columns = [Column(period=p, label=f"{p.end.year}") for p in periods]
        width = width or len(columns)
    else:
        columns = []
    if statement == "changes_in_equity":
        problem = _equity_problem(columns, width)
    else:
        problem = _same_period_problem(columns)
    return Layout(width, note_column, tuple(columns), unit, problem, tuple(periods))


def _same_period_problem(columns: list[Column]) -> str | None:
    """Two columns read as the same period cannot be told apart: nothing is guessed."""
    periods = [c.period for c in columns if c.period is not None]
    if len(set(periods)) < len(periods):
        return "two columns of the header read as the same period"
    return None


def _document_texts(document: Document) -> list[str]:
    texts = [b.text for b in document.blocks if b.text]
    for table in document.tables():
        texts += [*table.header_lines, *(r.printed_label for r in table.rows)]
    return texts


def read_columns(document: Document, vocab: Vocabulary, period_end: date | None = None) -> Document:
    """Stage 4, columns: each table's periods or equity components, unit and problems, read
    from its header. ``period_end``: for headers that print no period end."""
    currency = document_currency(_document_texts(document))
    blocks = []
    headings: list[str] = []  # headings printed since the last table
    for block in document.blocks:
        table = block.table
        if table is None:
            headings = [*headings, block.text] if block.kind == "heading" else []
        if table is not None:
            header = list(table.header_lines)
            if table.statement is None and not any(is_period_line(h) for h in header):
                # 截至12月31日止年度 printed as a heading just above a table whose header
                # prints only the years (2023年 2022年): the period its years end
                header = [h for h in headings[-3:] if is_period_line(h)][-1:] + header
            headings = []
            layout = parse_header(header, table.statement, vocab, period_end, currency)
            # On the mainland template, the statements of profit and of cash flows print each
            # line with its own sign; the statement of changes in equity prints movements as
            # increases and decreases of equity, as elsewhere.
            natural = table.statement in ("income", "comprehensive_income", "cash_flows") and any(
                w in line.split() for line in table.header_lines for w in ITEM_WORDS
            )
            problem = layout.problem
            columns = layout.columns
            widths = Counter(len(row.cells) for row in table.rows if row.cells)
            width = widths.most_common(1)[0][0] if widths else 0
            rows = table.rows
            if problem is None and table.statement is None and width > len(columns):
                # more amounts a row than the header names columns: a share of the year's
                # total beside each year's amount, if the figures prove it
                unread = more_amounts_than_columns(width, len(columns))
                rows = tuple(
                    r.model_copy(update={"problem": None}) if r.problem == unread else r
                    for r in rows
                )
                shares = share_columns(rows, layout.periods, width)
                columns, rows = (shares, rows) if shares else (columns, table.rows)
            if table.statement == "changes_in_equity" and problem is None:
                problem = equity_sums_problem(table.rows, layout.columns)
            table = table.model_copy(
                update={
                    "columns": columns,
                    "rows": rows,
                    "unit": layout.unit,
                    "problem": problem,
                    "natural_signs": natural,
                }
            )
            table = with_row_units(table, currency)
            block = block.model_copy(update={"table": table})
        blocks.append(block)
    return document.model_copy(update={"blocks": tuple(blocks)})


def equity_sums_problem(rows, columns: tuple[Column, ...]) -> str | None:
    """The components as read must add up as an equity statement does, on every row that
    prints all its columns: the owners' subtotal is the sum of the components before it and
    the total is the owners' plus the non-controlling interests' (or all components, with no
    subtotal). Columns read in the wrong order fail this and are not tagged."""
    members = [c.member for c in columns]
    if "EquityMember" not in members:
        return None
    total = members.index("EquityMember")
    owners = members.index(_OWNERS) if _OWNERS in members else None
    parts = [i for i, m in enumerate(members) if m not in ("EquityMember", _OWNERS)]
    before_owners = [i for i in parts if owners is None or i < owners]
    for row in rows:
        values = [c.value if not c.blank else 0 for c in row.cells]
        if len(values) != len(columns) or any(v is None for v in values):
            continue
        checks = [
            (total, [owners, *(i for i in parts if i > owners)] if owners is not None else parts)
        ]
        if owners is not None:
            checks.append((owners, before_owners))
        signed = [-v if c.deducted else v for v, c in zip(values, columns, strict=True)]
        for whole, summed in checks:
            if abs(signed[whole] - sum(signed[i] for i in summed)) > 1:
                line = row.lines[-1]
                return f"the equity components as read do not add up to their total on line {line}"
    return None


def _equity_problem(columns: list[Column], width: int) -> str | None:
    """Components of equity that cannot be told apart are not guessed."""
    names = [c.member or c.label for c in columns]
    if len(columns) != width:
        return f"{len(columns)} equity components read from the header for {width} columns"
    if len(set(names)) != len(names):
        return "two columns of the header name the same component of equity"
    return None
