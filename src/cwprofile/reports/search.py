"""`search`: the evidence that mentions a text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.catalog import (
    INDICATORS,
)
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
    from cwprofile.blocks import Block
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


def matches(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` stands in `text`, any case: both sides folded with Unicode case folding
    (`ß` is `ss`, `İ` is `i̇` and not every `i`), the offsets those of `text` itself."""
    needle = query.casefold()
    if not needle:
        return []
    if text.isascii() and needle.isascii():  # folding keeps every offset: the common case
        folded, origin = text.lower(), None
    else:
        pieces, origin = [], []
        for index, character in enumerate(text):
            piece = character.casefold()
            pieces.append(piece)
            origin.extend([index] * len(piece))
        folded = "".join(pieces)
    spans = []
    start = folded.find(needle)
    while start != -1:
        end = start + len(needle)
        if origin is None:
            spans.append((start, end))
        else:
            spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(needle, end)
    return spans


def search(library: Library, text: str, wide: bool = False) -> Report:
    from cwprofile.textsafe import safe_line

    found = []
    for chosen in INDICATORS:
        for entry, status, evidence in library.findings(chosen):
            spans = matches(evidence, text)
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
            local = tuple(matches(shown, text))
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

    return Report(f"Search: {text}", document, blocks, records)
