"""`indicators`: the catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import (
    INDICATORS,
    PILLARS,
)
from cwprofile.reports import (
    document_of,
    indicator_document,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block


def catalog() -> Report:
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
        from cwprofile.blocks import Column, Paragraph, Table

        columns = (
            Column("Code"),
            Column("Id"),
            Column("Title", "text"),
            Column("Pillar", "text"),
            Column("Aliases", "text"),
        )
        rows = tuple(
            (i.code, i.id, i.title, i.pillar.title, ", ".join(i.aliases) or None)
            for i in INDICATORS
        )
        note = f"{len(INDICATORS)} indicators in {len(PILLARS)} pillars"
        return (Table(columns, rows), Paragraph(note, quiet=True))

    return Report("Indicator catalog", document, blocks, records)
