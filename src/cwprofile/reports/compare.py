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
    indicators_of,
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
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block, Value
    from cwprofile.compiled import Entry


def compare(
    entries: Sequence[Entry], warnings: Sequence[str] = (), differences: bool = False
) -> Report:
    """The indicators side by side, a column a profile; `differences`: only the indicators
    where the profiles differ, with a count of those left out."""

    def shown(indicator: Indicator) -> bool:
        return not differences or differs(statuses(indicator))

    def statuses(indicator: Indicator) -> list[bool | None]:
        position = POSITION[indicator.id]
        return [LETTER_STATUS[entry.statuses[position]] for entry in entries]

    def differs(column: list[bool | None]) -> bool:
        """Some profiles say yes and some no; an unknown differs from nothing."""
        return True in column and False in column

    def document() -> dict[str, Any]:
        return document_of(
            warnings,
            profiles=[profile_summary(entry) for entry in entries],
            indicators=[
                {**indicator_document(i), "statuses": column, "differs": differs(column)}
                for i in INDICATORS
                for column in (statuses(i),)
                if shown(i)
            ],
            **({"agreeing_left_out": sum(not shown(i) for i in INDICATORS)} if differences else {}),
        )

    def records() -> Records:
        editions = editions_of(entries)
        keys = tuple(country_key(entry, editions) for entry in entries)
        rows = []
        for i in INDICATORS:
            column = statuses(i)
            if shown(i):
                rows.append((i.code, i.id, i.title, i.pillar.id, *column, differs(column)))
        return Records(("code", "indicator", "title", "pillar", *keys, "differs"), rows)

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Paragraph, Table

        editions = editions_of(entries)
        tallies = [pillar_tallies(entry.statuses) for entry in entries]
        rows: list[tuple[Value, ...]] = []
        group_rows = set()
        differing = unsettled = 0
        for pillar in PILLARS:
            if not any(shown(i) for i in indicators_of(pillar)):
                continue
            group_rows.add(len(rows))
            rows.append(
                (pillar.code, pillar.title.upper(), *(t[pillar.id].short() for t in tallies))
            )
            for indicator in indicators_of(pillar):
                column = statuses(indicator)
                marked = differs(column)
                if not shown(indicator):
                    continue
                differing += marked
                unsettled += None in column
                rows.append(
                    (
                        indicator.code,
                        indicator.title + (" *" if marked else ""),
                        *map(status_cell, column),
                    )
                )
        rows.append(("", "TOTAL YES", *(entry.tally.short() for entry in entries)))
        # Countries head their columns by ISO code (a name would make every column wide);
        # the table after the matrix names them.
        keys = [country_key(entry, editions, " ") for entry in entries]
        columns = (Column("Code"), Column("Indicator", "text"), *(Column(key) for key in keys))
        matrix = Table(columns, tuple(rows), group_rows=frozenset(group_rows), key_columns=2)
        legend = Table(
            (
                Column("Column"),
                Column("Country", "text"),
                Column("ISO3"),
                Column("Last updated"),
                Column("Yes", numeric=True),
            ),
            tuple(
                (key, entry.name, entry.iso3, entry.last_updated, entry.tally.short())
                for key, entry in zip(keys, entries, strict=True)
            ),
            key_columns=1,
        )
        note = (
            f"{differing} of {len(INDICATORS)} indicators differ (marked *)."
            if len(entries) > 1
            else "One profile: nothing to compare it with."
        )
        if differences:
            note += f" {plural(len(INDICATORS) - differing, 'indicator')} that agree left out."
        if unsettled:
            note += (
                f" {plural(unsettled, 'indicator')} unknown in some profile; "
                "(n?) in a tally counts the unknown."
            )
        return (matrix, legend, Paragraph(note, quiet=True))

    named = ", ".join(dict.fromkeys(entry.name for entry in entries))
    title = f"Comparison of {plural(len(entries), 'profile')}: {named}"
    return Report(title, document, blocks, records)
