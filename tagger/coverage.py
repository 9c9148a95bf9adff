"""Stage: coverage. Every printed amount is either tagged or a finding saying why not.

The statements' cells that could not be tagged are reported by the facts stage; this stage
reports the amounts of every other table that no rule tagged.
"""

from __future__ import annotations

from tagger.facts import Fact
from tagger.findings import Finding, Source, finding
from tagger.model import Table


def untagged_cells(tables: list[Table], facts: list[Fact]) -> list[Finding]:
    tagged = {(f.table, f.row, f.column) for f in facts}
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
        if (index, row_index, column) not in tagged and not cell.blank
    ]
