"""The indicator catalog: the one source of truth for sections, pillars and indicators.

Every other module (model, profile_schema, importer, library, reports, the CLI's completion) reads the
names from here; nothing else spells an indicator out.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from cwprofile.errors import AmbiguousIndicator, NotAnIndicator, UnknownIndicator, UnknownPart


class Section(NamedTuple):
    code: str  # "1" or "2"
    id: str
    title: str


class Pillar(NamedTuple):
    code: str  # "1.1" ... "1.5", and "2" for child online protection
    id: str
    title: str
    section: Section
    short: str  # "Tech": a column heading in `countries`


class Indicator(NamedTuple):
    code: str  # "1.2.1"
    id: str  # "cirt"
    title: str  # "CIRT"
    pillar: Pillar
    aliases: tuple[str, ...] = ()

    @property
    def section(self) -> Section:
        return self.pillar.section

    @property
    def source_heading(self) -> str:
        """The heading as the ITU profiles print it."""
        return self.title.upper()


CYBERSECURITY = Section("1", "cybersecurity", "Cybersecurity")
CHILD_ONLINE_PROTECTION = Section("2", "child_online_protection", "Child online protection")
SECTIONS: tuple[Section, ...] = (CYBERSECURITY, CHILD_ONLINE_PROTECTION)

LEGAL = Pillar("1.1", "legal", "Legal measures", CYBERSECURITY, "Leg")
TECHNICAL = Pillar("1.2", "technical", "Technical measures", CYBERSECURITY, "Tech")
ORGANIZATIONAL = Pillar("1.3", "organizational", "Organization measures", CYBERSECURITY, "Org")
CAPACITY_BUILDING = Pillar("1.4", "capacity_building", "Capacity building", CYBERSECURITY, "Cap")
COOPERATION = Pillar("1.5", "cooperation", "Cooperation", CYBERSECURITY, "Coop")
COP = Pillar(
    "2", "child_online_protection", "Child online protection", CHILD_ONLINE_PROTECTION, "COP"
)
PILLARS: tuple[Pillar, ...] = (
    LEGAL,
    TECHNICAL,
    ORGANIZATIONAL,
    CAPACITY_BUILDING,
    COOPERATION,
    COP,
)

INDICATORS: tuple[Indicator, ...] = (
    Indicator("1.1.1", "criminal_legislation", "Criminal legislation", LEGAL, ("cybercrime",)),
    Indicator("1.1.2", "regulation", "Regulation and compliance", LEGAL, ("compliance",)),
    Indicator("1.2.1", "cirt", "CIRT", TECHNICAL, ("cert", "csirt", "incident response")),
    Indicator("1.2.2", "standards", "Standards", TECHNICAL),
    Indicator("1.2.3", "certification", "Certification", TECHNICAL, ("accreditation",)),
    Indicator("1.3.1", "policy", "Policy", ORGANIZATIONAL, ("strategy",)),
    Indicator("1.3.2", "roadmap", "Roadmap for governance", ORGANIZATIONAL, ("governance",)),
    Indicator("1.3.3", "responsible_agency", "Responsible agency", ORGANIZATIONAL, ("agency",)),
    Indicator("1.3.4", "benchmarking", "National benchmarking", ORGANIZATIONAL),
    Indicator(
        "1.4.1",
        "standardisation_development",
        "Standardisation development",
        CAPACITY_BUILDING,
        ("standardization_development", "r&d", "research"),
    ),
    Indicator(
        "1.4.2",
        "manpower_development",
        "Manpower development",
        CAPACITY_BUILDING,
        ("training", "awareness"),
    ),
    Indicator(
        "1.4.3", "professional_certification", "Professional certification", CAPACITY_BUILDING
    ),
    Indicator("1.4.4", "agency_certification", "Agency certification", CAPACITY_BUILDING),
    Indicator("1.5.1", "intra_state_cooperation", "Intra-state cooperation", COOPERATION),
    Indicator("1.5.2", "intra_agency_cooperation", "Intra-agency cooperation", COOPERATION),
    Indicator(
        "1.5.3", "public_sector_partnership", "Public sector partnership", COOPERATION, ("ppp",)
    ),
    Indicator("1.5.4", "international_cooperation", "International cooperation", COOPERATION),
    Indicator(
        "2.1",
        "cop_legislation",
        "National legislation",
        COP,
        ("child_legislation", "national_legislation"),
    ),
    Indicator(
        "2.2",
        "un_convention",
        "UN convention and protocol",
        COP,
        ("crc", "convention", "un_convention_and_protocol"),
    ),
    Indicator("2.3", "institutional_support", "Institutional support", COP),
    Indicator("2.4", "reporting_mechanism", "Reporting mechanism", COP, ("reporting",)),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}
POSITION: dict[str, int] = {indicator.id: number for number, indicator in enumerate(INDICATORS)}


def normalize(text: str) -> str:
    """Fold case and the separators people type between words (`intra-state`, `Intra State`)."""
    return "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _alias_index() -> dict[str, Indicator]:
    index: dict[str, Indicator] = {}
    for indicator in INDICATORS:
        for name in (indicator.id, indicator.code, indicator.title, *indicator.aliases):
            index[normalize(name)] = indicator
    return index


_ALIASES = _alias_index()


_OF_PILLAR = {
    pillar.id: tuple(indicator for indicator in INDICATORS if indicator.pillar is pillar)
    for pillar in PILLARS
}


def indicators_of(pillar: Pillar) -> tuple[Indicator, ...]:
    return _OF_PILLAR[pillar.id]


def _positions(pillar: Pillar) -> range:
    numbers = [POSITION[indicator.id] for indicator in _OF_PILLAR[pillar.id]]
    if numbers != list(range(numbers[0], numbers[-1] + 1)):
        raise AssertionError(f"the indicators of {pillar.id} are not listed together")
    return range(numbers[0], numbers[-1] + 1)


# Where each pillar's indicators stand in catalog order (they are listed together).
PILLAR_POSITIONS: dict[str, range] = {pillar.id: _positions(pillar) for pillar in PILLARS}


# A status in the compact form tallies are counted on: one letter per indicator, in catalog
# order; "u" is unknown (the profile says the information is not available, or is silent).
STATUS_LETTERS = {True: "y", False: "n", None: "u"}
LETTER_STATUS = {letter: status for status, letter in STATUS_LETTERS.items()}


class Tally(NamedTuple):
    """How many of `of` indicators are yes, and how many unknown; the rest are no."""

    yes: int
    of: int
    unknown: int = 0

    @property
    def no(self) -> int:
        return self.of - self.yes - self.unknown

    def document(self) -> dict[str, int]:
        """The one shape of a tally in every JSON document."""
        return {"yes": self.yes, "no": self.no, "unknown": self.unknown, "of": self.of}

    def text(self) -> str:
        """`5/21 yes`, or `7 yes, 1 unknown of 21` when some are unknown."""
        if self.unknown:
            return f"{self.yes} yes, {self.unknown} unknown of {self.of}"
        return f"{self.yes}/{self.of} yes"

    def short(self) -> str:
        """`5/21`, or `5/21 (1?)` when some are unknown: a matrix cell."""
        return f"{self.yes}/{self.of}" + (f" ({self.unknown}?)" if self.unknown else "")


def tally_of(statuses: str) -> Tally:
    """The tally of statuses in their letter form (a whole profile, or a slice of one)."""
    return Tally(statuses.count("y"), len(statuses), statuses.count("u"))


def pillar_tallies(statuses: str) -> dict[str, Tally]:
    """Tallies per pillar id: a count over a slice, since each pillar's indicators stand
    together."""
    return {
        pillar: tally_of(statuses[span.start : span.stop])
        for pillar, span in PILLAR_POSITIONS.items()
    }


def find_indicator(query: str) -> Indicator:
    """An indicator by id, code, alias, title or a word of its title, case-insensitively.

    Raises UnknownIndicator (with the closest names), AmbiguousIndicator (with the candidates)
    or NotAnIndicator (the query names a pillar or section: with its indicators).
    """
    key = normalize(query)
    exact = _ALIASES.get(key)
    if exact is not None:
        return exact
    group = _group(key)
    if group is not None:
        kind, code, title, members = group
        raise NotAnIndicator(query, kind, code, title, tuple(i.id for i in members))
    words = set(key.split("_")) if key else set()
    candidates = [
        indicator
        for indicator in INDICATORS
        if words and words <= set(normalize(indicator.title).split("_"))
    ]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise AmbiguousIndicator(query, tuple(c.id for c in candidates))
    close = (_ALIASES[name].id for name in suggest(query, list(_ALIASES), limit=6))
    raise UnknownIndicator(query, tuple(dict.fromkeys(close))[:3])


def suggest(query: str, names: list[str], limit: int = 3) -> tuple[str, ...]:
    """The closest names to a mistyped one, best first, in a stable order."""
    import difflib

    key = normalize(query)[:64]
    if not key:
        return ()
    return tuple(difflib.get_close_matches(key, sorted(set(names)), n=limit, cutoff=0.6))


@functools.cache
def _group_names() -> dict[str, tuple[str, str, str, tuple[Indicator, ...]]]:
    """Every name of a section or pillar: code, id, title and (pillars) the short heading."""
    names = {}
    for section in SECTIONS:
        members = tuple(i for i in INDICATORS if i.section is section)
        for name in (section.code, section.id, section.title):
            names[normalize(name)] = ("section", section.code, section.title, members)
    for pillar in PILLARS:
        for name in (pillar.code, pillar.id, pillar.title, pillar.short):
            names[normalize(name)] = ("pillar", pillar.code, pillar.title, indicators_of(pillar))
    return names


def _group(key: str) -> tuple[str, str, str, tuple[Indicator, ...]] | None:
    """The section or pillar a name means: exactly, or as the start of one pillar's name
    (`tech`, `org`, `capacity`)."""
    groups = _group_names()
    if key in groups:
        return groups[key]
    if len(key) < 3:
        return None
    starting = {
        groups[name][1]: groups[name]
        for name in groups
        if name.startswith(key) and not name[:1].isdigit()
    }
    return next(iter(starting.values())) if len(starting) == 1 else None


# The parts of a profile that are not indicators, which `show --section` takes too.
PROFILE_PARTS = ("background", "contact", "provenance")


def part_names() -> list[str]:
    """What `--section` takes: section and pillar codes and ids, indicator codes and ids, and
    the profile's other parts."""
    names = [section.code for section in SECTIONS] + [section.id for section in SECTIONS]
    names += [pillar.code for pillar in PILLARS] + [pillar.id for pillar in PILLARS]
    names += [indicator.code for indicator in INDICATORS] + [i.id for i in INDICATORS]
    return list(dict.fromkeys([*names, *PROFILE_PARTS]))


