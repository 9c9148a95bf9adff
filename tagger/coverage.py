"""Stage: coverage. Every printed amount is either tagged or a finding saying why not.

The statements' cells that could not be tagged are reported by the facts stage; this stage
reports the amounts of every other table that no rule tagged.
"""

from __future__ import annotations

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.model import Table


def untagged_cells(
    tables: list[Table], facts: list[Fact], reported: list[Finding]
) -> list[Finding]:
    """Amounts of non-statement tables that are neither tagged nor already reported (say as
    an ambiguous row): each is reported once, with the first reason found."""
    tagged = {(f.table, f.row, f.column) for f in facts}
    said = {(f.source.line, f.printed) for f in reported if f.source}
    return [
        finding(
            "untagged-note-table",
            "amount in a table outside the primary statements",
            Source(line=cell.line, table=table.title or table.context),
            cell.text,
        )
        for index, table in enumerate(tables)
        if table.statement is None
        for row_index, row in enumerate(table.rows)
        for column, cell in enumerate(row.cells)
        if (index, row_index, column) not in tagged
        and not cell.blank
        and (cell.line, cell.text) not in said
    ]
