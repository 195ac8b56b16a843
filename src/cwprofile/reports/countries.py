"""`countries`: the loaded profiles and their tallies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import INDICATORS, PILLARS, pillar_tallies
from cwprofile.reports import (
    document_of,
    iso_codes,
    plural,
    profile_summary,
    summary_cells,
    summary_columns,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.library import Library


def countries(library: Library, wide: bool = False) -> Report:
    entries = library.entries
    summaries = [profile_summary(entry) for entry in entries]
    document = document_of(library.warnings, profiles=summaries)

    def records() -> Records:
        return Records(
            summary_columns(),
            [summary_cells(s, entry) for s, entry in zip(summaries, entries, strict=True)],
        )

    def blocks() -> tuple[Block, ...]:
        """What a person reads first: each profile's country, codes, date and tallies; a
        table at 80 columns whatever the profiles' paths. `--wide` adds each pillar's
        tally, the pillar named in full, and the file each profile came from."""
        from cwprofile.blocks import Column, Paragraph, Table

        pillar_columns = tuple(Column(p.title, "text", numeric=True) for p in PILLARS)
        columns = (
            Column("Country", "text"),
            Column("ISO"),
            Column("Updated"),
            Column("Yes", numeric=True),
            Column("No", numeric=True),
            Column("Unknown", numeric=True),
            *(pillar_columns if wide else ()),
            *((Column("File"),) if wide else ()),
        )
        rows = tuple(
            (
                entry.name,
                iso_codes(entry),
                entry.last_updated,
                entry.tally.yes,
                entry.tally.no,
                entry.tally.unknown,
                *((*(tallies[p.id].short() for p in PILLARS), entry.origin) if wide else ()),
            )
            for entry in entries
            for tallies in (pillar_tallies(entry.statuses),)
        )
        countries = len({entry.iso3 for entry in entries})
        of = f" of {plural(countries, 'country', 'countries')}" if countries != len(rows) else ""
        note = (
            f"{plural(len(rows), 'profile')}{of} loaded. "
            f"Tallies of the {len(INDICATORS)} indicators"
        )
        if not wide:
            note += "; per pillar and each profile's file: --wide."
        else:
            unknown = any("u" in entry.statuses for entry in entries)
            note += "; per pillar, yes of the pillar's indicators" + (
                " ((n?) counts the unknown)." if unknown else "."
            )
            note += (
                " Files are read from the bundled profiles, then your library (import --add), "
                "then CWPROFILE_PATH, then -p; for one country and edition the later wins."
            )
        return (Table(columns, rows, key_columns=1), Paragraph(note, quiet=True))

    return Report("Loaded profiles", document, blocks, records)
