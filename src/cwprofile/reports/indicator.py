"""`indicator`: one indicator across every loaded profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import Indicator, Tally
from cwprofile.reports import (
    REF_COLUMNS,
    country_label,
    document_of,
    editions_of,
    indicator_document,
    iso_codes,
    profile_ref,
    ref_cells,
    status_cell,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cwprofile.blocks import Block
    from cwprofile.compiled import Entry
    from cwprofile.library import Library


def indicator(
    library: Library,
    chosen: Indicator,
    wide: bool = False,
    entries: Sequence[Entry] | None = None,
    all_editions: bool = False,
) -> Report:
    """The indicator in the profiles given (`entries`), or in each loaded country's newest
    edition, or (`all_editions`) in every edition loaded; the tally says which it counted."""
    if entries is None:
        entries = library.entries if all_editions else library.newest()
    found = list(library.findings(chosen, entries))
    counted = "editions" if all_editions else "countries"
    tally = Tally(
        yes=sum(1 for _, status, _ in found if status),
        of=len(found),
        unknown=sum(1 for _, status, _ in found if status is None),
    )
    document = document_of(
        library.warnings,
        indicator=indicator_document(chosen),
        profiles=[
            {**profile_ref(entry), "status": status, "evidence": evidence}
            for entry, status, evidence in found
        ],
        tally=tally.document(),
        counted=counted,
    )

    return Report(
        f"Indicator {chosen.code} {chosen.title}",
        document,
        lambda: indicator_blocks(chosen, found, tally, wide, all_editions, library.count),
        lambda: Records(
            ("indicator", "code", *REF_COLUMNS, "status", "evidence"),
            [
                (chosen.id, chosen.code, *ref_cells(entry), status, evidence)
                for entry, status, evidence in found
            ],
        ),
    )


def indicator_blocks(
    chosen: Indicator,
    found: Sequence[tuple[Entry, bool | None, str]],
    tally: Tally,
    wide: bool = False,
    all_editions: bool = False,
    loaded: int = 0,
) -> tuple[Block, ...]:
    """A row a profile (its country, and with `wide` its codes and date), and the tally; the
    tally says when only each country's newest edition of the `loaded` profiles counted."""
    from cwprofile.blocks import Column, Paragraph, Table

    editions = editions_of(entry for entry, _, _ in found)
    rows = tuple(
        (
            country_label(entry, editions),
            *((iso_codes(entry), entry.last_updated) if wide else ()),
            status_cell(status),
            evidence,
        )
        for entry, status, evidence in found
    )
    columns = (
        Column("Country", "text"),
        *((Column("ISO"), Column("Updated")) if wide else ()),
        Column("Status"),
        Column("Evidence", "prose"),
    )
    title = f"{chosen.code} {chosen.title} ({chosen.pillar.title})"
    counted = "editions" if all_editions else "countries"
    unknown = f", {tally.unknown} unknown" if tally.unknown else ""
    summary = f"{chosen.title} ({chosen.code}): {tally.yes}/{tally.of} {counted} yes, {tally.no} no{unknown}"
    if loaded > len(found) and not all_editions:
        summary += " (each country's newest edition; every one: --all-editions)"
    return (Table(columns, rows, title=title, key_columns=1), Paragraph(summary))
