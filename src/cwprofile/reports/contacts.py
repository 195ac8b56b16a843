"""`report-contact`: where to report a computer incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cwprofile.report import Records, Report
from cwprofile.reports import (
    CONTACT_COLUMNS,
    REF_COLUMNS,
    contact_fields,
    contact_uris,
    days_since,
    document_of,
    iso_codes,
    profile_ref,
    ref_cells,
    updated_text,
)

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.compiled import Entry
    from cwprofile.model import Contact


OLD_DAYS = 2 * 365  # a contact older than this gets a caution to check it first


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
        tel, mailto = contact_uris(contact)
        values = (contact.organisation, contact.phone, contact.phone_e164, contact.email)
        age = days_since(entry.last_updated, today)
        listed.append((entry, contact, (*values, contact.web, tel, mailto), age))
    document = document_of(
        warnings,
        contacts=[
            {
                **profile_ref(entry),
                "age_days": age,
                **dict(zip(CONTACT_COLUMNS, values, strict=True)),
            }
            for entry, _, values, age in listed
        ],
    )

    def records() -> Records:
        return Records(
            (*REF_COLUMNS, "age_days", *CONTACT_COLUMNS),
            [(*ref_cells(entry), age, *values) for entry, _, values, age in listed],
        )

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Fields, Link, Paragraph, Table

        old = len([age for *_, age in listed if age is None or age > OLD_DAYS])
        caution: tuple[Block, ...] = ()
        if old:
            which = "this contact is" if old == 1 else f"{old} of these contacts are"
            them = "it" if old == 1 else "them"
            caution = (
                Paragraph(
                    f"Caution: {which} more than two years old (or undated); check {them} on "
                    "the organisation's own website before relying on it in an incident."
                ),
            )
        if card:
            cards: list[Block] = []
            for entry, contact, _, age in listed:
                title = f"Report a computer incident: {entry.name} ({entry.iso2}, {entry.iso3})"
                updated = ("Last updated", updated_text(entry.last_updated, age))
                cards.append(Fields((*contact_fields(contact), updated), title=title))
            return (*cards, *caution)
        rows = tuple(
            (
                entry.name,
                iso_codes(entry),
                updated_text(entry.last_updated, age),
                contact.organisation,
                contact.phone,
                Link(contact.phone_e164, tel) if contact.phone_e164 and tel else None,
                Link(contact.email, mailto) if contact.email and mailto else None,
                Link(contact.web, contact.web) if contact.web else None,
            )
            for entry, contact, (*_, tel, mailto), age in listed
        )
        columns = (
            Column("Country", "text"),
            Column("ISO"),
            Column("Updated", "text"),
            Column("Organisation", "text"),
            Column("Phone"),
            Column("E.164"),
            Column("Email"),
            Column("Web"),
        )
        table = Table(columns, rows, title="Where to report a computer incident", key_columns=1)
        return (table, *caution)

    return Report("Where to report a computer incident", document, blocks, records)
