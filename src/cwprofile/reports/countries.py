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
    from collections.abc import Sequence

    from cwprofile.blocks import Block
    from cwprofile.compiled import Entry
    from cwprofile.library import Library


def countries(library: Library, wide: bool = False) -> Report:
    """The loaded profiles, each with its country, edition and tallies."""
    entries = library.entries
    summaries = [profile_summary(entry) for entry in entries]
    document = document_of(library.warnings, profiles=summaries)
    return Report(
        "Loaded profiles",
        document,
        lambda: countries_blocks(entries, wide),
        lambda: Records(
            summary_columns(),
            [summary_cells(s, entry) for s, entry in zip(summaries, entries, strict=True)],
        ),
    )


def countries_blocks(entries: Sequence[Entry], wide: bool = False) -> tuple[Block, ...]:
    """What a person reads first: each profile's country, codes, date and tallies; a table
    at 80 columns whatever the profiles' paths. `--wide` adds each pillar's tally, the
    pillar named in full, and the file each profile came from."""
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
    return (
        Table(columns, rows, key_columns=1),
        Paragraph(countries_note(entries, wide), quiet=True),
    )


def countries_note(entries: Sequence[Entry], wide: bool = False) -> str:
    """How many profiles of how many countries, and where to see more (or what `--wide`
    shows)."""
    countries = len({entry.iso3 for entry in entries})
    of = f" of {plural(countries, 'country', 'countries')}" if countries != len(entries) else ""
    note = (
        f"{plural(len(entries), 'profile')}{of} loaded. Tallies of the {len(INDICATORS)} indicators"
    )
    if not wide:
        return note + "; per pillar and each profile's file: --wide."
    unknown = any("u" in entry.statuses for entry in entries)
    note += "; per pillar, yes of the pillar's indicators" + (
        " ((n?) counts the unknown)." if unknown else "."
    )
    return note + (
        " Files are read from the bundled profiles, then your library (import --add), "
        "then CWPROFILE_PATH, then -p; for one country and edition the later wins."
    )
