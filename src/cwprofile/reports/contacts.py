"""`report-contact`: where to report a computer incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cwprofile.reports import (
    REF_COLUMNS,
    age_text,
    contact_columns,
    contact_fields,
    contact_values,
    days_since,
    document_of,
    profile_ref,
    ref_cells,
    updated_text,
)
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.compiled import Entry
    from cwprofile.model import Contact


OLD_DAYS = 2 * 365  # a contact older than this is stale: a caution to check it first


def _stale(age: int | None) -> bool:
    """Past two years old, or undated."""
    return age is None or age > OLD_DAYS


def contacts(
    pairs: Iterable[tuple[Entry, Contact]],
    warnings: Sequence[str] = (),
    card: bool = False,
    today: dt.date | None = None,
) -> Report:
    """Where to report an incident; `card`: each contact as a card (countries were named).
    Each contact says how old its data is, with a caution when it is old."""
    listed = []  # each contact with its values as the JSON has them, and its age
    for entry, contact in pairs:
        age = days_since(entry.last_updated, today)
        listed.append((entry, contact, contact_values(contact), age))
    stale = [
        f"the contact of {entry.name} ({entry.iso2}) is "
        + ("undated" if age is None else f"{age_text(age)} (last updated {entry.last_updated})")
        + "; check it on the organisation's own website before relying on it"
        for entry, _, _, age in listed
        if _stale(age)
    ]
    document = document_of(
        [*warnings, *stale],
        contacts=[
            {
                **profile_ref(entry),
                "age_days": age,
                "stale": _stale(age),
                **dict(zip(contact_columns(), values, strict=True)),
            }
            for entry, _, values, age in listed
        ],
    )

    return Report(
        "Where to report a computer incident",
        document,
        lambda: contacts_blocks([(entry, contact, age) for entry, contact, _, age in listed], card),
        lambda: Records(
            (*REF_COLUMNS, "age_days", "stale", *contact_columns()),
            [(*ref_cells(entry), age, _stale(age), *values) for entry, _, values, age in listed],
        ),
    )


def contacts_blocks(
    listed: Sequence[tuple[Entry, Contact, int | None]], card: bool = False
) -> tuple[Block, ...]:
    """A card for each country, its organisation first and every channel beside it: at any
    width a person reads a contact whole, in one place (a table of eight columns shredded the
    organisation at 80). A caution when some are old."""
    from cwprofile.blocks import Fields, Heading, Paragraph

    cards: list[Block] = []
    for entry, contact, age in listed:
        country = f"{entry.name} ({entry.iso2}, {entry.iso3})"
        title = f"Report a computer incident: {country}" if card else country
        updated = ("Last updated", updated_text(entry.last_updated, age))
        cards.append(Fields((*contact_fields(contact), updated), title=title))
    heading = () if card else (Heading("Where to report a computer incident"),)
    told = caution(sum(1 for *_, age in listed if _stale(age)))
    return (*heading, *cards, *((Paragraph(told),) if told else ()))


def caution(old: int) -> str | None:
    """What a person is told of the contacts more than two years old (or undated)."""
    if old == 1:
        return (
            "Caution: this contact is more than two years old (or undated); check it on "
            "the organisation's own website before relying on it in an incident."
        )
    if old:
        return (
            f"Caution: {old} of these contacts are more than two years old (or undated); "
            "check them on the organisations' own websites before relying on them in an "
            "incident."
        )
    return None
