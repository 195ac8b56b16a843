"""The profile file schema: turns a read document into a Profile, or into every problem with it.

Values arrive as YAML text (`yes`, `14478000`, `2014-08-26`) or as JSON values (`true`,
14478000); both are accepted and checked the same way. This module is loaded only when a
file is read fresh, never on a warm cache.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, NamedTuple

from cwprofile.addresses import IS_URL, URL
from cwprofile.catalog import BY_ID, INDICATORS, Indicator, suggest
from cwprofile.errors import InvalidProfile, Problem
from cwprofile.model import (
    CONTACT_FIELDS,
    INDICATOR_ENTRY,
    NO_CONTACT,
    SCHEMA_VERSION,
    Contact,
    Country,
    Figure,
    Finding,
    Profile,
    Provenance,
)
from cwprofile.reader import MAX_DIGITS, Document, FieldPath, dotted

YES = frozenset({"yes", "y", "true", "on"})
NO = frozenset({"no", "n", "false", "off"})
UNKNOWN = frozenset({"unknown"})  # or null: the profile does not settle yes or no
# Each rule is written once, as a regular expression that means the same in Python and in
# JSON Schema (ECMA-262), so that `validate` and `cwprofile schema` accept the same files.
NUMBER = r"[+-]?[0-9]+(?:[ ,\u00a0][0-9]{3})*(?:\.[0-9]+)?"
# A figure's value written as text: a whole number of at most MAX_DIGITS digits, grouped in
# threes by one separator each or not at all; a percentage, 0 to 100. Both `validate` and
# JSON Schema hold text to these.
POPULATION = (
    rf"\+?(?:[0-9]{{1,3}}(?:[ ,\u00a0][0-9]{{3}}){{0,{MAX_DIGITS // 3 - 1}}}|[0-9]{{1,{MAX_DIGITS}}})"
    r"(?:\.0+)?"
)
PERCENTAGE = r"\+?(?:100(?:\.0+)?|[0-9]{1,2}(?:\.[0-9]+)?)"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_URL = IS_URL
_NUMBER = re.compile(NUMBER)
_DATE = re.compile(DATE)
READABLE_VERSIONS = (1, 2, SCHEMA_VERSION)  # older files read as they are

NULLABLE_TEXT: dict[str, Any] = {"type": ["string", "null"]}
REQUIRED_TEXT: dict[str, Any] = {"type": "string", "pattern": "\\S"}
# Blank text in an optional field counts as left out, as in `validate`.
WEB_ADDRESS: dict[str, Any] = {"type": ["string", "null"], "pattern": f"^(?:\\s*|{URL})$"}
MADE = None  # a key whose JSON Schema `json_schema` makes (from the catalog, the countries)


class Keys(NamedTuple):
    """One mapping of a profile file, declared once: its keys, in order, each with what JSON
    Schema says of its value, and the ones it requires. `validate` accepts exactly these keys
    and requires the same ones; `json_schema` makes the mapping's schema of it."""

    schemas: dict[str, dict[str, Any] | None]
    required: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.schemas)

    def schema(self, types: str | list[str] = "object", **made: dict[str, Any]) -> dict[str, Any]:
        """The mapping's JSON Schema, with the schemas of its MADE keys given by name."""
        properties = {
            key: made[key] if schema is MADE else schema for key, schema in self.schemas.items()
        }
        return {
            "type": types,
            "additionalProperties": False,
            **({"required": list(self.required)} if self.required else {}),
            "properties": properties,
        }


class Range(NamedTuple):
    """What a background figure's value may be, for `validate` and for JSON Schema."""

    minimum: int
    maximum: int
    whole: bool
    said: str  # in a problem: "expected <said>"
    as_text: str  # the value written as text, as a pattern (JSON Schema cannot parse text)

    def holds(self, value: float, written: Any = None) -> bool:
        """Whether a value is in the range, and, when the file writes it as text, written as
        `as_text` says (`000` reads as 0, but is no percentage JSON Schema would pass)."""
        if isinstance(written, str) and not re.fullmatch(rf"\s*(?:{self.as_text})\s*", written):
            return False
        return self.minimum <= value <= self.maximum and (not self.whole or value == int(value))

    def json(self) -> dict[str, Any]:
        kind = "integer" if self.whole else "number"
        return {"type": kind, "minimum": self.minimum, "maximum": self.maximum}


