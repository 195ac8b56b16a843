"""`cwprofile import`: the text of an ITU Cyberwellness Profile (as extracted from its PDF)
into a profile file.

It reads the structure every profile shares, not one country: the title, the background
figures and their sources, the numbered sections (found through the catalog), the evidence
under each, the reporting contact, the dates and links. It undoes what PDF extraction does to
text (page markers and numbers, wrapping, runs of spaces, hyphenated line ends, CRLF,
double-spaced lines, mis-decoded punctuation) and never guesses: what it cannot read is
reported with its line number.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

from cwprofile import SCHEMA_VERSION
from cwprofile.catalog import INDICATORS, PILLARS, SECTIONS
from cwprofile.errors import ImportFailed, InvalidProfile, Problem
from cwprofile.model import to_document

MAX_TEXT_BYTES = 4 * 1024 * 1024

# Punctuation as it comes out of a PDF decoded with the wrong code page.
MOJIBAKE = {
    "¡¯": "’",
    "¡®": "‘",
    "¡°": "“",
    "¡±": "”",
    "¡ª": "—",
    "¡¤": "·",
    "â€™": "’",
    "â€˜": "‘",
    "â€œ": "“",
    "â€\x9d": "”",
    "â€“": "–",
    "â€”": "—",
    "â€¢": "•",
    "Â ": " ",
    "\ufb01": "fi",
    "\ufb02": "fl",
}
_PAGE_MARKER = re.compile(r"^-*\s*page\s*\d+\s*-*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)
_RULE = re.compile(r"^[-_=]{10,}$")
_CAPTION = re.compile(
    r"^(?:\[?(?:image|figure|fig\.|logo|picture|photo)\b[^a-z]*\]?|\[.*(?:image|logo).*\])$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•▪◦●■\uf0b7\uf0a7*]|o(?=\s))\s*")
_HEADING = re.compile(r"^(\d(?:\.\d){0,2})\.?\s+([A-Z][A-Z0-9 &/,()’'\-–.]*[A-Z)])$")
_SENTENCE_END = re.compile(r"[.!?:;)\]”\"]$")

UNSETTLED = re.compile(
    r"\bno\s+information\b|\b(?:information\s+(?:is\s+)?)?not\s+available\b|\bunknown\b"
    r"|\bto\s+be\s+(?:confirmed|determined)\b|\bn/a\b",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"\b(?:does|do|did)\s+not\b|\b(?:has|have)\s+not\b|\bthere\s+(?:is|are)\s+no\b|\bhas\s+no\b"
    r"|\b(?:is|are)\s+not\b|\bno\s+officially\b|\bnot\s+(?:yet|been)\b",
    re.IGNORECASE,
)
FUTURE = re.compile(
    r"\bwill\s+be\b|\bwill\s+(?:establish|set\s+up|create|adopt)\w*|\bplan(?:s|ning)?\s+to\b"
    r"|\bin\s+the\s+process\s+of\b|\bunder\s+(?:development|consideration|preparation)\b"
    r"|\b(?:is|are)\s+(?:currently\s+)?(?:drafting|developing|planning)\b",
    re.IGNORECASE,
)
POSITIVE = re.compile(
    r"\b(?:has|have|had)\b|\bmandated\b|\benacted\b|\b(?:acceded|ratified|signed)\b"
    r"|\bparticipat(?:ed|es|ing)\b|\bmember\s+of\b|\bcan\s+be\s+reported\b"
    r"|\b(?:is|are)\s+(?:the|an?)\s+(?:\w+\s+){0,4}(?:agency|body|authority|ministry|member|partner|centre|center)\b"
    r"|\b(?:is|are)\s+(?:officially\s+)?(?:recognized|recognised|responsible|established|in\s+place)\b"
    r"|\bpartners?\s+(?:with|of|include)\b|\bcooperat(?:es|ion\s+with)\b|\bthe\s+following\b",
    re.IGNORECASE,
)
_DATA_SOURCE = re.compile(r"\(\s*data\s+source\s*:\s*([^)]*)\)", re.IGNORECASE)
_POPULATION = re.compile(r"total\s+population\s*:\s*([\d][\d\s,.]*\d|\d)", re.IGNORECASE)
_INTERNET = re.compile(r"internet\s+users[^:]*:\s*(\d+(?:[.,]\d+)?\s*%)", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:)]", re.IGNORECASE)
_PHONE = re.compile(
    r"(?:phone|telephone|tel\.?|hotline|call)(?:\s+number)?s?\s*(?:is\s+|:\s*|at\s+)?"
    r"(\+?\(?\+?\d[\d\s().\-/]{4,}\d)",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"reported\s+(?:to|at|through|via|with)\s+(?:the\s+)?(.+?)"
    r"(?=\s+(?:on|at|by|via|through|using|in|from)\s+(?:the\s+|its\s+|a\s+)?"
    r"(?:phone|telephone|tel|e-?mail|web|website|online|hotline|number|form|portal|address)|[,;]|\.?$)",
    re.IGNORECASE,
)
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


@dataclass
class Result:
    yaml: str
    document: dict[str, Any]
    gaps: list[str] = field(default_factory=list)


@dataclass
class _Line:
    number: int  # in the source text, from 1
    text: str  # trimmed, spaces folded; "" for a blank line
    furniture: bool = False  # a page marker, page number or caption, blanked out


def read_source(source: str) -> tuple[str, str]:
    """The text to import and the name to report it by; `-` is standard input."""
    from pathlib import Path

    from cwprofile.errors import CwprofileError

    if source == "-":
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise CwprofileError("cannot read standard input: it is closed")
        try:
            raw = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        except (OSError, ValueError) as error:
            raise CwprofileError(f"cannot read standard input: {error}") from None
        name = "<stdin>"
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_TEXT_BYTES + 1)
        except OSError as error:
            raise CwprofileError(f"cannot read {source!r}: {error.strerror or error}") from None
        name = source
    if len(raw) > MAX_TEXT_BYTES:
        raise CwprofileError(
            f"{name}: larger than {MAX_TEXT_BYTES // (1024 * 1024)} MiB; not a profile's text"
        )
    if b"\x00" in raw:
        raise CwprofileError(
            f"{name}: holds NUL bytes; give the text extracted from the PDF, not the PDF"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), name
    except UnicodeDecodeError:
        # Text extractors on Windows write cp1252; every byte decodes there or in latin-1.
        try:
            return raw.decode("cp1252"), name
        except UnicodeDecodeError:
            return raw.decode("latin-1"), name


def clean_lines(text: str) -> list[_Line]:
    """The text as numbered lines, without page furniture, spaces folded."""
    for wrong, right in MOJIBAKE.items():
        text = text.replace(wrong, right)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = " ".join(raw.replace("\u00a0", " ").replace("\t", " ").split())
        furniture = bool(
            _PAGE_MARKER.match(line) or _PAGE_NUMBER.match(line) or _CAPTION.match(line)
        )
        lines.append(_Line(number, "" if furniture else line, furniture))
    return lines


def _heading(text: str) -> tuple[str, str] | None:
    match = _HEADING.match(text)
    if not match:
        return None
    return match.group(1), match.group(2)


_KNOWN_CODES = {i.code for i in INDICATORS} | {p.code for p in PILLARS} | {s.code for s in SECTIONS}


def import_text(text: str, name: str, lenient: bool = False) -> Result:
    """Read a profile's text; raises ImportFailed listing what it could not read, unless lenient."""
    lines = clean_lines(text)
    problems: list[Problem] = []

    def problem(line: int | None, where: str, message: str) -> None:
        problems.append(Problem(name, line, where, message))

    country_name, country_line = _title(lines)
    iso2 = iso3 = None
    if country_name is None:
        problem(1, "country", "found no 'CYBERWELLNESS PROFILE' title naming the country")
    else:
        from cwprofile.countries import codes_for, display_name

        codes = codes_for(country_name)
        if codes is None:
            problem(country_line, "country", f"{country_name!r} is not a country ISO 3166 knows")
        else:
            iso2, iso3 = codes
            country_name = display_name(iso2) or country_name

    sections, end_line = _sections(lines, problem)
    background = _background(lines, sections)
    evidence: dict[str, str] = {}
    statuses: dict[str, bool | None] = {}
    double_spaced = _is_double_spaced(lines)
    vocabulary = _vocabulary(lines)
    for indicator in INDICATORS:
        found = sections.get(indicator.code)
        if found is None:
            problem(
                None,
                f"indicators.{indicator.id}",
                f"found no section {indicator.code} {indicator.source_heading}",
            )
            statuses[indicator.id] = None
            evidence[indicator.id] = ""
            continue
        heading_line, body = found
        text_of = _join(body, double_spaced, vocabulary)
        evidence[indicator.id] = text_of
        status = decide_status(text_of)
        statuses[indicator.id] = status
        if status is None:
            problem(
                heading_line,
                f"indicators.{indicator.id}.status",
                "the text does not settle yes or no" if text_of else "the section is empty",
            )

    contact = _contact(evidence.get("reporting_mechanism", ""))
    tail = " ".join(line.text for line in lines[end_line:] if line.text)
    provenance = _provenance(tail, lines, problem)

    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "country": {"name": country_name, "iso2": iso2, "iso3": iso3},
        "background": background,
        "indicators": {
            i.id: {"status": statuses[i.id], "evidence": evidence[i.id]} for i in INDICATORS
        },
        "contact": contact,
        "provenance": provenance,
    }
    if problems and not lenient:
        raise ImportFailed(problems)
    if not problems:
        return _finish(document)
    gaps = [str(p) for p in problems]
    return Result(_header(document, gaps) + _yaml(document), document, gaps)


