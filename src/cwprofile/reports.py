"""What each command shows: pure functions from profiles to a Report (document and blocks).

The JSON documents built here are the documented contract (see README, "Output for
scripts"); the blocks are their human form, built (and `views` imported) only when a human
format is asked for. Nothing here prints or knows the output format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cwprofile import SCHEMA_VERSION
from cwprofile.catalog import (
    INDICATORS,
    PILLAR_POSITIONS,
    PILLARS,
    POSITION,
    SECTIONS,
    Indicator,
    indicators_of,
    pillar_yes,
)
from cwprofile.output import Report

if TYPE_CHECKING:
    from cwprofile.model import Contact, Figure, Profile
    from cwprofile.store import Entry, Library
    from cwprofile.views import Block, Value


def _country_label(entry: Entry, editions: dict[str, int]) -> str:
    """A country's name, with its edition when several editions are loaded."""
    if editions.get(entry.iso3, 0) > 1 and entry.last_updated:
        return f"{entry.name} ({entry.last_updated})"
    return entry.name


def _editions(entries: Iterable[Entry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.iso3] = counts.get(entry.iso3, 0) + 1
    return counts


def _entry_document(entry: Entry) -> dict[str, Any]:
    return {
        "country": entry.name,
        "iso2": entry.iso2,
        "iso3": entry.iso3,
        "last_updated": entry.last_updated,
    }


def _pillar_tallies(statuses: str) -> dict[str, dict[str, int]]:
    """Yes counts per pillar, out of the pillar's indicators, for the JSON documents."""
    return {
        pillar: {"yes": yes, "of": len(PILLAR_POSITIONS[pillar])}
        for pillar, yes in pillar_yes(statuses).items()
    }


# show ---------------------------------------------------------------------------------------


def _figure_text(figure: Figure | None, unit: str = "") -> str | None:
    if figure is None:
        return None
    source = ", ".join(part for part in (figure.source, figure.date) if part)
    return f"{figure.as_printed}{unit}" + (f"  (data source: {source})" if source else "")


def _age(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days < 0:
        return "dated in the future"
    years = days // 365
    if years:
        return f"{years} year{'s' * (years != 1)} old"
    return f"{days} day{'s' * (days != 1)} old"


def contact_fields(contact: Contact) -> tuple[tuple[str, Value], ...]:
    from cwprofile.views import Link

    rows: list[tuple[str, Value]] = [("Organisation", contact.organisation)]
    if contact.phone:
        phone = contact.phone
        if contact.phone_e164 and contact.phone_e164 != phone:
            phone = f"{phone}  ({contact.phone_e164})"
        rows.append(
            ("Phone", Link(phone, f"tel:{contact.phone_e164}") if contact.phone_e164 else phone)
        )
    else:
        rows.append(("Phone", None))
    rows.append(
        ("Email", Link(contact.email, f"mailto:{contact.email}") if contact.email else None)
    )
    if contact.web:
        rows.append(("Web", Link(contact.web, contact.web)))
    return tuple(rows)


def show(
    profile: Profile, part: Sequence[Indicator] | None = None, today: dt.date | None = None
) -> Report:
    from cwprofile.model import to_document

    document = to_document(profile)
    document["derived"]["age_days"] = profile.age_days(today)

    def blocks() -> tuple[Block, ...]:
        from cwprofile.views import Column, Fields, Heading, Link, Paragraph, Table

        chosen = set(part) if part is not None else set(INDICATORS)
        country = profile.country
        tally = profile.tally
        out: list[Block] = [
            Heading(f"Cyberwellness profile: {country.name} ({country.iso2}, {country.iso3})"),
        ]
        if part is None:
            out.append(
                Fields(
                    (
                        ("Total population", _figure_text(profile.population)),
                        ("Internet users", _figure_text(profile.internet_users, " of population")),
                        ("Indicators", f"{tally.yes} of {tally.of} yes"),
                        (
                            "By pillar",
                            ", ".join(
                                f"{p.title} {t.yes}/{t.of}"
                                for p in PILLARS
                                for t in (profile.pillar_tally(p),)
                            ),
                        ),
                    ),
                    title="Background",
                )
            )
        for section in SECTIONS:
            pillars = [
                p for p in PILLARS if p.section is section and chosen & set(indicators_of(p))
            ]
            if not pillars:
                continue
            out.append(Heading(f"{section.code}. {section.title}", 2))
            for pillar in pillars:
                pillar_tally = profile.pillar_tally(pillar)
                rows = tuple(
                    (f.indicator.code, f.indicator.title, f.status, f.evidence)
                    for f in profile.findings
                    if f.indicator.pillar is pillar and f.indicator in chosen
                )
                title = pillar.title if pillar.code != section.code else section.title
                out.append(
                    Table(
                        (
                            Column("Code", "code"),
                            Column("Indicator", "indicator"),
                            Column("Status", "status"),
                            Column("Evidence", "evidence", wide=True),
                        ),
                        rows,
                        title=f"{pillar.code} {title}: {pillar_tally.yes} of {pillar_tally.of} yes",
                    )
                )
        if part is None:
            out.append(Fields(contact_fields(profile.contact), title="Report a computer incident"))
            provenance = profile.provenance
            updated = provenance.last_updated
            out.append(
                Fields(
                    (
                        (
                            "Last updated",
                            f"{updated.isoformat()} ({_age(profile.age_days(today))})"
                            if updated
                            else None,
                        ),
                        ("Source file", profile.origin),
                        (
                            "Disclaimer",
                            Link(provenance.disclaimer, provenance.disclaimer)
                            if provenance.disclaimer
                            else None,
                        ),
                        (
                            "More information",
                            Link(provenance.more_information, provenance.more_information)
                            if provenance.more_information
                            else None,
                        ),
                    ),
                    title="Provenance",
                )
            )
        out.append(
            Paragraph(f"All the data: cwprofile show {country.iso2.lower()} --json", quiet=True)
        )
        return tuple(out)

    return Report(document, blocks)


# indicator ----------------------------------------------------------------------------------


def _indicator_document(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "code": indicator.code,
        "title": indicator.title,
        "pillar": indicator.pillar.id,
        "section": indicator.section.id,
    }


def indicator(library: Library, chosen: Indicator) -> Report:
    editions = _editions(library.entries)
    rows = []
    profiles = []
    for entry, status, evidence in library.findings(chosen):
        profiles.append({**_entry_document(entry), "status": status, "evidence": evidence})
        rows.append((_country_label(entry, editions), status, evidence))
    yes = sum(1 for row in rows if row[1])
    profiles_word = "profile" if len(rows) == 1 else "profiles"
    tally = f"{chosen.title} ({chosen.code}): {yes} of {len(rows)} {profiles_word} yes, {len(rows) - yes} no"
    document = {
        "schema_version": SCHEMA_VERSION,
        "indicator": _indicator_document(chosen),
        "profiles": profiles,
        "tally": {"yes": yes, "no": len(rows) - yes, "total": len(rows)},
    }

    def blocks() -> tuple[Block, ...]:
        from cwprofile.views import Column, Paragraph, Table

        columns = (
            Column("Country", "country"),
            Column("Status", "status"),
            Column("Evidence", "evidence", wide=True),
        )
        title = f"{chosen.code} {chosen.title} ({chosen.pillar.title})"
        return (Table(columns, tuple(rows), title=title), Paragraph(tally))

    return Report(document, blocks)


# indicators ---------------------------------------------------------------------------------


def catalog() -> Report:
    document = {
        "schema_version": SCHEMA_VERSION,
        "indicators": [
            {**_indicator_document(i), "pillar_title": i.pillar.title, "aliases": list(i.aliases)}
            for i in INDICATORS
        ],
    }

    def blocks() -> tuple[Block, ...]:
        from cwprofile.views import Column, Paragraph, Table

        columns = (
            Column("Code", "code"),
            Column("Id", "id"),
            Column("Title", "title"),
            Column("Pillar", "pillar"),
            Column("Aliases", "aliases"),
        )
        rows = tuple(
            (i.code, i.id, i.title, i.pillar.title, ", ".join(i.aliases)) for i in INDICATORS
        )
        note = f"{len(INDICATORS)} indicators in {len(PILLARS)} pillars"
        return (Table(columns, rows), Paragraph(note, quiet=True))

    return Report(document, blocks)


# countries ----------------------------------------------------------------------------------

_PILLAR_SHORT = {
    "legal": "Leg",
    "technical": "Tech",
    "organizational": "Org",
    "capacity_building": "Cap",
    "cooperation": "Coop",
    "child_online_protection": "COP",
}


def countries(library: Library) -> Report:
    profiles = []
    rows = []
    for entry in library.entries:
        pillars = _pillar_tallies(entry.statuses)
        profiles.append(
            {
                "name": entry.name,
                "iso2": entry.iso2,
                "iso3": entry.iso3,
                "last_updated": entry.last_updated,
                "yes": entry.yes,
                "of": len(INDICATORS),
                "pillars": pillars,
                "origin": entry.origin,
            }
        )
        rows.append(
            (
                entry.name,
                entry.iso2,
                entry.iso3,
                entry.last_updated,
                f"{entry.yes}/{len(INDICATORS)}",
                *(f"{pillars[p.id]['yes']}/{pillars[p.id]['of']}" for p in PILLARS),
                entry.origin,
            )
        )
    document = {
        "schema_version": SCHEMA_VERSION,
        "profiles": profiles,
        "warnings": list(library.warnings),
    }

    def blocks() -> tuple[Block, ...]:
        from cwprofile.views import Column, Paragraph, Table

        columns = (
            Column("Country", "name"),
            Column("ISO2", "iso2"),
            Column("ISO3", "iso3"),
            Column("Last updated", "last_updated"),
            Column("Yes", "yes", numeric=True),
            *(Column(_PILLAR_SHORT[p.id], p.id, numeric=True) for p in PILLARS),
            Column("File", "origin"),
        )
        legend = ", ".join(f"{_PILLAR_SHORT[p.id]} = {p.title}" for p in PILLARS)
        count = len(rows)
        note = f"{count} profile{'s' * (count != 1)} loaded. {legend}."
        return (Table(columns, tuple(rows)), Paragraph(note, quiet=True))

    return Report(document, blocks)


# report-contact -----------------------------------------------------------------------------


def contacts(pairs: Iterable[tuple[Entry, Contact]]) -> Report:
    pairs = list(pairs)
    document = {
        "schema_version": SCHEMA_VERSION,
        "contacts": [
            {
                **_entry_document(entry),
                "organisation": contact.organisation,
                "phone": contact.phone,
                "phone_e164": contact.phone_e164,
                "email": contact.email,
                "web": contact.web,
                "tel_uri": f"tel:{contact.phone_e164}" if contact.phone_e164 else None,
                "mailto_uri": f"mailto:{contact.email}" if contact.email else None,
            }
            for entry, contact in pairs
        ],
    }

    def blocks() -> tuple[Block, ...]:
        from cwprofile.views import Column, Link, Table

        editions = _editions(entry for entry, _ in pairs)
        rows = tuple(
            (
                _country_label(entry, editions),
                contact.organisation,
                contact.phone,
                Link(contact.phone_e164, f"tel:{contact.phone_e164}")
                if contact.phone_e164
                else None,
                Link(contact.email, f"mailto:{contact.email}") if contact.email else None,
                Link(contact.web, contact.web) if contact.web else None,
            )
            for entry, contact in pairs
        )
        columns = (
            Column("Country", "country"),
            Column("Organisation", "organisation", wide=True),
            Column("Phone", "phone"),
            Column("E.164", "phone_e164"),
            Column("Email", "email"),
            Column("Web", "web"),
        )
        return (Table(columns, rows, title="Where to report a computer incident"),)

    return Report(document, blocks)


# compare ------------------------------------------------------------------------------------


def compare(entries: Sequence[Entry]) -> Report:
    def statuses(indicator: Indicator) -> list[bool]:
        position = POSITION[indicator.id]
        return [entry.statuses[position] == "y" for entry in entries]

    def document() -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "countries": [_entry_document(entry) for entry in entries],
            "indicators": [
                {**_indicator_document(i), "statuses": column, "differs": len(set(column)) > 1}
                for i in INDICATORS
                for column in (statuses(i),)
            ],
            "tallies": [
                {
                    "yes": entry.yes,
                    "of": len(INDICATORS),
                    "pillars": _pillar_tallies(entry.statuses),
                }
                for entry in entries
            ],
        }

    def blocks() -> tuple[Block, ...]:
        from cwprofile.views import Column, Paragraph, Table

        editions = _editions(entries)
        pillar_counts = [pillar_yes(entry.statuses) for entry in entries]
        rows: list[tuple[Value, ...]] = []
        group_rows = set()
        differing = 0
        for pillar in PILLARS:
            group_rows.add(len(rows))
            of = len(PILLAR_POSITIONS[pillar.id])
            tallies = (f"{counts[pillar.id]}/{of}" for counts in pillar_counts)
            rows.append((pillar.code, pillar.title.upper(), *tallies))
            for indicator in indicators_of(pillar):
                column = statuses(indicator)
                differs = len(set(column)) > 1
                differing += differs
                rows.append((indicator.code, indicator.title + (" *" if differs else ""), *column))
        rows.append(("", "TOTAL YES", *(f"{entry.yes}/{len(INDICATORS)}" for entry in entries)))
        labels = [_country_label(entry, editions) for entry in entries]
        columns = (
            Column("Code", "code"),
            Column("Indicator", "indicator"),
            *(Column(label, label) for label in labels),
        )
        note = (
            f"{differing} of {len(INDICATORS)} indicators differ (marked *)."
            if len(entries) > 1
            else "One profile: nothing to compare it with."
        )
        table = Table(columns, tuple(rows), group_rows=frozenset(group_rows))
        return (table, Paragraph(note, quiet=True))

    return Report(document, blocks)


# search -------------------------------------------------------------------------------------

CONTEXT = 60


def search(library: Library, text: str) -> Report:
    import re

    from cwprofile.textsafe import safe_line
    from cwprofile.views import Column, Highlighted, Paragraph, Table

    pattern = re.compile(re.escape(text), re.IGNORECASE)
    editions = _editions(library.entries)
    matches = []
    rows = []
    for chosen in INDICATORS:
        for entry, status, evidence in library.findings(chosen):
            spans = [m.span() for m in pattern.finditer(evidence)] if text else []
            if not spans:
                continue
            matches.append(
                {
                    **_entry_document(entry),
                    "indicator": chosen.id,
                    "code": chosen.code,
                    "title": chosen.title,
                    "status": status,
                    "evidence": evidence,
                    "matches": [list(span) for span in spans],
                }
            )
            start = max(0, spans[0][0] - CONTEXT)
            end = min(len(evidence), spans[-1][1] + CONTEXT)
            shown = (
                ("…" if start else "")
                + safe_line(evidence[start:end])
                + ("…" if end < len(evidence) else "")
            )
            local = tuple(m.span() for m in pattern.finditer(shown))
            rows.append(
                (
                    _country_label(entry, editions),
                    f"{chosen.code} {chosen.title}",
                    status,
                    Highlighted(shown, local),
                )
            )
    count = len(matches)
    document = {"schema_version": SCHEMA_VERSION, "query": text, "count": count, "matches": matches}
    table = Table(
        (
            Column("Country", "country"),
            Column("Indicator", "indicator"),
            Column("Status", "status"),
            Column("Evidence", "evidence", wide=True),
        ),
        tuple(rows),
    )
    summary = f"{count} match{'es' * (count != 1)} for {text!r}"
    return Report(document, (table, Paragraph(summary)))
