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

        # One of the profile's other parts (`--section contact`), or its indicators.
        only = part if isinstance(part, str) else None
        chosen = set() if only else set(part) if part is not None else set(INDICATORS)
        whole = part is None
        overall = profile.tally
        out: list[Block] = [
            Heading(f"Cyberwellness profile: {country.name} ({country.iso2}, {country.iso3})"),
        ]
        if whole or only == "background":
            by_pillar = ", ".join(f"{p.title} {profile.pillar_tally(p).short()}" for p in PILLARS)
            out.append(
                Fields(
                    (
                        ("Total population", figure_text(profile.population)),
                        ("Internet users", figure_text(profile.internet_users, " of population")),
                        ("Indicators", overall.text()),
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
            # A section that is one pillar (child online protection) carries the pillar's
            # tally in its own heading: it is not named twice, and the tally is never bare.
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
        if whole or only == "contact":
            out.append(Fields(contact_fields(profile.contact), title="Report a computer incident"))
        if whole or only == "provenance":
            provenance = profile.provenance
            updated = provenance.last_updated
            out.append(
                Fields(
                    (
                        (
                            "Last updated",
                            updated_text(updated.isoformat(), profile.age_days(today))
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

    return Report(f"Cyberwellness profile: {country.name}", document, blocks)
