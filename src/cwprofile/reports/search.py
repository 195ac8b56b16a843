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

    from cwprofile.blocks import Block, Highlighted
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


class Match:
    """Where a text was found: the profile, the indicator, its status, the whole evidence and
    the spans of the evidence that match. (A plain class: a NamedTuple costs every run.)"""

    __slots__ = ("entry", "evidence", "indicator", "spans", "status")

    def __init__(
        self,
        entry: Entry,
        indicator: Indicator,
        status: bool | None,
        evidence: str,
        spans: list[tuple[int, int]],
    ) -> None:
        self.entry = entry
        self.indicator = indicator
        self.status = status
        self.evidence = evidence
        self.spans = spans


def find_matches(
    library: Library,
    text: str,
    entries: Sequence[Entry] | None = None,
    indicators: Sequence[Indicator] | None = None,
    statuses: Sequence[bool | None] | None = None,
    exact: bool = False,
) -> list[Match]:
    """Every evidence that mentions the text in the profiles, indicators and statuses given
    (every one when None)."""
    numbers = {entry.number for entry in entries} if entries is not None else None
    found = []
    chosen = indicators if indicators is not None else INDICATORS
    for entry, indicator, status, evidence in library.mentions(text, chosen):
        if numbers is not None and entry.number not in numbers:
            continue
        if statuses is not None and status not in statuses:
            continue
        spans = matches(evidence, text, exact)
        if spans:
            found.append(Match(entry, indicator, status, evidence, spans))
    return found


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
    found = find_matches(library, text, entries, indicators, statuses, exact)
    document = document_of(
        library.warnings,
        query=text,
        count=len(found),
        matches=[
            {
                **profile_ref(match.entry),
                "indicator": indicator_document(match.indicator),
                "status": match.status,
                "evidence": match.evidence,
                "matches": [list(span) for span in match.spans],
            }
            for match in found
        ],
    )
    # As grep: exit 1 when nothing matches, so that scripts can test for a match.
    return Report(
        f"Search: {text}",
        document,
        lambda: search_blocks(found, text, wide, exact),
        lambda: search_records(found),
        exit_code=0 if found else 1,
    )


def search_records(found: Sequence[Match]) -> Records:
    return Records(
        (*REF_COLUMNS, "indicator", "code", "title", "status", "evidence", "matches"),
        [
            (
                *ref_cells(m.entry),
                m.indicator.id,
                m.indicator.code,
                m.indicator.title,
                m.status,
                m.evidence,
                " ".join(f"{a}-{b}" for a, b in m.spans),
            )
            for m in found
        ],
    )


def shown_snippet(match: Match, text: str, exact: bool = False) -> Highlighted:
    """The match's snippet as people see it: safe to print, `…` where it was cut, and the
    query found again in it, to be highlighted."""
    from cwprofile.blocks import Highlighted
    from cwprofile.textsafe import safe_line

    part, start = snippet(match.evidence, match.spans)
    shown = ("…" if start else "") + safe_line(part)
    if start + len(part) < len(match.evidence):
        shown += "…"
    return Highlighted(shown, tuple(matches(shown, text, exact)))


def search_blocks(
    found: Sequence[Match], text: str, wide: bool = False, exact: bool = False
) -> tuple[Block, ...]:
    """A row a match: the country (and edition) and the indicator say which it is, and a
    split table repeats both beside every snippet. ISO codes and dates: `--wide`."""
    from cwprofile.blocks import Column, Paragraph, Table

    if not found:
        return (Paragraph(f"No match for {text!r}"),)
    editions = editions_of(m.entry for m in found)
    rows = tuple(
        (
            country_label(m.entry, editions),
            f"{m.indicator.code} {m.indicator.title}",
            *((iso_codes(m.entry), m.entry.last_updated) if wide else ()),
            status_cell(m.status),
            shown_snippet(m, text, exact),
        )
        for m in found
    )
    columns = (
        Column("Country", "text"),
        Column("Indicator", "text"),
        *((Column("ISO"), Column("Updated")) if wide else ()),
        Column("Status"),
        Column("Evidence", "prose"),
    )
    summary = f"{plural(len(found), 'match', 'matches')} for {text!r}"
    return (Table(columns, rows, key_columns=2), Paragraph(summary))
