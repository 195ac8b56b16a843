"""`show`: a whole profile, section by section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cwprofile.catalog import (
    INDICATORS,
    PILLARS,
    SECTIONS,
    Indicator,
    indicators_of,
)
from cwprofile.reports import (
    contact_fields,
    contact_uris,
    status_cell,
    updated_text,
)
from cwprofile.reports.report import Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.model import Figure, Profile


def figure_text(figure: Figure | None, unit: str = "") -> str | None:
    if figure is None:
        return None
    source = ", ".join(part for part in (figure.source, figure.date) if part)
    return f"{figure.as_printed}{unit}" + (f"  (data source: {source})" if source else "")


def show(
    profile: Profile,
    part: Sequence[Indicator] | str | None = None,
    warnings: Sequence[str] = (),
    today: dt.date | None = None,
) -> Report:
    """A whole profile, section by section; or one of its parts: some indicators, or its
    `background`, `contact` or `provenance`."""
    return Report(
        f"Cyberwellness profile: {profile.country.name}",
        lambda: show_document(profile, warnings, today),
        lambda: show_blocks(profile, part, today),
    )


def show_document(
    profile: Profile, warnings: Sequence[str] = (), today: dt.date | None = None
) -> dict[str, Any]:
    """The profile as its file holds it, with what show derives (tallies, links, age)."""
    from cwprofile.model import to_document

    shown = to_document(profile)
    tel, mailto = contact_uris(profile.contact)
    shown["derived"].update(
        {"tel_uri": tel, "mailto_uri": mailto, "age_days": profile.age_days(today)}
    )
    shown["warnings"] = list(warnings)
    return shown


def show_blocks(
    profile: Profile, part: Sequence[Indicator] | str | None = None, today: dt.date | None = None
) -> tuple[Block, ...]:
    from cwprofile.blocks import Fields, Heading, Paragraph

    # One of the profile's other parts (`--section contact`), or its indicators.
    only = part if isinstance(part, str) else None
    chosen = set() if only else set(part) if part is not None else set(INDICATORS)
    whole = part is None
    country = profile.country
    out: list[Block] = [
        Heading(f"Cyberwellness profile: {country.name} ({country.iso2}, {country.iso3})"),
    ]
    if whole or only == "background":
        out.append(background_block(profile))
    out += indicator_blocks(profile, chosen)
    if whole or only == "contact":
        out.append(Fields(contact_fields(profile.contact), title="Report a computer incident"))
    if whole or only == "provenance":
        out.append(provenance_block(profile, today))
    out.append(Paragraph(f"All the data: cwprofile show {country.iso2.lower()} --json", quiet=True))
    return tuple(out)


def background_block(profile: Profile) -> Block:
    from cwprofile.blocks import Fields

    by_pillar = ", ".join(f"{p.title} {profile.pillar_tally(p).short()}" for p in PILLARS)
    return Fields(
        (
            ("Total population", figure_text(profile.population)),
            ("Internet users", figure_text(profile.internet_users, " of population")),
            ("Indicators", profile.tally.text()),
            ("By pillar", by_pillar),
        ),
        title="Background",
    )


def indicator_blocks(profile: Profile, chosen: set[Indicator]) -> list[Block]:
    """The chosen indicators, a heading a section and a table a pillar, each with its tally."""
    from cwprofile.blocks import Column, Heading, Table

    columns = (Column("Code"), Column("Indicator", "text"), Column("Status"))
    columns += (Column("Evidence", "prose"),)
    out: list[Block] = []
    for section in SECTIONS:
        pillars = [p for p in PILLARS if p.section is section and chosen & set(indicators_of(p))]
        if not pillars:
            continue
        # A section that is one pillar (child online protection) carries the pillar's tally
        # in its own heading: it is not named twice, and the tally is never bare.
        alone = len(pillars) == 1 and pillars[0].code == section.code
        tally = f": {profile.pillar_tally(pillars[0]).text()}" if alone else ""
        out.append(Heading(f"{section.code}. {section.title}{tally}", 2))
        for pillar in pillars:
            rows = tuple(
                (f.indicator.code, f.indicator.title, status_cell(f.status), f.evidence)
                for f in profile.findings
                if f.indicator.pillar is pillar and f.indicator in chosen
            )
            counted = profile.pillar_tally(pillar).text()
            title = None if alone else f"{pillar.code} {pillar.title}: {counted}"
            out.append(Table(columns, rows, title=title, key_columns=2))
    return out


def provenance_block(profile: Profile, today: dt.date | None = None) -> Block:
    from cwprofile.blocks import Fields, Link

    provenance = profile.provenance
    updated = provenance.last_updated
    disclaimer, more = provenance.disclaimer, provenance.more_information
    return Fields(
        (
            (
                "Last updated",
                updated_text(updated.isoformat(), profile.age_days(today)) if updated else None,
            ),
            ("Source file", profile.origin),
            ("Disclaimer", Link(disclaimer, disclaimer) if disclaimer else None),
            ("More information", Link(more, more) if more else None),
        ),
        title="Provenance",
    )