def _finish(document: dict[str, Any]) -> Result:
    """Check what was read against the schema, and write it in the canonical form."""
    from cwprofile.reader import Document
    from cwprofile.schema import from_document

    try:
        profile = from_document(Document("imported profile", document))
    except InvalidProfile as error:
        raise ImportFailed(error.problems) from None
    canonical = to_document(profile, derived=False)
    return Result(_header(canonical, []) + _yaml(canonical), canonical)


def _yaml(document: dict[str, Any]) -> str:
    from cwprofile.formats import yaml

    return yaml.dumps(document)


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


def _title(lines: list[_Line]) -> tuple[str | None, int | None]:
    for index, line in enumerate(lines):
        match = re.match(r"^cyber\s*wellness\s+profile\s*:?\s*(.*)$", line.text, re.IGNORECASE)
        if not match:
            continue
        rest = match.group(1).strip()
        if rest:
            return rest, line.number
        for following in lines[index + 1 : index + 6]:
            if following.text:
                return following.text, following.number
    return None, None


def _sections(lines: list[_Line], problem: Any) -> tuple[dict[str, tuple[int, list[_Line]]], int]:
    """Each numbered heading's line and the lines under it, up to the next heading or the
    closing disclaimer; and where the body of the profile ends."""
    found: dict[str, tuple[int, list[_Line]]] = {}
    current: list[_Line] | None = None
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


