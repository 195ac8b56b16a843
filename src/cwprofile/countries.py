"""ISO 3166 country codes, from pycountry. Loaded only when a file is checked or imported."""

from __future__ import annotations

import re


def check_codes(iso2: str, iso3: str) -> list[tuple[str, str]]:
    """Problems with a country's codes as (field, message) pairs; none if real and agreeing."""
    import pycountry

    problems = []
    by_alpha2 = pycountry.countries.get(alpha_2=iso2.upper()) if len(iso2) == 2 else None
    by_alpha3 = pycountry.countries.get(alpha_3=iso3.upper()) if len(iso3) == 3 else None
    if by_alpha2 is None:
        problems.append(("iso2", f"{iso2!r} is not an ISO 3166-1 alpha-2 code"))
    if by_alpha3 is None:
        problems.append(("iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code"))
    if by_alpha2 is not None and by_alpha3 is not None and by_alpha2 is not by_alpha3:
        problems.append(
            ("iso3", f"{iso3!r} is {by_alpha3.name}, but iso2 {iso2!r} is {by_alpha2.name}")
        )
    return problems


# Names the ITU profiles use that ISO 3166 has since changed.
FORMER_NAMES = {
    "cape verde": "CV",
    "swaziland": "SZ",
    "the former yugoslav republic of macedonia": "MK",
    "turkey": "TR",
}
_ABBREVIATIONS = (
    (re.compile(r"\bp\.\s*d\.\s*r\.", re.IGNORECASE), "People's Democratic Republic"),
    (re.compile(r"\brep\.", re.IGNORECASE), "Republic"),
    (re.compile(r"\bdem\.", re.IGNORECASE), "Democratic"),
    (re.compile(r"\bst\.", re.IGNORECASE), "Saint"),
)


def _spellings(name: str) -> list[str]:
    """The name as printed, with ITU's abbreviations spelt out, and `X (Y)` as ISO's `X, Y`."""
    spelt = name
    for pattern, words in _ABBREVIATIONS:
        spelt = pattern.sub(words, spelt)
    spelt = " ".join(spelt.split())
    bracketed = re.fullmatch(r"(.+?)\s*\((.+)\)", spelt)
    spellings = [name, spelt]
    if bracketed:
        spellings.append(f"{bracketed.group(1)}, {bracketed.group(2)}")
        spellings.append(bracketed.group(1))  # `CONGO (REP. OF THE)`: ISO's `Congo`
    reordered = re.fullmatch(
        r"(Democratic(?: People's)? Republic) of (?:the )?(.+)", spelt, re.IGNORECASE
    )
    if reordered:
        spellings.append(f"{reordered.group(2)}, {reordered.group(1)} of")
        spellings.append(f"{reordered.group(2)}, The {reordered.group(1)} of the")
    return spellings


def codes_for(name: str) -> tuple[str, str] | None:
    """(alpha-2, alpha-3) for a country name as profiles print it (`CAMBODIA`, `LAO P.D.R.`)."""
    import pycountry

    name = " ".join(name.split())
    former = FORMER_NAMES.get(name.casefold())
    if former:
        country = pycountry.countries.get(alpha_2=former)
        return country.alpha_2, country.alpha_3
    for spelling in _spellings(name):
        try:
            country = pycountry.countries.lookup(spelling)
        except LookupError:
            continue
        return country.alpha_2, country.alpha_3
    try:
        matches = pycountry.countries.search_fuzzy(_spellings(name)[1])
    except LookupError:
        return None
    if len(matches) != 1:
        return None
    return matches[0].alpha_2, matches[0].alpha_3


def display_name(iso2: str) -> str | None:
    """The short English name ISO 3166 gives a country: `Bolivia`, not `Bolivia, Plurinational ...`."""
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name
