"""ISO 3166 country codes, from pycountry. Loaded only when a file is checked or imported."""

from __future__ import annotations


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


def codes_for(name: str) -> tuple[str, str] | None:
    """(alpha-2, alpha-3) for a country name as profiles print it (`CAMBODIA`, `Lao P.D.R.`)."""
    import pycountry

    try:
        country = pycountry.countries.lookup(name.strip())
    except LookupError:
        try:
            matches = pycountry.countries.search_fuzzy(name.strip())
        except LookupError:
            return None
        if len(matches) != 1:
            return None
        country = matches[0]
    return country.alpha_2, country.alpha_3


def display_name(iso2: str) -> str | None:
    """The short English name ISO 3166 gives a country: `Bolivia`, not `Bolivia, Plurinational ...`."""
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name
