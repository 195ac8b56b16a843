"""`compare`: the indicators side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cwprofile.catalog import (
    INDICATORS,
    LETTER_STATUS,
    PILLARS,
    POSITION,
    Indicator,
    pillar_tallies,
)
from cwprofile.reports import (
    country_key,
    document_of,
    editions_of,
    indicator_document,
    plural,
    profile_summary,
    status_cell,
)
from cwprofile.reports.report import Cell, Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block, Value
    from cwprofile.compiled import Entry


class Compared:
    """One indicator across the profiles: a status a profile, and whether they differ.
    (A plain class: a NamedTuple costs every run.)"""

    __slots__ = ("differs", "indicator", "statuses")

    def __init__(self, indicator: Indicator, statuses: list[bool | None], differs: bool) -> None:
        self.indicator = indicator
        self.statuses = statuses
        self.differs = differs


def differs(column: Sequence[bool | None]) -> bool:
    """Some profiles say yes and some no; an unknown differs from nothing."""
    return True in column and False in column


def compared(entries: Sequence[Entry], differences: bool = False) -> list[Compared]:
    """Every indicator across the profiles, in the catalog's order; with `differences`, only
    those that differ."""
    out = []
    for indicator in INDICATORS:
        position = POSITION[indicator.id]
        column = [LETTER_STATUS[entry.statuses[position]] for entry in entries]
        if differs(column) or not differences:
            out.append(Compared(indicator, column, differs(column)))
    return out


def compare(
    entries: Sequence[Entry], warnings: Sequence[str] = (), differences: bool = False
) -> Report:
    """The indicators side by side, a column a profile; `differences`: only the indicators
    where the profiles differ, with a count of those left out."""
    rows = compared(entries, differences)
    named = ", ".join(dict.fromkeys(entry.name for entry in entries))
    return Report(
        f"Comparison of {plural(len(entries), 'profile')}: {named}",
        lambda: compare_document(entries, rows, warnings, differences),
        lambda: compare_blocks(entries, rows, differences),
        lambda: compare_records(entries, rows),
    )


def compare_document(
    entries: Sequence[Entry],
    rows: Sequence[Compared],
    warnings: Sequence[str] = (),
    differences: bool = False,
) -> dict[str, Any]:
    return document_of(
        warnings,
        profiles=[profile_summary(entry) for entry in entries],
        indicators=[
            {**indicator_document(row.indicator), "statuses": row.statuses, "differs": row.differs}
            for row in rows
        ],
        **({"agreeing_left_out": len(INDICATORS) - len(rows)} if differences else {}),
    )


def compare_records(entries: Sequence[Entry], rows: Sequence[Compared]) -> Records:
    editions = editions_of(entries)
    keys = tuple(country_key(entry, editions) for entry in entries)
    cells: list[tuple[Cell, ...]] = [
        (i.code, i.id, i.title, i.pillar.id, *row.statuses, row.differs)
        for row in rows
        for i in (row.indicator,)
    ]
    return Records(("code", "indicator", "title", "pillar", *keys, "differs"), cells)


def compare_blocks(
    entries: Sequence[Entry], rows: Sequence[Compared], differences: bool = False
) -> tuple[Block, ...]:
    """The matrix (a row an indicator under its pillar's tallies, a column a profile), the
    legend naming each column's country, and a note of what differs."""
    from cwprofile.blocks import Paragraph

    editions = editions_of(entries)
    # Countries head their columns by ISO code (a name would make every column wide); the
    # table after the matrix names them.
    keys = [country_key(entry, editions, " ") for entry in entries]
    return (
        matrix_table(entries, rows, keys),
        legend_table(entries, keys),
        Paragraph(compare_note(len(entries), rows, differences), quiet=True),
    )


def matrix_table(entries: Sequence[Entry], rows: Sequence[Compared], keys: list[str]) -> Block:
    from cwprofile.blocks import Column, Table

    tallies = [pillar_tallies(entry.statuses) for entry in entries]
    cells: list[tuple[Value, ...]] = []
    group_rows = set()
    for pillar in PILLARS:
        shown = [row for row in rows if row.indicator.pillar is pillar]
        if not shown:
            continue
        group_rows.add(len(cells))
        cells.append((pillar.code, pillar.title.upper(), *(t[pillar.id].short() for t in tallies)))
        cells += [
            (
                row.indicator.code,
                row.indicator.title + (" *" if row.differs else ""),
                *map(status_cell, row.statuses),
            )
            for row in shown
        ]
    cells.append(("", "TOTAL YES", *(entry.tally.short() for entry in entries)))
    columns = (Column("Code"), Column("Indicator", "text"), *(Column(key) for key in keys))
    return Table(columns, tuple(cells), group_rows=frozenset(group_rows), key_columns=2)


def legend_table(entries: Sequence[Entry], keys: list[str]) -> Block:
    from cwprofile.blocks import Column, Table

    columns = (
        Column("Column"),
        Column("Country", "text"),
        Column("ISO3"),
        Column("Last updated"),
        Column("Yes", numeric=True),
    )
    cells = tuple(
        (key, entry.name, entry.iso3, entry.last_updated, entry.tally.short())
        for key, entry in zip(keys, entries, strict=True)
    )
    return Table(columns, cells, key_columns=1)


def compare_note(profiles: int, rows: Sequence[Compared], differences: bool = False) -> str:
    differing = sum(row.differs for row in rows)
    unsettled = sum(None in row.statuses for row in rows)
    if profiles < 2:
        note = "One profile: nothing to compare it with."
    else:
        note = f"{differing} of {len(INDICATORS)} indicators differ (marked *)."
    if differences:
        note += f" {plural(len(INDICATORS) - differing, 'indicator')} that agree left out."
    if unsettled:
        note += (
            f" {plural(unsettled, 'indicator')} unknown in some profile; "
            "(n?) in a tally counts the unknown."
        )
    return note
