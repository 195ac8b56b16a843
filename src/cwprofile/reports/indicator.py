"""`indicator`: one indicator across every loaded profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import (
    Indicator,
    tally_document,
)
from cwprofile.report import Records, Report
from cwprofile.reports import (
    REF_COLUMNS,
    document_of,
    indicator_document,
    iso_codes,
    profile_ref,
    ref_cells,
)

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.store import Library


def indicator(library: Library, chosen: Indicator) -> Report:
    found = list(library.findings(chosen))
    yes = sum(1 for _, status, _ in found if status)
    document = document_of(
        library.warnings,
        indicator=indicator_document(chosen),
        profiles=[
            {**profile_ref(entry), "status": status, "evidence": evidence}
            for entry, status, evidence in found
        ],
        tally=tally_document(yes, len(found)),
    )

    def records() -> Records:
        return Records(
            ("indicator", "code", *REF_COLUMNS, "status", "evidence"),
            [
                (chosen.id, chosen.code, *ref_cells(entry), status, evidence)
                for entry, status, evidence in found
            ],
        )

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Paragraph, Table

        rows = tuple(
            (entry.name, iso_codes(entry), entry.last_updated, status, evidence)
            for entry, status, evidence in found
        )
        columns = (
            Column("Country", "text"),
            Column("ISO"),
            Column("Updated"),
            Column("Status"),
            Column("Evidence", "prose"),
        )
        title = f"{chosen.code} {chosen.title} ({chosen.pillar.title})"
        summary = f"{chosen.title} ({chosen.code}): {yes}/{len(found)} profiles yes, {len(found) - yes} no"
        return (Table(columns, rows, title=title, key_columns=1), Paragraph(summary))

    return Report(f"Indicator {chosen.code} {chosen.title}", document, blocks, records)
