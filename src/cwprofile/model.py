"""The data model of a Cyberwellness Profile, and its one serialised form (the profile document).

A profile document is what profile files hold and what `show --json` prints; `to_document`
and `profile_schema.from_document` are each other's inverse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from cwprofile import SCHEMA_VERSION
from cwprofile.catalog import (
    PILLAR_POSITIONS,
    PILLARS,
    STATUS_LETTERS,
    Indicator,
    Pillar,
    Tally,
    tally_of,
)
from cwprofile.contact_kinds import E164, EMAIL_ADDRESS, PHONE, TEXT, WEB_ADDRESS, ContactKind


def current_date() -> dt.date:
    """The day the data's age is counted to: today, or the day `SOURCE_DATE_EPOCH` names
    (the convention of reproducible builds), so that an export made again is the same."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


class Country(NamedTuple):
    name: str
    iso2: str
    iso3: str


class Figure(NamedTuple):
    """A background figure as printed in the profile, with its number and data source."""

    as_printed: str
    value: float | None
    source: str | None
    date: str | None


class Finding(NamedTuple):
    """One indicator of one profile: yes (True), no (False) or unknown (None), and the
    evidence as the profile states it."""

    indicator: Indicator
    status: bool | None
    evidence: str


class ContactField(NamedTuple):
    """One field of a contact: its name in files and documents, its label for people, and
    its kind (`contact_kinds`), which says how it is checked, what the JSON Schemas say of it
    and where it links. A field `derived_from` another is computed on loading, by its kind."""

    name: str
    label: str
    kind: ContactKind
    derived_from: str | None = None


# Where to report a computer incident: the one declaration of a contact's fields, which the
# model, the file schema, the cache, the reports and their published schemas all read.
CONTACT_FIELDS = (
    ContactField("organisation", "Organisation", TEXT),
    ContactField("phone", "Phone", PHONE),  # as printed in the profile
    ContactField("phone_e164", "E.164", E164, derived_from="phone"),  # when it can be read
    ContactField("email", "Email", EMAIL_ADDRESS),
    ContactField("web", "Web", WEB_ADDRESS),
)
FILE_CONTACT_FIELDS = tuple(f.name for f in CONTACT_FIELDS if f.derived_from is None)
DERIVED_CONTACT_FIELDS = tuple(f.name for f in CONTACT_FIELDS if f.derived_from is not None)
Contact = NamedTuple("Contact", [(f.name, str | None) for f in CONTACT_FIELDS])  # type: ignore[misc]
NO_CONTACT = Contact(*(None for _ in CONTACT_FIELDS))

# An indicator's entry in a profile document, in this order.
INDICATOR_ENTRY = ("code", "title", "pillar", "section", "status", "evidence")


def indicator_entry(indicator: Indicator, status: bool | None, evidence: str) -> dict[str, Any]:
    """An indicator's entry as files and documents hold it: the catalog's names, the
    status and the evidence."""
    return {
        "code": indicator.code,
        "title": indicator.title,
        "pillar": indicator.pillar.id,
        "section": indicator.section.id,
        "status": status,
        "evidence": evidence,
    }


class Provenance(NamedTuple):
    last_updated: dt.date | None
    disclaimer: str | None
    more_information: str | None


class Profile(NamedTuple):
    country: Country
    population: Figure | None
    internet_users: Figure | None
    findings: tuple[Finding, ...]  # every catalog indicator, in catalog order
    contact: Contact
    provenance: Provenance
    origin: str  # the file it was read from

    @property
    def statuses(self) -> str:
        """A letter for each indicator (catalog.STATUS_LETTERS), in catalog order: the form
        tallies are counted on."""
        return "".join(STATUS_LETTERS[f.status] for f in self.findings)

    @property
    def tally(self) -> Tally:
        return tally_of(self.statuses)

    def pillar_tally(self, pillar: Pillar) -> Tally:
        span = PILLAR_POSITIONS[pillar.id]
        return tally_of(self.statuses[span.start : span.stop])

    def age_days(self, today: dt.date | None = None) -> int | None:
        if self.provenance.last_updated is None:
            return None
        return ((today or current_date()) - self.provenance.last_updated).days


def _figure(figure: Figure | None) -> dict[str, Any] | None:
    return figure._asdict() if figure is not None else None


def background_document(profile: Profile) -> dict[str, Any]:
    """A profile's background figures as documents (and the store) hold them."""
    return {
        "population": _figure(profile.population),
        "internet_users": _figure(profile.internet_users),
    }


def provenance_document(provenance: Provenance) -> dict[str, Any]:
    """A profile's provenance as documents (and the store) hold it."""
    last = provenance.last_updated
    return {
        "last_updated": last.isoformat() if last else None,
        "disclaimer": provenance.disclaimer,
        "more_information": provenance.more_information,
    }


def figure_from(document: dict[str, Any] | None) -> Figure | None:
    """The inverse of `_figure`, with no checks: for data this code wrote (the store)."""
    return Figure(**document) if document is not None else None


def provenance_from(document: dict[str, Any]) -> Provenance:
    """The inverse of `provenance_document`, with no checks: for data this code wrote."""
    last = document["last_updated"]
    return Provenance(
        dt.date.fromisoformat(last) if last else None,
        document["disclaimer"],
        document["more_information"],
    )


def to_document(profile: Profile, derived: bool = True) -> dict[str, Any]:
    """The profile as a JSON-ready document: every fact, fixed keys, real booleans.

    With `derived`, a `derived` object adds what cwprofile computes (tallies, E.164 phone,
    data age, origin); loading ignores it, so the document is itself a valid profile file.
    """
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "country": {
            "name": profile.country.name,
            "iso2": profile.country.iso2,
            "iso3": profile.country.iso3,
        },
        "background": background_document(profile),
        "indicators": {
            f.indicator.id: indicator_entry(f.indicator, f.status, f.evidence)
            for f in profile.findings
        },
        "contact": {name: getattr(profile.contact, name) for name in FILE_CONTACT_FIELDS},
        "provenance": provenance_document(profile.provenance),
    }
    if derived:
        document["derived"] = {
            "tally": profile.tally.document(),
            "pillars": {pillar.id: profile.pillar_tally(pillar).document() for pillar in PILLARS},
            **{name: getattr(profile.contact, name) for name in DERIVED_CONTACT_FIELDS},
            "age_days": profile.age_days(),
            "origin": profile.origin,
        }
    return document