def find_part(query: str) -> tuple[Indicator, ...] | str:
    """The indicators of a section, pillar or single indicator, named by code, id, title or
    pillar abbreviation: `1.2`, `technical`, `tech`, `2`, `child online protection`,
    `1.2.1`, `cirt`; or one of the profile's other parts by name (`contact`). Raises
    UnknownPart with the closest names."""
    key = normalize(query)
    if key in PROFILE_PARTS:
        return key
    group = _group(key)
    if group is not None:
        return group[3]
    try:
        return (find_indicator(query),)
    except (UnknownIndicator, AmbiguousIndicator):
        # Suggest what was meant as a word (`technical` for `tecnical`, not its code `1.2`):
        # the id of the section, pillar or indicator the closest name belongs to.
        groups = _group_names()
        close = suggest(query, [*groups, *_ALIASES, *PROFILE_PARTS], limit=6)
        readable = [
            _word(groups[name][1])
            if name in groups
            else (name if name in PROFILE_PARTS else _ALIASES[name].id)
            for name in close
        ]
        raise UnknownPart(query, tuple(dict.fromkeys(readable))[:3]) from None


def _word(code: str) -> str:
    """A section's or pillar's id, from its code."""
    found = next((p for p in PILLARS if p.code == code), None)
    return found.id if found else next(s.id for s in SECTIONS if s.code == code)
