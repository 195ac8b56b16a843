"""What each command shows: pure functions from profiles to a Report (document, records, blocks).

The JSON documents built here are the documented contract (README "Output for scripts",
`cwprofile schema COMMAND`): one vocabulary for all of them. A profile is referred to as
`{"country": {"name", "iso2", "iso3"}, "last_updated", "origin"}`, a tally is always
`{"yes", "no", "of"}`, and every document has `schema_version` and `warnings`. The CSV
records are made from the same values; the blocks are their human form, built (and
`report`'s renderers imported) only when a human format is asked for. Nothing here prints or
knows the output format.
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
    tally_document,
)
from cwprofile.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block, Value
    from cwprofile.compiled import Entry
    from cwprofile.model import Contact, Figure, Profile
    from cwprofile.report import Records
    from cwprofile.store import Library


def _country_key(entry: Entry, editions: dict[str, int], joiner: str = "@") -> str:
    """A country's column name: its ISO code, with the edition when there are several."""
    if editions.get(entry.iso3, 0) > 1:
        return f"{entry.iso2}{joiner}{entry.last_updated or 'undated'}"
    return entry.iso2


def _iso(entry: Entry) -> str:
    return f"{entry.iso2} {entry.iso3}"


def _editions(entries: Iterable[Entry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.iso3] = counts.get(entry.iso3, 0) + 1
    return counts


def profile_ref(entry: Entry) -> dict[str, Any]:
    """How every document names a profile."""
    return {
        "country": {"name": entry.name, "iso2": entry.iso2, "iso3": entry.iso3},
        "last_updated": entry.last_updated,
        "origin": entry.origin,
    }


_REF_COLUMNS = ("country", "iso2", "iso3", "last_updated", "origin")


def _ref_cells(entry: Entry) -> tuple[str | None, ...]:
    return (entry.name, entry.iso2, entry.iso3, entry.last_updated, entry.origin)


def pillar_tallies(statuses: str) -> dict[str, dict[str, int]]:
    """Tallies per pillar, out of the pillar's indicators."""
    return {
        pillar: tally_document(yes, len(PILLAR_POSITIONS[pillar]))
        for pillar, yes in pillar_yes(statuses).items()
    }


def _indicator_document(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "code": indicator.code,
        "title": indicator.title,
        "pillar": indicator.pillar.id,
        "section": indicator.section.id,
    }


def _document(warnings: Sequence[str], **parts: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **parts, "warnings": list(warnings)}


def _age(days: int | None) -> str:
    if days is None:
        return "unknown"
    if days < 0:
        return "dated in the future"
    years = days // 365
    if years:
        return f"{years} year{'s' * (years != 1)} old"
    return f"{days} day{'s' * (days != 1)} old"


def _updated_text(last_updated: str | None, today: dt.date | None = None) -> str | None:
    if not last_updated:
        return None
    days = ((today or dt.date.today()) - dt.date.fromisoformat(last_updated)).days
    return f"{last_updated} ({_age(days)})"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


# show ---------------------------------------------------------------------------------------


def _figure_text(figure: Figure | None, unit: str = "") -> str | None:
    if figure is None:
        return None
    source = ", ".join(part for part in (figure.source, figure.date) if part)
    return f"{figure.as_printed}{unit}" + (f"  (data source: {source})" if source else "")


def contact_uris(contact: Contact) -> tuple[str | None, str | None]:
    from cwprofile.textsafe import mailto_uri, tel_uri

    return (
        tel_uri(contact.phone_e164) if contact.phone_e164 else None,
        mailto_uri(contact.email) if contact.email else None,
    )


def contact_fields(contact: Contact) -> tuple[tuple[str, Value], ...]:
    from cwprofile.blocks import Link

    tel, mailto = contact_uris(contact)
    return (
        ("Organisation", contact.organisation),
        ("Phone", Link(contact.phone, tel) if contact.phone and tel else contact.phone),
        ("E.164", Link(contact.phone_e164, tel) if contact.phone_e164 and tel else None),
        ("Email", Link(contact.email, mailto) if contact.email and mailto else None),
        ("Web", Link(contact.web, contact.web) if contact.web else None),
    )


def show(
    profile: Profile,
    part: Sequence[Indicator] | None = None,
    warnings: Sequence[str] = (),
    today: dt.date | None = None,
) -> Report:
    from cwprofile.model import to_document

    def document() -> dict[str, Any]:
        shown = to_document(profile)
        tel, mailto = contact_uris(profile.contact)
        shown["derived"].update(
            {"tel_uri": tel, "mailto_uri": mailto, "age_days": profile.age_days(today)}
        )
        shown["warnings"] = list(warnings)
        return shown

    country = profile.country

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Fields, Heading, Link, Paragraph, Table

        chosen = set(part) if part is not None else set(INDICATORS)
        overall = profile.tally
        out: list[Block] = [
            Heading(f"Cyberwellness profile: {country.name} ({country.iso2}, {country.iso3})"),
        ]
        if part is None:
            by_pillar = ", ".join(
                f"{p.title} {t.yes}/{t.of}" for p in PILLARS for t in (profile.pillar_tally(p),)
            )
            out.append(
                Fields(
                    (
                        ("Total population", _figure_text(profile.population)),
                        ("Internet users", _figure_text(profile.internet_users, " of population")),
                        ("Indicators", f"{overall.yes}/{overall.of} yes"),
                        ("By pillar", by_pillar),
                    ),
                    title="Background",
                )
            )
        columns = (
            Column("Code"),
            Column("Indicator", "text"),
            Column("Status"),
            Column("Evidence", "prose"),
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
                counted = f"{pillar_tally.yes}/{pillar_tally.of} yes"
                # A section that is one pillar (child online protection) is not named twice.
                title = (
                    counted
                    if pillar.code == section.code
                    else f"{pillar.code} {pillar.title}: {counted}"
                )
                out.append(Table(columns, rows, title=title, key_columns=2))
        if part is None:
            out.append(Fields(contact_fields(profile.contact), title="Report a computer incident"))
            provenance = profile.provenance
            updated = provenance.last_updated
            out.append(
                Fields(
                    (
                        (
                            "Last updated",
                            _updated_text(updated.isoformat(), today) if updated else None,
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

    return Report(f"Cyberwellness profile: {country.name}", document, blocks)


# indicator ----------------------------------------------------------------------------------


def indicator(library: Library, chosen: Indicator) -> Report:
    found = list(library.findings(chosen))
    yes = sum(1 for _, status, _ in found if status)
    document = _document(
        library.warnings,
        indicator=_indicator_document(chosen),
        profiles=[
            {**profile_ref(entry), "status": status, "evidence": evidence}
            for entry, status, evidence in found
        ],
        tally=tally_document(yes, len(found)),
    )

    def records() -> Records:
        return Records(
            ("indicator", "code", *_REF_COLUMNS, "status", "evidence"),
            [
                (chosen.id, chosen.code, *_ref_cells(entry), status, evidence)
                for entry, status, evidence in found
            ],
        )

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Paragraph, Table

        rows = tuple(
            (entry.name, _iso(entry), entry.last_updated, status, evidence)
            for entry, status, evidence in found
        )
        columns = (
            Column("Country", "text"),
            Column("ISO"),
            Column("Updated"),
            Column("Status"),
            Column("Evidence", "prose"),
        )
        title = f"{chosen.code} {chosen.title} ({chosen.pillar.title})"
        summary = f"{chosen.title} ({chosen.code}): {yes}/{len(found)} profiles yes, {len(found) - yes} no"
        return (Table(columns, rows, title=title, key_columns=1), Paragraph(summary))

    return Report(f"Indicator {chosen.code} {chosen.title}", document, blocks, records)


# indicators ---------------------------------------------------------------------------------


def catalog() -> Report:
    entries = [
        {**_indicator_document(i), "pillar_title": i.pillar.title, "aliases": list(i.aliases)}
        for i in INDICATORS
    ]
    document = _document((), indicators=entries)

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


# countries ----------------------------------------------------------------------------------


def _profile_summary(entry: Entry) -> dict[str, Any]:
    return {
        **profile_ref(entry),
        "tally": tally_document(entry.yes, len(INDICATORS)),
        "pillars": pillar_tallies(entry.statuses),
    }


def _summary_columns() -> tuple[str, ...]:
    pillar_columns = (f"{p.id}_{part}" for p in PILLARS for part in ("yes", "of"))
    return (*_REF_COLUMNS, "yes", "no", "of", *pillar_columns)


def _summary_cells(summary: dict[str, Any], entry: Entry) -> tuple[Any, ...]:
    overall = summary["tally"]
    pillars = summary["pillars"]
    return (
        *_ref_cells(entry),
        overall["yes"],
        overall["no"],
        overall["of"],
        *(pillars[p.id][part] for p in PILLARS for part in ("yes", "of")),
    )


def countries(library: Library) -> Report:
    entries = library.entries
    summaries = [_profile_summary(entry) for entry in entries]
    document = _document(library.warnings, profiles=summaries)

    def records() -> Records:
        return Records(
            _summary_columns(),
            [_summary_cells(s, entry) for s, entry in zip(summaries, entries, strict=True)],
        )

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Paragraph, Table

        columns = (
            Column("Country", "text"),
            Column("ISO2"),
            Column("ISO3"),
            Column("Last updated"),
            Column("Yes", numeric=True),
            *(Column(p.short, numeric=True) for p in PILLARS),
            Column("File"),
        )
        rows = tuple(
            (
                entry.name,
                entry.iso2,
                entry.iso3,
                entry.last_updated,
                f"{summary['tally']['yes']}/{summary['tally']['of']}",
                *(
                    f"{summary['pillars'][p.id]['yes']}/{summary['pillars'][p.id]['of']}"
                    for p in PILLARS
                ),
                entry.origin,
            )
            for summary, entry in zip(summaries, entries, strict=True)
        )
        legend = ", ".join(f"{p.short} = {p.title}" for p in PILLARS)
        note = f"{_plural(len(rows), 'profile')} loaded. Yes tallies. {legend}."
        return (Table(columns, rows), Paragraph(note, quiet=True))

    return Report("Loaded profiles", document, blocks, records)


# report-contact -----------------------------------------------------------------------------

_CONTACT_COLUMNS = ("organisation", "phone", "phone_e164", "email", "web", "tel_uri", "mailto_uri")


OLD_DAYS = 2 * 365  # a contact older than this gets a caution to check it first


def contacts(
    pairs: Iterable[tuple[Entry, Contact]],
    warnings: Sequence[str] = (),
    card: bool = False,
    today: dt.date | None = None,
) -> Report:
    """Where to report an incident; `card`: each contact as a card (countries were named).
    Each contact says how old its data is, with a caution when it is old."""
    pairs = list(pairs)
    now = today or dt.date.today()
    listed = []
    for entry, contact in pairs:
        tel, mailto = contact_uris(contact)
        values = (contact.organisation, contact.phone, contact.phone_e164, contact.email)
        updated = entry.last_updated
        age = (now - dt.date.fromisoformat(updated)).days if updated else None
        listed.append((entry, (*values, contact.web, tel, mailto), age))
    document = _document(
        warnings,
        contacts=[
            {
                **profile_ref(entry),
                "age_days": age,
                **dict(zip(_CONTACT_COLUMNS, values, strict=True)),
            }
            for entry, values, age in listed
        ],
    )

    def records() -> Records:
        return Records(
            (*_REF_COLUMNS, "age_days", *_CONTACT_COLUMNS),
            [(*_ref_cells(entry), age, *values) for entry, values, age in listed],
        )

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Fields, Link, Paragraph, Table

        old = len([entry for entry, _, age in listed if age is None or age > OLD_DAYS])
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
            for entry, contact in pairs:
                title = f"Report a computer incident: {entry.name} ({entry.iso2}, {entry.iso3})"
                updated = ("Last updated", _updated_text(entry.last_updated, today))
                cards.append(Fields((*contact_fields(contact), updated), title=title))
            return (*cards, *caution)
        rows = tuple(
            (
                entry.name,
                _iso(entry),
                _updated_text(entry.last_updated, today),
                contact.organisation,
                contact.phone,
                Link(contact.phone_e164, tel) if contact.phone_e164 and tel else None,
                Link(contact.email, mailto) if contact.email and mailto else None,
                Link(contact.web, contact.web) if contact.web else None,
            )
            for (entry, contact), (_, (*_, tel, mailto), _) in zip(pairs, listed, strict=True)
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


# compare ------------------------------------------------------------------------------------


def compare(entries: Sequence[Entry], warnings: Sequence[str] = ()) -> Report:
    def statuses(indicator: Indicator) -> list[bool]:
        position = POSITION[indicator.id]
        return [entry.statuses[position] == "y" for entry in entries]

    def document() -> dict[str, Any]:
        return _document(
            warnings,
            profiles=[_profile_summary(entry) for entry in entries],
            indicators=[
                {**_indicator_document(i), "statuses": column, "differs": len(set(column)) > 1}
                for i in INDICATORS
                for column in (statuses(i),)
            ],
        )

    def records() -> Records:
        editions = _editions(entries)
        keys = tuple(_country_key(entry, editions) for entry in entries)
        rows = []
        for i in INDICATORS:
            column = statuses(i)
            rows.append((i.code, i.id, i.title, i.pillar.id, *column, len(set(column)) > 1))
        return Records(("code", "indicator", "title", "pillar", *keys, "differs"), rows)

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Paragraph, Table

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
        # Countries head their columns by ISO code (a name would make every column wide);
        # the table after the matrix names them.
        keys = [_country_key(entry, editions, " ") for entry in entries]
        columns = (Column("Code"), Column("Indicator", "text"), *(Column(key) for key in keys))
        matrix = Table(columns, tuple(rows), group_rows=frozenset(group_rows), key_columns=2)
        legend = Table(
            (
                Column("Column"),
                Column("Country", "text"),
                Column("ISO3"),
                Column("Last updated"),
                Column("Yes", numeric=True),
            ),
            tuple(
                (key, entry.name, entry.iso3, entry.last_updated, f"{entry.yes}/{len(INDICATORS)}")
                for key, entry in zip(keys, entries, strict=True)
            ),
            key_columns=1,
        )
        note = (
            f"{differing} of {len(INDICATORS)} indicators differ (marked *)."
            if len(entries) > 1
            else "One profile: nothing to compare it with."
        )
        return (matrix, legend, Paragraph(note, quiet=True))

    return Report(f"Comparison of {_plural(len(entries), 'profile')}", document, blocks, records)


# search -------------------------------------------------------------------------------------

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


def search(library: Library, text: str) -> Report:
    import re

    from cwprofile.textsafe import safe_line

    pattern = re.compile(re.escape(text), re.IGNORECASE)
    found = []
    for chosen in INDICATORS:
        for entry, status, evidence in library.findings(chosen):
            spans = [m.span() for m in pattern.finditer(evidence)] if text else []
            if spans:
                found.append((entry, chosen, status, evidence, spans))
    document = _document(
        library.warnings,
        query=text,
        count=len(found),
        matches=[
            {
                **profile_ref(entry),
                "indicator": _indicator_document(chosen),
                "status": status,
                "evidence": evidence,
                "matches": [list(span) for span in spans],
            }
            for entry, chosen, status, evidence, spans in found
        ],
    )

    def records() -> Records:
        return Records(
            (*_REF_COLUMNS, "indicator", "code", "title", "status", "evidence", "matches"),
            [
                (
                    *_ref_cells(entry),
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
        from cwprofile.blocks import Column, Highlighted, Paragraph, Table

        rows = []
        for entry, chosen, status, evidence, spans in found:
            part, start = snippet(evidence, spans)
            shown = ("…" if start else "") + safe_line(part)
            if start + len(part) < len(evidence):
                shown += "…"
            local = tuple(m.span() for m in pattern.finditer(shown))
            rows.append(
                (
                    entry.name,
                    _iso(entry),
                    entry.last_updated,
                    f"{chosen.code} {chosen.title}",
                    status,
                    Highlighted(shown, local),
                )
            )
        table = Table(
            (
                Column("Country", "text"),
                Column("ISO"),
                Column("Updated"),
                Column("Indicator", "text"),
                Column("Status"),
                Column("Evidence", "prose"),
            ),
            tuple(rows),
            key_columns=1,
        )
        if not found:
            return (Paragraph(f"No match for {text!r}"),)
        summary = f"{_plural(len(found), 'match', 'matches')} for {text!r}"
        return (table, Paragraph(summary))

    return Report(f"Search: {text}", document, blocks, records)
