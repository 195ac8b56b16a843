"""`cwprofile import`: the text of one ITU Cyberwellness Profile into a profile document.

It reads the structure every profile shares, not one country: the title, the background
figures and their sources (in one column or two), the numbered sections (found through the
catalog), the evidence under each and the status it states (`status.py`), the reporting
contact (`contact.py`), the dates and links. What it cannot read is reported with its line
number, never guessed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, NamedTuple

from cwprofile import SCHEMA_VERSION
from cwprofile.catalog import INDICATORS, PILLARS, SECTIONS
from cwprofile.countries import Country
from cwprofile.errors import CwprofileError, ImportFailed, InvalidProfile, Problem
from cwprofile.importer.contact import Contact, contact_of
from cwprofile.importer.lines import (
    HEADING,
    TITLE,
    Line,
    Vocabulary,
    clean_lines,
    furniture,
    is_double_spaced,
    join,
    unwrapped,
)
from cwprofile.importer.status import Decision, decide
from cwprofile.model import indicator_entry

_RULE = re.compile(r"^[-_=]{10,}$")
_DATA_SOURCE = re.compile(r"\(\s*data\s+source\s*:\s*([^()]*)\)", re.IGNORECASE)
_POPULATION = re.compile(r"total\s+population\s*:\s*([\d][\d\s,.]*\d|\d)", re.IGNORECASE)
_INTERNET = re.compile(r"internet\s+users[^:]*:\s*(\d+(?:[.,]\d+)?\s*%)", re.IGNORECASE)
_UPDATED = re.compile(
    r"last\s+updated\s+(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+),?\s+(\d{4})"
    r"|last\s+updated\s+(?:on\s+)?([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})",
    re.IGNORECASE,
)
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


class Result(NamedTuple):
    yaml: str
    document: dict[str, Any]
    gaps: list[str]
    decisions: dict[str, Decision]  # by indicator id: how each status was read
    contact_sentence: str  # what the contact was read from (the computer-incident passage)
    contact_why: str  # why that organisation, or why none
    furniture: tuple[Removed, ...] = ()  # the lines left out as page furniture


class Removed(NamedTuple):
    """A line of the text left out as page furniture, and why."""

    line: int
    page: int
    reason: str  # page number, running header, running footer, running title
    text: str


_KNOWN_CODES = {i.code for i in INDICATORS} | {p.code for p in PILLARS} | {s.code for s in SECTIONS}


def import_text(
    text: str,
    name: str,
    lenient: bool = False,
    country: Country | None = None,
    force: bool = False,
) -> Result:
    """Read a profile's text; raises ImportFailed listing what it could not read, unless
    lenient: then the gaps are left empty (null) and listed. `country` states the country
    (`import --country`) where the title cannot; one the title contradicts is refused unless
    `force`."""
    return import_lines(clean_lines(text), name, lenient, country, force)


def import_lines(
    lines: list[Line],
    name: str,
    lenient: bool = False,
    country: Country | None = None,
    force: bool = False,
) -> Result:
    problems: list[Problem] = []

    def problem(line: int | None, where: str, message: str) -> None:
        problems.append(Problem(name, line, where, message))

    _blank_running_titles(lines)
    if country is None:
        country = _country(lines, problem)
    elif not force:
        _check_stated(lines, country, name)
    iso2, iso3 = (country.iso2, country.iso3) if country else (None, None)
    country_name = country.name if country else None

    sections, end_line = _sections(lines, problem)
    background = _background(lines, sections)
    double_spaced = is_double_spaced(lines)
    words = Vocabulary(lines)
    indicators: dict[str, dict[str, Any]] = {}
    decisions: dict[str, Decision] = {}
    for indicator in INDICATORS:
        found = sections.get(indicator.code)
        if found is None:
            problem(
                None,
                f"indicators.{indicator.id}",
                f"found no section {indicator.code} {indicator.source_heading}",
            )
            evidence = ""
            decision = Decision(None, "", "missing section")
        else:
            heading_line, body = found
            evidence = join(body, double_spaced, words)
            decision = decide(evidence)
            if not evidence:
                problem(heading_line, f"indicators.{indicator.id}.status", "the section is empty")
        decisions[indicator.id] = decision
        indicators[indicator.id] = indicator_entry(indicator, decision.status, evidence)

    removed, inside = _removed(lines, sections, end_line)
    found_contact = contact_of(indicators["reporting_mechanism"]["evidence"])
    contact, contact_sentence, contact_why = found_contact
    # Told, not failed: a profile may name no body for computer incidents, and then the
    # organisation stays empty rather than guessed.
    notes = []
    if contact_sentence and not contact["organisation"]:
        notes.append(Problem(name, None, "contact.organisation", f"left empty: {contact_why}"))
    tail = unwrapped([line.text for line in lines[end_line:] if line.text])
    provenance = _provenance(tail, lines, problem)

    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "country": {"name": country_name, "iso2": iso2, "iso3": iso3},
        "background": background,
        "indicators": indicators,
        "contact": contact,
        "provenance": provenance,
    }
    unreadable = iso2 is None or not sections
    if problems and (not lenient or unreadable):
        # Even a lenient import needs the country and the sections: without them there is
        # no profile to write, only a file that would not load.
        raise ImportFailed(problems, lenient, unreadable)
    told = []  # in the gaps the import reports, not in the file: nothing was left empty
    if inside:
        pages = sorted({r.page for r in inside})
        told.append(
            Problem(
                name,
                inside[0].line,
                "furniture",
                f"left out {len(inside)} line{'s' * (len(inside) > 1)} inside sections as "
                "running headers, footers or titles "
                f"(page{'s' * (len(pages) > 1)} {', '.join(map(str, pages))}); "
                "--explain lists them",
            )
        )
    result = _finish(document, name, problems + notes, decisions, found_contact, lenient)
    return result._replace(furniture=tuple(removed), gaps=[*result.gaps, *(str(p) for p in told)])


def _removed(
    lines: list[Line], sections: dict[str, tuple[int, list[Line]]], end_line: int
) -> tuple[list[Removed], list[Removed]]:
    """The lines left out as furniture that held text, and those of them (numbers aside) that
    stood inside a section's body, where a line of the profile's own text could be."""
    removed = [
        Removed(line.number, line.page + 1, line.reason, " ".join(line.raw.split()))
        for line in furniture(lines)
    ]
    first = min((heading for heading, _ in sections.values()), default=None)
    last = lines[end_line - 1].number if 0 < end_line <= len(lines) else None
    inside = [
        r
        for r in removed
        if r.reason != "page number"
        and first is not None
        and last is not None
        and first < r.line <= last
    ]
    return removed, inside


def _finish(
    document: dict[str, Any],
    name: str,
    problems: list[Problem],
    decisions: dict[str, Decision],
    contact: Contact,
    lenient: bool,
) -> Result:
    """Check what was read against the schema and write it in the canonical form. A lenient
    import empties what the schema refuses (an unreadable phone number, say) and lists it
    with the gaps, so that the file it writes loads: what cannot be emptied fails it."""
    from cwprofile.model import to_document
    from cwprofile.profile_schema import from_document
    from cwprofile.reader import Document

    try:
        profile = from_document(Document(name, document))
    except InvalidProfile as error:
        if not lenient or not all(_empty(document, p.field) for p in error.problems):
            raise ImportFailed(error.problems) from None
        problems = problems + [p._replace(line=None) for p in error.problems]
        profile = from_document(Document(name, document))
    document = to_document(profile, derived=False)
    gaps = [str(p) for p in problems]
    yaml = _header(document, gaps) + _yaml(document)
    return Result(yaml, document, gaps, decisions, contact.sentence, contact.why)


def _empty(document: dict[str, Any], field: str) -> bool:
    """Set an optional field the schema refused to null; False if it cannot be emptied."""
    parts = field.split(".")
    if parts[0] not in ("contact", "provenance", "background") or len(parts) < 2:
        return False
    holder = document
    for part in parts[:-1]:
        holder = holder.get(part) if isinstance(holder, dict) else None
        if holder is None:
            return False
    if not isinstance(holder, dict) or holder.get(parts[-1]) is None:
        return False
    holder[parts[-1]] = None
    return True


def _yaml(document: dict[str, Any]) -> str:
    from cwprofile.yamltext import dumps

    return dumps(document)


def _header(document: dict[str, Any], gaps: list[str]) -> str:
    name = document["country"]["name"] or "an unknown country"
    updated = document["provenance"]["last_updated"]
    lines = [
        f"# ITU Cyberwellness Profile of {name}"
        + (f", last updated {updated}." if updated else "."),
        "# Made with `cwprofile import` from the text of the ITU PDF; "
        "check it with `cwprofile validate`.",
    ]
    if gaps:
        lines.append("# GAPS: what the importer could not read is left empty (null) below:")
        lines.extend(f"#   {gap}" for gap in gaps)
    from cwprofile.textsafe import safe_line

    return "\n".join(safe_line(line) for line in lines) + "\n"


def _country(lines: list[Line], problem: Any) -> Country | None:
    """The country the title names, by exact name (`countries.py`); a title that names none
    is refused, with how to state the country instead."""
    from cwprofile.countries import by_name

    printed, line = title_of(lines)
    if printed is None:
        problem(1, "country", f"found no 'CYBERWELLNESS PROFILE' title naming the country; {STATE}")
        return None
    country = by_name(printed)
    if country is not None:
        return country
    other = by_name(printed, user_assigned=True)
    if other is not None:
        why = f"{printed!r} has no ISO 3166-1 code (the user-assigned code of {other.name} is "
        problem(line, "country", f"{why}{other.iso2}); give it with --country {other.iso2}")
    else:
        problem(line, "country", f"{printed!r} names no country of ISO 3166-1; {STATE}")
    return None


def _blank_running_titles(lines: list[Line]) -> None:
    """A profile's title on a later page is a running title, not evidence: blank it, and
    after a bare one the line that names the country."""
    from cwprofile.countries import by_name

    titles = [
        index
        for index, line in enumerate(lines)
        if TITLE.match(line.text) and is_title(lines, index)
    ]
    for index in titles[1:]:
        bare = not TITLE.match(lines[index].text).group(1).strip()  # type: ignore[union-attr]
        lines[index].text, lines[index].furniture = "", True
        lines[index].reason = "running title"
        following = next(iter(_next_texts(lines, index)), None)
        if bare and following and by_name(following.text[:_MAX_TITLE], user_assigned=True):
            following.text, following.furniture = "", True
            following.reason = "running title"


def _check_stated(lines: list[Line], stated: Country, name: str) -> None:
    """`--country` where the title names another country: refused, saying both."""
    from cwprofile.countries import by_name

    printed, line = title_of(lines)
    titled = by_name(printed) if printed else None
    if titled is not None and titled.iso2 != stated.iso2:
        raise CwprofileError(
            f"{name}:{line}: the title names {titled.name} ({titled.iso2}) but --country says "
            f"{stated.name} ({stated.iso2}); leave --country out, or add --force to import it "
            f"as {stated.name}"
        )


STATE = "give the country with --country CODE (an ISO 3166-1 code: KH, KHM)"
_MAX_TITLE = 120  # a country's name, as a title prints it, is never longer


def title_of(lines: list[Line]) -> tuple[str | None, int | None]:
    """The country's name as the first title prints it, and its line: after `CYBERWELLNESS
    PROFILE` on the same line, or on the next line that holds text. A name wrapped over two
    lines (`CONGO (DEMOCRATIC REPUBLIC` / `OF THE)`) is read whole."""
    for index, line in enumerate(lines):
        if TITLE.match(line.text) and is_title(lines, index):
            return _title_at(lines, index)
    return None, None


def is_title(lines: list[Line], index: int) -> bool:
    """Whether a line that opens with "Cyberwellness Profile" stands alone where the template
    puts a title: the words after it name a country (or there are none and the next line
    does), or they are a short name with no sentence in it, on a line the text before does
    not run into. A line of a section's body ("Cyberwellness Profile of 2013 for Cambodia.
    The ...") is no title."""
    from cwprofile.countries import by_name

    rest = TITLE.match(lines[index].text).group(1).strip()  # type: ignore[union-attr]
    if not rest or by_name(rest[:_MAX_TITLE], user_assigned=True) or rest.isupper():
        return True
    if re.search(r"[.,;:!?](?:\s|$)", rest) or len(rest.split()) > 8 or rest[:1].islower():
        return False
    before = next(
        (line.text for line in reversed(lines[max(0, index - 3) : index]) if line.text), ""
    )
    return not before or before[-1:] in ".!?:" or bool(HEADING.match(before)) or before.isupper()


def _next_texts(lines: list[Line], index: int) -> list[Line]:
    """The first five lines holding text after `index`, within 60 lines: neither page
    furniture nor blank lines count (a page break between a title's two lines, an empty
    page even, brings blank lines that the plain text does not have)."""
    out = [line for line in lines[index + 1 : index + 60] if line.text and not line.furniture]
    return out[:5]


def _title_at(lines: list[Line], index: int) -> tuple[str | None, int | None]:
    from cwprofile.countries import by_name

    rest = TITLE.match(lines[index].text).group(1).strip()  # type: ignore[union-attr]
    following = _next_texts(lines, index)[:2]
    if rest:
        candidates = [(rest, lines[index].number)]
        if following:
            candidates.append((f"{rest} {following[0].text}", lines[index].number))
    elif following:
        candidates = [(following[0].text, following[0].number)]
        if len(following) > 1:
            candidates.append((f"{following[0].text} {following[1].text}", following[0].number))
    else:
        return None, None
    candidates = [(text[:_MAX_TITLE], number) for text, number in candidates]
    for text, number in candidates:
        if by_name(text, user_assigned=True) is not None:
            return text, number
    return candidates[0]


def _sections(lines: list[Line], problem: Any) -> tuple[dict[str, tuple[int, list[Line]]], int]:
    """Each numbered heading's line and the lines under it, up to the next heading or the
    closing disclaimer; and where the body of the profile ends."""
    found: dict[str, tuple[int, list[Line]]] = {}
    current: list[Line] | None = None
    end = len(lines)
    for index, line in enumerate(lines):
        if _RULE.match(line.text) or line.text.upper().startswith("DISCLAIMER"):
            end = index
            break
        heading = _heading(line.text)
        if heading is not None:
            code, _title_text = heading
            if code in _KNOWN_CODES:
                current = []
                if code in found:
                    problem(
                        line.number,
                        code,
                        f"section {code} appears twice (first on line {found[code][0]})",
                    )
                found[code] = (line.number, current)
                continue
            if "." in code:
                problem(line.number, code, f"unknown section {code} {_title_text}")
                current = None
                continue
        if current is not None:
            current.append(line)
    return found, end


def _heading(text: str) -> tuple[str, str] | None:
    match = HEADING.match(text)
    if not match:
        return None
    return match.group(1), match.group(2)


def _background(lines: list[Line], sections: dict[str, tuple[int, list[Line]]]) -> dict[str, Any]:
    """The two figures and their data sources, each source after its figure; in a text laid
    out as on the page the figures stand in two columns, read one after the other."""
    first_section = min((line for line, _ in sections.values()), default=len(lines) + 1)
    text = " ".join(_columns([line for line in lines if line.number < first_section]))
    labels = []
    population = _POPULATION.search(text)
    if population:
        labels.append((population.start(), "population", population.group(1).strip()))
    internet = _INTERNET.search(text)
    if internet:
        labels.append((internet.start(), "internet_users", internet.group(1).replace(" ", "")))
    labels.sort()
    sources = [(m.start(), m.group(1)) for m in _DATA_SOURCE.finditer(text)]
    result: dict[str, Any] = {"population": None, "internet_users": None}
    for position, (start, key, printed) in enumerate(labels):
        # The figures' sources follow them in the same order, each after its own figure.
        own = sources[position] if position < len(sources) else None
        source, date = _split_source(own[1]) if own and own[0] > start else (None, None)
        result[key] = {"as_printed": printed, "value": None, "source": source, "date": date}
    return result


def _columns(lines: list[Line]) -> list[str]:
    """The lines' text, column by column when they are laid out in two: the left column top
    to bottom, then the right one. On a line, the gutter is its widest gap of three spaces or
    more (a narrower gap, between a label and its value, stays inside its column); a line
    without one belongs to the right column when it starts where the right column does."""
    gap = re.compile(r"\S(\s{3,})(?=\S)")
    gutters = {}
    for number, line in enumerate(lines):
        found = max(gap.finditer(line.raw), key=lambda m: len(m.group(1)), default=None)
        if line.text and found is not None:
            gutters[number] = found
    if not gutters:
        return [line.text for line in lines if line.text]
    middle = min(found.end() for found in gutters.values())
    left: list[str] = []
    right: list[str] = []
    for number, line in enumerate(lines):
        if not line.text:
            continue
        split = gutters.get(number)
        if split is not None:
            left.append(" ".join(line.raw[: split.start() + 1].split()))
            right.append(" ".join(line.raw[split.end() :].split()))
        elif len(line.raw) - len(line.raw.lstrip()) >= middle:
            right.append(line.text)
        else:
            left.append(line.text)
    return left + right


def _split_source(text: str) -> tuple[str | None, str | None]:
    """`United Nations Statistics Division, December 2012` -> the source and its date."""
    text = " ".join(text.split())
    match = re.match(r"^(.*?),\s*((?:[A-Za-z]+\s+)?\d{4})$", text)
    if match:
        return match.group(1) or None, match.group(2)
    return text or None, None


def _provenance(tail: str, lines: list[Line], problem: Any) -> dict[str, Any]:
    import datetime as dt

    last_updated = None
    match = _UPDATED.search(tail) or _UPDATED.search(" ".join(line.text for line in lines))
    if match:
        day, month, year = (
            (match.group(1), match.group(2), match.group(3))
            if match.group(1)
            else (
                match.group(5),
                match.group(4),
                match.group(6),
            )
        )
        number = MONTHS.get(month.lower())
        try:
            last_updated = dt.date(int(year), number or 0, int(day)).isoformat()
        except ValueError:
            problem(None, "provenance.last_updated", f"cannot read the date {match.group()!r}")
    disclaimer = re.search(r"disclaimer\s*:?.*?(https?://\S+)", tail, re.IGNORECASE)
    more = re.search(r"more\s+information.*?(https?://\S+)", tail, re.IGNORECASE)
    return {
        "last_updated": last_updated,
        "disclaimer": disclaimer.group(1).rstrip(".,;") if disclaimer else None,
        "more_information": more.group(1).rstrip(".,;") if more else None,
    }


def split_profiles(lines: list[Line]) -> list[list[Line]]:
    """The lines of each profile a text holds, one after another (as in ITU's 2015 report of
    every profile). A profile starts at a title naming a country, unless it repeats the
    country of a profile whose end has not been reached (a running title on each page).
    What comes before the first title (a report's introduction) belongs to no profile."""
    from cwprofile.countries import by_name

    starts: list[int] = []
    unnamed: list[bool] = []  # whether each start's title names no country
    current: str | None = None
    ended = False
    for index, line in enumerate(lines):
        if current is not None and (
            line.text.upper().startswith("DISCLAIMER") or _RULE.match(line.text)
        ):
            ended = True
        if not TITLE.match(line.text) or not is_title(lines, index):
            continue
        named = _title_at(lines, index)[0]
        if not named:
            continue
        country = by_name(named)
        key = country.iso2 if country is not None else " ".join(named.casefold().split())
        if key == current and not ended:
            continue
        starts.append(index)
        unnamed.append(country is None)
        current, ended = key, False
    if not starts:
        return [lines]
    # A title naming no country starts a profile (which then fails, saying so) rather than
    # running into the one before it, when sections follow it: not a report's own heading.
    sections = list(itertools.accumulate(_is_section(line.text) for line in lines))
    ends = [*starts[1:], len(lines)]
    kept = [
        start
        for start, end, unknown in zip(starts, ends, unnamed, strict=True)
        if not unknown or sections[end - 1] > sections[start]
    ]
    if not kept:
        return [lines]
    return [lines[a:b] for a, b in zip(kept, [*kept[1:], len(lines)], strict=True)]


def _is_section(text: str) -> bool:
    heading = _heading(text)
    return heading is not None and heading[0] in _KNOWN_CODES
