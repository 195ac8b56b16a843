"""`search`: the evidence that mentions a text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import (
    INDICATORS,
)
from cwprofile.matching import matches
from cwprofile.reports import (
    REF_COLUMNS,
    country_label,
    document_of,
    editions_of,
    indicator_document,
    iso_codes,
    plural,
    profile_ref,
    ref_cells,
    status_cell,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cwprofile.blocks import Block
    from cwprofile.catalog import Indicator
    from cwprofile.compiled import Entry
    from cwprofile.library import Library


CONTEXT = 60


def snippet(evidence: str, spans: list[tuple[int, int]]) -> tuple[str, int]:
    """The part of the evidence around the matches, cut only between words, with `…` where
    it was cut; and the offset the snippet starts at in the evidence (before the `…`)."""
    start = max(0, spans[0][0] - CONTEXT)
    end = min(len(evidence), spans[-1][1] + CONTEXT)
    if start:
        space = evidence.find(" ", start, spans[0][0])
        start = space + 1 if space != -1 else start
    if end < len(evidence):
        space = evidence.rfind(" ", spans[-1][1], end)
        end = space if space != -1 else end
    return evidence[start:end], start


def search(
    library: Library,
    text: str,
    wide: bool = False,
    entries: Sequence[Entry] | None = None,
    indicators: Sequence[Indicator] | None = None,
    statuses: Sequence[bool | None] | None = None,
    exact: bool = False,
) -> Report:
    """The evidence that mentions a text, as people type it (or `exact`ly as written), in
    the profiles, indicators and statuses given (every one when None)."""
    from cwprofile.textsafe import safe_line

    numbers = {entry.number for entry in entries} if entries is not None else None
    found = []
    chosen_indicators = indicators if indicators is not None else INDICATORS
    for entry, chosen, status, evidence in library.mentions(text, chosen_indicators):
        if numbers is not None and entry.number not in numbers:
            continue
        if statuses is not None and status not in statuses:
            continue
        spans = matches(evidence, text, exact)
        if spans:
            found.append((entry, chosen, status, evidence, spans))
    document = document_of(
        library.warnings,
        query=text,
        count=len(found),
        matches=[
            {
                **profile_ref(entry),
                "indicator": indicator_document(chosen),
                "status": status,
                "evidence": evidence,
                "matches": [list(span) for span in spans],
            }
            for entry, chosen, status, evidence, spans in found
        ],
    )

    def records() -> Records:
        return Records(
            (*REF_COLUMNS, "indicator", "code", "title", "status", "evidence", "matches"),
            [
                (
                    *ref_cells(entry),
                    chosen.id,
                    chosen.code,
                    chosen.title,
                    status,
                    evidence,
                    " ".join(f"{a}-{b}" for a, b in spans),
                )
                for entry, chosen, status, evidence, spans in found
            ],
        )

    def blocks() -> tuple[Block, ...]:
        """A row a match: the country (and edition) and the indicator say which it is, and
        a split table repeats both beside every snippet. ISO codes and dates: `--wide`."""
        from cwprofile.blocks import Column, Highlighted, Paragraph, Table

        editions = editions_of(entry for entry, *_ in found)
        rows = []
        for entry, chosen, status, evidence, spans in found:
            part, start = snippet(evidence, spans)
            shown = ("…" if start else "") + safe_line(part)
            if start + len(part) < len(evidence):
                shown += "…"
            local = tuple(matches(shown, text, exact))
            where = (iso_codes(entry), entry.last_updated) if wide else ()
            rows.append(
                (
                    country_label(entry, editions),
                    f"{chosen.code} {chosen.title}",
                    *where,
                    status_cell(status),
                    Highlighted(shown, local),
                )
            )
        where_columns = (Column("ISO"), Column("Updated")) if wide else ()
        table = Table(
            (
                Column("Country", "text"),
                Column("Indicator", "text"),
                *where_columns,
                Column("Status"),
                Column("Evidence", "prose"),
            ),
            tuple(rows),
            key_columns=2,
        )
        if not found:
            return (Paragraph(f"No match for {text!r}"),)
        summary = f"{plural(len(found), 'match', 'matches')} for {text!r}"
        return (table, Paragraph(summary))

    # As grep: exit 1 when nothing matches, so that scripts can test for a match.
    return Report(f"Search: {text}", document, blocks, records, exit_code=0 if found else 1)
