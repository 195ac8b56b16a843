"""`countries`: the loaded profiles and their tallies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import PILLARS, pillar_tallies
from cwprofile.reports import (
    document_of,
    plural,
    profile_summary,
    summary_cells,
    summary_columns,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.library import Library


def countries(library: Library) -> Report:
    entries = library.entries
    summaries = [profile_summary(entry) for entry in entries]
    document = document_of(library.warnings, profiles=summaries)

    def records() -> Records:
        return Records(
            summary_columns(),
            [summary_cells(s, entry) for s, entry in zip(summaries, entries, strict=True)],
        )

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Paragraph, Table

        columns = (
            Column("Country", "text"),
            Column("ISO2"),
            Column("ISO3"),
            Column("Last updated"),
            Column("Yes", numeric=True),
            *(Column(p.short, numeric=True) for p in PILLARS),
            Column("File"),
        )
        rows = tuple(
            (
                entry.name,
                entry.iso2,
                entry.iso3,
                entry.last_updated,
                entry.tally.short(),
                *(tallies[p.id].short() for p in PILLARS),
                entry.origin,
            )
            for entry in entries
            for tallies in (pillar_tallies(entry.statuses),)
        )
        legend = ", ".join(f"{p.short} = {p.title}" for p in PILLARS)
        unknown = "; (n?) counts the unknown" if any("u" in e.statuses for e in entries) else ""
        note = f"{plural(len(rows), 'profile')} loaded. Yes tallies{unknown}. {legend}."
        return (Table(columns, rows), Paragraph(note, quiet=True))

    return Report("Loaded profiles", document, blocks, records)