RANGES = {
    # A population: not negative, of at most MAX_DIGITS digits.
    "population": Range(
        0, 10**MAX_DIGITS - 1, True, "a population: a whole number, 0 or more", POPULATION
    ),
    "internet_users": Range(0, 100, False, "a percentage, 0 to 100", PERCENTAGE),  # a share
}

TOP_LEVEL = Keys(
    {
        "schema_version": MADE,
        "country": MADE,
        "background": MADE,
        "indicators": MADE,
        "contact": MADE,
        "provenance": MADE,
        # What `show --json` adds; ignored on load.
        "derived": {
            "type": ["object", "null"],
            "description": "computed by cwprofile (`show --json`); ignored on load",
        },
        "warnings": {"description": "printed by `show --json`; ignored on load"},
    },
    required=("schema_version", "country", "indicators"),
)
PROFILE_KEYS = frozenset(TOP_LEVEL.required)  # a profile file has one at least
COUNTRY = Keys(
    {"name": REQUIRED_TEXT, "iso2": {"type": "string"}, "iso3": {"type": "string"}},
    required=("name", "iso2", "iso3"),
)
BACKGROUND = Keys(dict.fromkeys(RANGES, MADE))
FIGURE = Keys(
    {
        "as_printed": REQUIRED_TEXT,
        "value": MADE,
        "source": NULLABLE_TEXT,
        "date": {"type": ["string", "integer", "null"]},
    },
    required=("as_printed",),
)
INDICATOR = Keys(dict.fromkeys(INDICATOR_ENTRY, MADE), required=("status",))
# Each as its kind says (`contact_kinds`); derived fields are computed, never read.
CONTACT = Keys({f.name: f.kind.file_schema() for f in CONTACT_FIELDS if f.derived_from is None})
PROVENANCE = Keys(
    {
        "last_updated": {"type": ["string", "null"], "pattern": f"^(?:{DATE})$", "format": "date"},
        "disclaimer": WEB_ADDRESS,
        "more_information": WEB_ADDRESS,
    }
)


class _Checker:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def problem(self, path: FieldPath, message: str) -> None:
        self.problems.append(
            Problem(self.document.name, self.document.line_of(path), dotted(path), message)
        )

    def mapping(self, value: Any, path: FieldPath, keys: Keys) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(path, f"expected a mapping, found {_kind(value)}")
            return {}
        allowed = keys.names
        for key in value:
            if key not in allowed:
                self.problem((*path, key), f"unknown field (expected one of: {', '.join(allowed)})")
        return value

    def text(
        self, parent: dict[str, Any], key: str, path: FieldPath, required: bool = False
    ) -> str | None:
        value = parent.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem((*path, key), "is required")
            return None
        if not isinstance(value, str):
            self.problem((*path, key), f"expected text, found {_kind(value)}")
            return None
        return value

    def url(self, parent: dict[str, Any], key: str, path: FieldPath) -> str | None:
        value = self.text(parent, key, path)
        if value is not None and not _URL.fullmatch(value):
            self.problem((*path, key), f"expected an http(s) address, found {value!r}")
            return None
        return value


