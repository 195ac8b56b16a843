"""Countries by exact name, never by guess: the one table of names (`country_names.tsv`,
written by `scripts/country_names.py`, each name with where it comes from) behind every
lookup: an import's title, `show`, `report-contact`, `compare`, completion, and the check
that a profile file's name belongs to its ISO code.

A name matches when its key equals a key of a name in the table. The key folds case,
accents, punctuation and the word order of a parenthesised or comma-inverted part (`Korea
(Rep. of)`, `Korea, Rep. of` and `Rep. of Korea` are one key), and nothing else: no fuzzy
search, no subdivisions, no abbreviation spelt out. A form the table lacks matches nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

TABLE_FILE = "country_names.tsv"
USER_ASSIGNED = "user-assigned"  # the table's source of codes ISO 3166-1 leaves to its users
_INVERTED = (re.compile(r"(.+?)\s*\((.+)\)"), re.compile(r"([^,]+),\s*([^,]+)"))
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHE = re.compile(r"['’`´ʼ]")


class Country(NamedTuple):
    iso2: str
    iso3: str
    name: str  # the short English name ISO 3166-1 gives it (its common name where it has one)
    user_assigned: bool  # a code ISO 3166-1 leaves to its users (XK): not matched from a title


class _Table(NamedTuple):
    by_code: dict[str, Country]  # alpha-2 and alpha-3, upper case
    by_key: dict[str, frozenset[str]]  # a name's key -> the alpha-2 codes it names
    names: dict[str, tuple[str, ...]]  # alpha-2 -> every name, in the table's order


def name_keys(name: str) -> frozenset[str]:
    """The keys a name matches by: case, accents and punctuation folded, as written and with
    an inverted part put back in front (`Congo (Rep. of the)` is also `rep of the congo`), a
    leading `the` left out."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace(".", "")  # `P.D.R.` is `PDR`
    forms = [text]
    for pattern in _INVERTED:
        inverted = pattern.fullmatch(text.strip())
        if inverted:
            forms.append(f"{inverted.group(2)} {inverted.group(1)}")
            break
    # An apostrophe joins (`d'Ivoire`, `People's`) or parts (`d Ivoire`): both are written.
    forms = [re.sub(_APOSTROPHE, joined, form) for form in forms for joined in ("", " ")]
    keys = set()
    for form in forms:
        words = _WORD.findall(form)
        if words[:1] == ["the"]:
            words = words[1:]
        if words:
            keys.add(" ".join(words))
    return frozenset(keys)


@functools.cache
def _table() -> _Table:
    by_code: dict[str, Country] = {}
    by_key: dict[str, set[str]] = {}
    names: dict[str, list[str]] = {}
    text = Path(__file__).with_name(TABLE_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        iso2, iso3, name, source, keys = line.split("\t")
        if iso2 not in by_code or source == "iso-common":
            country = Country(iso2, iso3, name, source == USER_ASSIGNED)
            by_code[iso2] = by_code[iso3] = country
        names.setdefault(iso2, []).append(name)
        for key in keys.split("|"):
            by_key.setdefault(key, set()).add(iso2)
    return _Table(
        by_code,
        {key: frozenset(codes) for key, codes in by_key.items()},
        {code: tuple(found) for code, found in names.items()},
    )


def by_code(code: str) -> Country | None:
    """The country of an alpha-2 or alpha-3 code, in any case (user-assigned ones too)."""
    return _table().by_code.get(code.strip().upper()) if len(code.strip()) in (2, 3) else None


@functools.lru_cache(maxsize=4096)
def by_name(name: str, user_assigned: bool = False) -> Country | None:
    """The one country a name names, or None (no country, or more than one). Names of
    user-assigned codes count only when asked for."""
    table = _table()
    codes = {code for key in name_keys(name[:200]) for code in table.by_key.get(key, ())}
    found = [table.by_code[code] for code in codes]
    if not user_assigned:
        found = [country for country in found if not country.user_assigned]
    return found[0] if len(found) == 1 else None


def names_of(iso2: str) -> tuple[str, ...]:
    return _table().names.get(iso2.upper(), ())


def is_name_of(name: str, iso2: str) -> bool:
    table = _table()
    return any(iso2.upper() in table.by_key.get(key, ()) for key in name_keys(name))


def check_codes(iso2: str, iso3: str) -> list[tuple[str, str]]:
    """Problems with a country's codes as (field, message) pairs; none if real and agreeing."""
    problems = []
    by_alpha2 = by_code(iso2) if len(iso2) == 2 else None
    by_alpha3 = by_code(iso3) if len(iso3) == 3 else None
    if by_alpha2 is None:
        problems.append(("iso2", f"{iso2!r} is not an ISO 3166-1 alpha-2 code"))
    if by_alpha3 is None:
        problems.append(("iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code"))
    if by_alpha2 is not None and by_alpha3 is not None and by_alpha2 != by_alpha3:
        problems.append(
            ("iso3", f"{iso3!r} is {by_alpha3.name}, but iso2 {iso2!r} is {by_alpha2.name}")
        )
    return problems


def check_name(name: str, iso2: str) -> str | None:
    """Why a profile's country name is not one of the names of its code, or None."""
    country = by_code(iso2)
    if country is None or is_name_of(name, iso2):
        return None
    other = by_name(name, user_assigned=True)
    elsewhere = f", it names {other.name} ({other.iso2})" if other is not None else ""
    return (
        f"{name!r} is not a name of {country.iso2} ({country.name}){elsewhere}; "
        f"names of {country.iso2}: {', '.join(repr(n) for n in names_of(iso2)[:3])}"
    )


def all_codes() -> list[Country]:
    """Every country of the table once, by alpha-2 code."""
    return sorted({c.iso2: c for c in _table().by_code.values()}.values())


def display_name(iso2: str) -> str | None:
    """The short English name ISO 3166 gives a country: `Bolivia`, not `Bolivia, Plurinational ...`."""
    country = by_code(iso2)
    return country.name if country is not None else None