def _is_double_spaced(lines: list[_Line]) -> bool:
    """Some extractors put a blank line after every line; then one blank line means nothing."""
    texts = [line.text for line in lines]
    filled = [i for i, text in enumerate(texts) if text]
    if len(filled) < 10:
        return False
    followed_by_one_blank = sum(
        1 for i in filled if i + 2 < len(texts) and not texts[i + 1] and texts[i + 2]
    )
    return followed_by_one_blank / len(filled) > 0.6


def _vocabulary(lines: list[_Line]) -> set[str]:
    """The words the text spells out whole, to tell `cyber-|security` from `sector-|specific`."""
    words: set[str] = set()
    for line in lines:
        words.update(re.findall(r"[a-z][a-z-]*[a-z]", line.text.lower()))
    return words


def _join(body: list[_Line], double_spaced: bool, vocabulary: set[str] = frozenset()) -> str:
    """The section's lines as the text they were before wrapping: paragraphs, bullet lines."""
    threshold = 2 if double_spaced else 1
    paragraphs: list[list[str]] = []  # each a list of lines: prose joined, bullets kept apart
    blanks = 0
    page_break = False
    for line in body:
        if not line.text:
            blanks += 1
            page_break = page_break or line.furniture
            continue
        text = line.text
        bullet = _BULLET.match(text)
        if bullet and len(text) > bullet.end():
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append("- " + text[bullet.end() :])
        elif not paragraphs or _ends_paragraph(
            paragraphs[-1][-1], text, blanks >= threshold, page_break
        ):
            paragraphs.append([text])
        else:
            paragraphs[-1][-1] = _unwrap(paragraphs[-1][-1], text, vocabulary)
        blanks = 0
        page_break = False
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs if paragraph)


