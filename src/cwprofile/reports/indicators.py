"""`indicators`: the catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import (
    INDICATORS,
    PILLARS,
    indicators_of,
)
from cwprofile.reports import (
    document_of,
    indicator_document,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block, Value


def catalog(wide: bool = False) -> Report:
    entries = [
        {**indicator_document(i), "pillar_title": i.pillar.title, "aliases": list(i.aliases)}
        for i in INDICATORS
    ]
    document = document_of((), indicators=entries)

    def records() -> Records:
        columns = ("id", "code", "title", "pillar", "section", "pillar_title", "aliases")
        rows = [
            tuple("; ".join(entry[key]) if key == "aliases" else entry[key] for key in columns)
            for entry in entries
        ]
        return Records(columns, rows)

    def blocks() -> tuple[Block, ...]:
        """Each indicator's code, id (what a command takes) and title, under its pillar;
        `--wide` adds the aliases."""
        from cwprofile.blocks import Column, Paragraph, Table

        columns = (
            Column("Code"),
            Column("Id"),
            Column("Title", "text"),
            *((Column("Aliases", "text"),) if wide else ()),
        )
        rows: list[tuple[Value, ...]] = []
        groups = set()
        for pillar in PILLARS:
            groups.add(len(rows))
            rows.append((pillar.code, pillar.id, pillar.title.upper(), *(("",) if wide else ())))
            for i in indicators_of(pillar):
                aliases = (", ".join(i.aliases) or None,) if wide else ()
                rows.append((i.code, i.id, i.title, *aliases))
        note = f"{len(INDICATORS)} indicators in {len(PILLARS)} pillars" + (
            "" if wide else "; their aliases: --wide"
        )
        table = Table(columns, tuple(rows), group_rows=frozenset(groups), key_columns=1)
        return (table, Paragraph(note, quiet=True))

    return Report("Indicator catalog", document, blocks, records)