def from_document(document: Document, origin: str | None = None) -> Profile:
    """The profile a document describes; raises InvalidProfile listing every problem."""
    check = _Checker(document)
    if document.escaped:  # a lone surrogate can only be spelt as an escape
        _check_unicode(check, document.data)
    if isinstance(document.data, dict) and not PROFILE_KEYS & document.data.keys():
        # Some other file's mapping (a config, /etc/passwd read as YAML): said in one line,
        # without naming its keys, which are its content.
        check.problem((), f"is not a profile: it has none of {', '.join(sorted(PROFILE_KEYS))}")
        raise InvalidProfile(check.problems)
    top = check.mapping(document.data, (), TOP_LEVEL)
    if not top:
        if not check.problems:
            check.problem((), "is an empty mapping")
        raise InvalidProfile(check.problems)
    _check_version(check, top)
    country = _country(check, top.get("country"))
    population, internet_users = _background(check, top.get("background"))
    findings = _findings(check, top.get("indicators"))
    contact = _contact(check, top.get("contact"), country.iso2 if country else None)
    provenance = _provenance(check, top.get("provenance"))
    if top.get("derived") is not None and not isinstance(top["derived"], dict):
        check.problem(("derived",), f"expected a mapping, found {_kind(top['derived'])}")
    if check.problems or country is None:
        raise InvalidProfile(
            check.problems or [Problem(document.name, 1, "country", "is required")]
        )
    return Profile(
        country=country,
        population=population,
        internet_users=internet_users,
        findings=findings,
        contact=contact,
        provenance=provenance,
        origin=origin or document.name,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(check: _Checker, data: Any) -> None:
    """Every key and text is valid Unicode: JSON can spell a lone surrogate (`"\\ud800"`),
    which no UTF-8 writer, the cache's included, can write."""
    todo: list[tuple[FieldPath, Any]] = [((), data)]
    while todo:
        path, value = todo.pop()
        items = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, child in items:
            if isinstance(key, str) and _SURROGATE.search(key):
                check.problem(
                    path, f"a key holds a lone surrogate ({_surrogate(key)}): not valid Unicode"
                )
                continue
            todo.append(((*path, key), child))
        if isinstance(value, str) and _SURROGATE.search(value):
            check.problem(path, f"holds a lone surrogate ({_surrogate(value)}): not valid Unicode")


def _surrogate(text: str) -> str:
    found = _SURROGATE.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""


def _check_version(check: _Checker, top: dict[str, Any]) -> None:
    version = top.get("schema_version")
    *older, newest = (str(v) for v in READABLE_VERSIONS)
    readable = f"{', '.join(older)} or {newest}"
    if version is None:
        check.problem(("schema_version",), f"is required (this cwprofile reads {readable})")
    elif isinstance(version, bool) or version not in (
        *READABLE_VERSIONS,
        *(str(v) for v in READABLE_VERSIONS),
    ):
        check.problem(
            ("schema_version",), f"this cwprofile reads schema version {readable}, not {version!r}"
        )


def _country(check: _Checker, value: Any) -> Country | None:
    path = ("country",)
    if value is None:
        check.problem(path, "is required")
        return None
    fields = check.mapping(value, path, COUNTRY)
    name, iso2, iso3 = (
        check.text(fields, key, path, required=key in COUNTRY.required)
        for key in ("name", "iso2", "iso3")
    )
    if iso2 is not None and iso3 is not None:
        from cwprofile.countries import check_codes, check_name

        problems = check_codes(iso2, iso3)
        for key, message in problems:
            check.problem((*path, key), message)
        wrong_name = check_name(name, iso2) if name is not None and not problems else None
        if wrong_name:
            check.problem((*path, "name"), wrong_name)
    if name is None or iso2 is None or iso3 is None:
        return None
    return Country(name.strip(), iso2.upper(), iso3.upper())


def _background(check: _Checker, value: Any) -> tuple[Figure | None, Figure | None]:
    path = ("background",)
    if value is None:
        return None, None
    fields = check.mapping(value, path, BACKGROUND)
    population, internet_users = (
        _figure(check, fields.get(key), (*path, key), RANGES[key]) for key in BACKGROUND.names
    )
    return population, internet_users


def _figure(check: _Checker, value: Any, path: FieldPath, allowed: Range) -> Figure | None:
    if value is None:
        return None
    fields = check.mapping(value, path, FIGURE)
    as_printed = check.text(fields, "as_printed", path, required="as_printed" in FIGURE.required)
    number = fields.get("value")
    if number is None and as_printed is not None:
        match = _NUMBER.search(as_printed)
        number = match.group() if match else None
    parsed = _number(number)
    if number is not None and parsed is None:
        shown = number if not isinstance(number, str) or len(number) < 30 else number[:24] + "…"
        check.problem(
            (*path, "value"),
            f"expected a finite number of at most {MAX_DIGITS} digits, found {shown!r}",
        )
    if parsed is not None and not allowed.holds(parsed, fields.get("value")):
        written = number.strip() if isinstance(number, str) else repr(parsed)
        check.problem((*path, "value"), f"expected {allowed.said}, found {written}")
        parsed = None
    source = check.text(fields, "source", path)
    date = fields.get("date")
    if isinstance(date, dt.date | int):
        date = str(date)
    if date is not None and not isinstance(date, str):
        check.problem(
            (*path, "date"), f"expected text such as 'December 2012', found {_kind(date)}"
        )
        date = None
    if as_printed is None:
        return None
    return Figure(as_printed, parsed, source, date or None)


def _number(value: Any) -> float | None:
    """A finite number of at most MAX_DIGITS digits, or None: the digits are counted before
    any conversion (400 digits would overflow a float, 5,000 pass Python's own int limit)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or len(str(abs(int(value)))) > MAX_DIGITS:
            return None
        return value
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        cleaned = re.sub(r"[ ,\u00a0]", "", value.strip())
        if sum(c.isdigit() for c in cleaned) > MAX_DIGITS:
            return None
        return float(cleaned) if "." in cleaned else int(cleaned)
    return None


def _findings(check: _Checker, value: Any) -> tuple[Finding, ...]:
    path: FieldPath = ("indicators",)
    if value is None:
        check.problem(path, "is required")
        return ()
    if not isinstance(value, dict):
        check.problem(path, f"expected a mapping of indicator id to entry, found {_kind(value)}")
        return ()
    by_id: dict[str, tuple[str, Any]] = {}
    for key, entry in value.items():
        indicator = BY_ID.get(key)
        if indicator is None:
            close = suggest(key, list(BY_ID))
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            check.problem((*path, key), f"unknown indicator{hint}")
        else:
            by_id[indicator.id] = (key, entry)
    findings = []
    for indicator in INDICATORS:
        if indicator.id not in by_id:
            check.problem(
                (*path, indicator.id), f"missing indicator {indicator.code} {indicator.title}"
            )
            continue
        key, entry = by_id[indicator.id]
        finding = _finding(check, indicator, entry, (*path, key))
        if finding is not None:
            findings.append(finding)
    return tuple(findings)


def _finding(check: _Checker, indicator: Any, entry: Any, path: FieldPath) -> Finding | None:
    fields = check.mapping(entry, path, INDICATOR)
    if not fields and not isinstance(entry, dict):
        return None
    expected = {
        "code": indicator.code,
        "title": indicator.title,
        "pillar": indicator.pillar.id,
        "section": indicator.section.id,
    }
    for key, want in expected.items():
        given = fields.get(key)
        if given is not None and given != want:
            check.problem(
                (*path, key), f"expected {want!r} for indicator {indicator.id}, found {given!r}"
            )
    settled = True
    if "status" not in fields:
        settled = False
        check.problem((*path, "status"), "expected yes, no or unknown (null), is required")
        status = None
    else:
        try:
            status = parse_status(fields["status"])
        except ValueError:
            settled = False
            status = None
            check.problem(
                (*path, "status"), f"expected yes, no or unknown (null), found {fields['status']!r}"
            )
    evidence = fields.get("evidence")
    if evidence is None:
        evidence = ""
    elif not isinstance(evidence, str):
        check.problem((*path, "evidence"), f"expected text, found {_kind(evidence)}")
        evidence = ""
    if not settled:
        return None
    return Finding(indicator, status, evidence.strip())


def parse_status(value: Any) -> bool | None:
    """True, False, or None for unknown; ValueError for anything else."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in YES:
            return True
        if word in NO:
            return False
        if word in UNKNOWN:
            return None
    raise ValueError(value)


def _contact(check: _Checker, value: Any, region: str | None) -> Contact:
    path = ("contact",)
    if value is None:
        return NO_CONTACT
    fields = check.mapping(value, path, CONTACT)
    values: dict[str, str | None] = {}
    for field in CONTACT_FIELDS:
        if field.derived_from is None:
            text = check.text(fields, field.name, path)
            problem = None
            if text is not None:
                text, problem = field.kind.check(text, region)
            if problem:
                check.problem((*path, field.name), problem)
            values[field.name] = text
    for field in CONTACT_FIELDS:
        if field.derived_from is not None and field.kind.derive is not None:
            source = values[field.derived_from]
            values[field.name] = field.kind.derive(source, region) if source else None
    return Contact(**values)


def _provenance(check: _Checker, value: Any) -> Provenance:
    path = ("provenance",)
    if value is None:
        return Provenance(None, None, None)
    fields = check.mapping(value, path, PROVENANCE)
    return Provenance(
        last_updated=_date(check, fields.get("last_updated"), (*path, "last_updated")),
        disclaimer=check.url(fields, "disclaimer", path),
        more_information=check.url(fields, "more_information", path),
    )


def _date(check: _Checker, value: Any, path: FieldPath) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    check.problem(path, f"expected a date as YYYY-MM-DD, found {value!r}")
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _any_case(words: frozenset[str]) -> str:
    """An ECMA-262 pattern for the words in any case (JSON Schema has no case flag)."""
    spelt = ("".join(f"[{c.upper()}{c.lower()}]" for c in word) for word in sorted(words))
    return "|".join(spelt)


def _exact(pattern: str) -> str:
    return f"^(?:{pattern})$"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile file: for editors, and equal to
    `validate` but for what JSON Schema cannot say (whether a phone number can be read as one;
    calendar dates need a format-asserting validator). Made of the same declarations as the
    validator: the mappings' `Keys`, the figures' `RANGES`, the contact fields' kinds."""
    from cwprofile.countries import all_codes

    status = {
        "description": "yes, no or unknown: true/false/null, or yes/no, y/n, true/false, "
        "on/off, unknown in any case",
        "oneOf": [
            {"type": ["boolean", "null"]},
            {"type": "string", "pattern": f"^\\s*(?:{_any_case(YES | NO | UNKNOWN)})\\s*$"},
        ],
    }

    def figure(allowed: Range) -> dict[str, Any]:
        """A figure whose value is a number in its range, or text reading as one."""
        as_text = {"type": "string", "pattern": f"^\\s*(?:{allowed.as_text})\\s*$"}
        value = {"oneOf": [{"type": "null"}, allowed.json(), as_text]}
        return FIGURE.schema(["object", "null"], value=value)

    def indicator(ind: Indicator) -> dict[str, Any]:
        named = {
            "code": ind.code,
            "title": ind.title,
            "pillar": ind.pillar.id,
            "section": ind.section.id,
        }
        given = {key: {"enum": [name, None]} for key, name in named.items()}
        entry = INDICATOR.schema(**given, status=status, evidence=NULLABLE_TEXT)
        return {"title": f"{ind.code} {ind.title}", **entry}

    # The ISO 3166 pairs: an alpha-2 and alpha-3 code of the same country, in any case.
    iso_pairs = [
        {
            "properties": {
                "iso2": {"pattern": _exact(_any_case(frozenset({c.iso2.lower()})))},
                "iso3": {"pattern": _exact(_any_case(frozenset({c.iso3.lower()})))},
            }
        }
        for c in all_codes()
    ]
    indicators = {
        "type": "object",
        "additionalProperties": False,
        "required": [ind.id for ind in INDICATORS],
        "properties": {ind.id: indicator(ind) for ind in INDICATORS},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cwprofile.invalid/schema/profile-{SCHEMA_VERSION}.json",
        "title": "cwprofile profile file",
        **TOP_LEVEL.schema(
            schema_version={"enum": [*READABLE_VERSIONS, *(str(v) for v in READABLE_VERSIONS)]},
            country={**COUNTRY.schema(), "anyOf": iso_pairs},
            background=BACKGROUND.schema(
                ["object", "null"], **{key: figure(allowed) for key, allowed in RANGES.items()}
            ),
            indicators=indicators,
            contact=CONTACT.schema(["object", "null"]),
            provenance=PROVENANCE.schema(["object", "null"]),
        ),
    }