def _ends_paragraph(previous: str, following: str, blank: bool, page_break: bool) -> bool:
    if page_break:
        # Blank lines around a page break say nothing: only a finished sentence followed by
        # a capital can end the paragraph there.
        return previous.endswith((".", "!", "?")) and following[:1].isupper()
    if not blank or not _SENTENCE_END.search(previous):
        return False
    return not previous.startswith("- ") or following[:1].isupper()


def _unwrap(previous: str, following: str, vocabulary: set[str]) -> str:
    """Join a wrapped line to the one before it, mending a word hyphenated at the line end:
    the hyphen goes when the text spells the word whole elsewhere and never with a hyphen."""
    head = re.search(r"([A-Za-z]+)-$", previous)
    if head is None:
        return previous + " " + following
    tail = re.match(r"[a-z]+", following)
    if tail is not None:
        whole = (head.group(1) + tail.group()).lower()
        hyphenated = f"{head.group(1)}-{tail.group()}".lower()
        if whole in vocabulary and hyphenated not in vocabulary:
            return previous[:-1] + following
    return previous + following  # a real hyphen: `sector-specific`, `ITU-IMPACT`


def decide_status(text: str) -> bool | None:
    """Yes or no, read from the first sentence that states one; None when none does."""
    if not text:
        return None
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if UNSETTLED.search(sentence):
            return None
        if NEGATIVE.search(sentence) or FUTURE.search(sentence):
            return False
        if POSITIVE.search(sentence):
            return True
    if re.search(r"^- ", text, re.MULTILINE):
        return True  # a list of instruments or partners, with no verb to read
    return None


def _background(lines: list[_Line], sections: dict[str, tuple[int, list[_Line]]]) -> dict[str, Any]:
    first_section = min((line for line, _ in sections.values()), default=len(lines) + 1)
    text = " ".join(line.text for line in lines if line.number < first_section and line.text)
    labels = []
    population = _POPULATION.search(text)
    if population:
        labels.append((population.start(), "population", population.group(1).strip()))
    internet = _INTERNET.search(text)
    if internet:
        labels.append((internet.start(), "internet_users", internet.group(1).replace(" ", "")))
    labels.sort()
    sources = [m.group(1) for m in _DATA_SOURCE.finditer(text)]
    result: dict[str, Any] = {"population": None, "internet_users": None}
    for position, (_, key, printed) in enumerate(labels):
        source, date = _split_source(sources[position]) if position < len(sources) else (None, None)
        result[key] = {"as_printed": printed, "value": None, "source": source, "date": date}
    return result


def _split_source(text: str) -> tuple[str | None, str | None]:
    """`United Nations Statistics Division, December 2012` -> the source and its date."""
    text = " ".join(text.split())
    match = re.match(r"^(.*?),\s*((?:[A-Za-z]+\s+)?\d{4})$", text)
    if match:
        return match.group(1) or None, match.group(2)
    return text or None, None


def _contact(text: str) -> dict[str, Any]:
    flat = " ".join(text.split())
    organisation = _ORGANISATION.search(flat)
    phone = _PHONE.search(flat)
    email = _EMAIL.search(flat)
    web = _URL.search(flat)
    web_address = web.group() if web else None
    if web_address and web_address.lower().startswith("www."):
        web_address = "http://" + web_address
    return {
        "organisation": organisation.group(1).strip() if organisation else None,
        "phone": phone.group(1).strip() if phone else None,
        "email": email.group() if email else None,
        "web": web_address,
    }


def _provenance(tail: str, lines: list[_Line], problem: Any) -> dict[str, Any]:
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
