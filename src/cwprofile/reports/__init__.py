"""What each command shows: pure functions from profiles to a Report (document, records, blocks),
one module a command; this one holds the vocabulary they share.

The JSON documents built here are the documented contract (README "Output for scripts",
`cwprofile schema COMMAND`): one vocabulary for all of them. A profile is referred to as
`{"country": {"name", "iso2", "iso3"}, "last_updated", "origin"}`, a tally is always
`{"yes", "no", "unknown", "of"}`, a status is true, false or null (unknown), and every
document has `schema_version` and `warnings`. The CSV records are made from the same values;
the blocks are their human form, built (and `blocks` imported) only when a human format is
asked for. Nothing here prints or knows the output format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cwprofile import SCHEMA_VERSION
from cwprofile.catalog import (
    PILLARS,
    Indicator,
    pillar_tallies,
)

if TYPE_CHECKING:
    from cwprofile.blocks import Value
    from cwprofile.compiled import Entry
    from cwprofile.model import Contact, ContactField


def country_key(entry: Entry, editions: dict[str, int], joiner: str = "@") -> str:
    """A country's column name: its ISO code, with the edition when there are several."""
    if editions.get(entry.iso3, 0) > 1:
        return f"{entry.iso2}{joiner}{entry.last_updated or 'undated'}"
    return entry.iso2


def iso_codes(entry: Entry) -> str:
    return f"{entry.iso2} {entry.iso3}"


def country_label(entry: Entry, editions: dict[str, int]) -> str:
    """A country as a row of a table names it: its name, with the edition's date when
    several editions of it are loaded (which row is which edition must never be lost)."""
    if editions.get(entry.iso3, 0) > 1:
        return f"{entry.name} ({entry.last_updated or 'undated'})"
    return entry.name


def editions_of(entries: Iterable[Entry]) -> dict[str, int]:
    """How many editions of each country (by alpha-3 code) the entries hold, each counted
    once however often it comes (a search lists one profile once a match)."""
    counts: dict[str, int] = {}
    for entry in {entry.number: entry for entry in entries}.values():
        counts[entry.iso3] = counts.get(entry.iso3, 0) + 1
    return counts


def profile_ref(entry: Entry) -> dict[str, Any]:
    """How every document names a profile."""
    return {
        "country": {"name": entry.name, "iso2": entry.iso2, "iso3": entry.iso3},
        "last_updated": entry.last_updated,
        "origin": entry.origin,
    }


REF_COLUMNS = ("country", "iso2", "iso3", "last_updated", "origin")


def ref_cells(entry: Entry) -> tuple[str | None, ...]:
    return (entry.name, entry.iso2, entry.iso3, entry.last_updated, entry.origin)


def status_cell(status: bool | None) -> Value:
    """A status as a table shows it: yes/no, or the word unknown (never a dash)."""
    if status is None:
        from cwprofile.blocks import UNKNOWN

        return UNKNOWN
    return status


def indicator_document(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "code": indicator.code,
        "title": indicator.title,
        "pillar": indicator.pillar.id,
        "section": indicator.section.id,
    }


def document_of(warnings: Sequence[str], **parts: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **parts, "warnings": list(warnings)}


def age_text(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days < 0:
        return "dated in the future"
    years = days // 365
    if years:
        return f"{years} year{'s' * (years != 1)} old"
    return f"{days} day{'s' * (days != 1)} old"


def days_since(last_updated: str | None, today: dt.date | None = None) -> int | None:
    """How old an edition is, in days (None when it is undated)."""
    if not last_updated:
        return None
    from cwprofile.model import current_date

    return ((today or current_date()) - dt.date.fromisoformat(last_updated)).days


def updated_text(last_updated: str | None, days: int | None) -> str | None:
    """`2014-08-26 (12 years old)`, from the date and its age as already counted."""
    return f"{last_updated} ({age_text(days)})" if last_updated else None


def plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def profile_summary(entry: Entry) -> dict[str, Any]:
    return {
        **profile_ref(entry),
        "tally": entry.tally.document(),
        "pillars": {
            pillar: tally.document() for pillar, tally in pillar_tallies(entry.statuses).items()
        },
    }


def summary_columns() -> tuple[str, ...]:
    pillar_columns = (f"{p.id}_{part}" for p in PILLARS for part in ("yes", "unknown", "of"))
    return (*REF_COLUMNS, "yes", "no", "unknown", "of", *pillar_columns)


def summary_cells(summary: dict[str, Any], entry: Entry) -> tuple[Any, ...]:
    overall = summary["tally"]
    pillars = summary["pillars"]
    return (
        *ref_cells(entry),
        overall["yes"],
        overall["no"],
        overall["unknown"],
        overall["of"],
        *(pillars[p.id][part] for p in PILLARS for part in ("yes", "unknown", "of")),
    )


def contact_columns() -> tuple[str, ...]:
    """A contact as every document and record holds it: its fields (model.CONTACT_FIELDS),
    then the links made of them. (The model loads only for a command that shows contacts.)"""
    from cwprofile.model import CONTACT_FIELDS

    return (*(field.name for field in CONTACT_FIELDS), "tel_uri", "mailto_uri")


def _link(contact: Contact, field: ContactField) -> str | None:
    """Where a field of a contact links to, by its kind (given the field derived from it)."""
    from cwprofile.model import CONTACT_FIELDS

    value = getattr(contact, field.name)
    if value is None:
        return None
    derived = next((f for f in CONTACT_FIELDS if f.derived_from == field.name), None)
    return field.kind.link(value, getattr(contact, derived.name) if derived else None)


def contact_uris(contact: Contact) -> tuple[str | None, str | None]:
    """The contact's `tel:` and `mailto:` links: of the first field of each scheme that has
    one."""
    from cwprofile.model import CONTACT_FIELDS

    def first(scheme: str) -> str | None:
        links = (_link(contact, f) for f in CONTACT_FIELDS if f.kind.scheme == scheme)
        return next((link for link in links if link), None)

    return first("tel"), first("mailto")


def contact_values(contact: Contact) -> tuple[str | None, ...]:
    """The contact in `contact_columns()`' order: its fields, then its links."""
    return (*contact, *contact_uris(contact))


def contact_fields(contact: Contact) -> tuple[tuple[str, Value], ...]:
    """The contact as people read it: each field by its label, as a link where it has one."""
    from cwprofile.blocks import Link
    from cwprofile.model import CONTACT_FIELDS

    rows: list[tuple[str, Value]] = []
    for field in CONTACT_FIELDS:
        value = getattr(contact, field.name)
        link = _link(contact, field)
        rows.append((field.label, Link(value, link) if value and link else value))
    return tuple(rows)
