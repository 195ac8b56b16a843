"""A profile's text as lines: page furniture blanked out, mis-decoded characters mended, and
the lines of a section joined back into the paragraphs they were before wrapping.

What PDF extraction does to text: page numbers, running headers and footers, wrapping, runs
of spaces, hyphenated line ends, CRLF, double-spaced lines, mis-decoded punctuation. It is
undone here, and never guessed. Page furniture is found by position, not by content: a page
is what a form feed or a page marker (`--- Page 2 ---`) starts, and furniture is a line at
the top or the bottom of a page that is a page number (`7`, `- 7 -`, `Page 7`, `7 of 9`), or
that stands at the same place on half the pages or more, or apart from the body on two pages
in a row (a running header or footer, numbers aside: a report's title with its page number).
A heading at the end of a page belongs to what follows on the next one, and a sentence split
by a page break is joined again.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from itertools import pairwise

from cwprofile.addresses import continues
from cwprofile.importer.repair import repair

# A page marker (`--- Page 2 ---`, as some extractors write) or an image's caption: never text.
_FURNITURE = re.compile(
    r"(?P<marker>-*\s*page\s*\d+\s*-*$)"
    r"|\[?(?:image|figure|fig\.|logo|picture|photo)\b[^a-z]*\]?$|\[.*(?:image|logo).*\]$",
    re.IGNORECASE,
)
_FURNITURE_STARTS = frozenset("-pP[iIfFlL")
# A page number: `7`, `- 7 -`, `Page 7`, `7 of 9`, `Page 7 of 9`, `7/9`. A bare number has at
# most three digits: a year alone on the last line ("… August\n2014") is not one.
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]|page\s*\d{1,4}|(?:page\s*)?\d{1,4}\s*(?:of|/)\s*\d{1,4})$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•▪◦●■\uf0b7\uf0a7*]|o(?=\s))\s*")
HEADING = re.compile(r"^(\d(?:\.\d){0,2})\.?\s+([A-Z][A-Z0-9 &/,()’'\-–.]*[A-Z)])$")
TITLE = re.compile(r"^cyber\s*wellness\s+profile\b\s*:?\s*(.*)$", re.IGNORECASE)
# The profile's own closing lines, which stand at the bottom of a page in every profile.
_CLOSING = re.compile(r"^(?:disclaimer|more\s+information|last\s+updated|-{10,})", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;)\]”\"]$")
EDGE = 2  # the lines at the top and at the bottom of a page where furniture stands


@dataclass(slots=True)
class Line:
    number: int  # in the source text, from 1
    text: str  # trimmed, spaces folded; "" for a blank line
    furniture: bool = False  # a page marker, page number, caption or running header
    raw: str = ""  # as it was, tabs expanded: where columns stand in a laid-out text
    page: int = 0  # counted by form feeds and page markers


def clean_lines(text: str) -> list[Line]:
    """The text as numbered lines, page furniture blanked out, spaces folded. Linear, and
    cheap per line: a 16 MiB text may hold millions of them."""
    text = repair(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = []
    page = 0
    tabs = "\t" in text
    for number, source_line in enumerate(text.split("\n"), start=1):
        # A form feed starts a page, wherever it stands on the line.
        for part, raw in enumerate(
            source_line.split("\f") if "\f" in source_line else (source_line,)
        ):
            page += part > 0
            raw = (raw.expandtabs(8) if tabs else raw).rstrip()
            if "\u00ad" in raw:
                # A soft hyphen is a hyphen where the line breaks, and nothing elsewhere.
                raw = (raw[:-1] + "-" if raw.endswith("\u00ad") else raw).replace("\u00ad", "")
            # One string for both where spaces need no folding: millions of lines may come.
            line = (
                raw
                if raw[:1] != " " and "  " not in raw and "\t" not in raw
                else " ".join(raw.split())
            )
            furniture = False
            if line[:1] in _FURNITURE_STARTS and (marker := _FURNITURE.match(line)):
                furniture = True
                if marker.group("marker") and number > 1:
                    page += 1
            lines.append(Line(number, "" if furniture else line, furniture, raw, page))
    _blank_furniture(lines)
    return lines


def _blank(line: Line) -> None:
    line.text = ""
    line.furniture = True


def _blank_furniture(lines: list[Line]) -> None:
    """Blank the page numbers and the running headers and footers, by where they stand."""
    pages = _pages(lines)
    if len(pages) < 2:
        _blank_numbers_between_blanks(lines)
    for filled in pages.values():
        for index in {*filled[:EDGE], *filled[-EDGE:]}:
            if _PAGE_NUMBER.match(lines[index].text):
                _blank(lines[index])
    # Each line at a page's edge, the page numbers gone, by its place.
    pages = _pages(lines)
    edges = list(_edges(pages))
    places: dict[tuple[int, int, str], list[tuple[int, bool]]] = {}
    for page, side, place, index in edges:
        text = lines[index].text
        if _may_run(text):
            key = (side, place, _shape(text))
            places.setdefault(key, []).append((page, _apart(lines, index, side)))
    order = {page: number for number, page in enumerate(sorted(pages))}
    running = {key for key, found in places.items() if _runs(found, order)}
    for _, side, place, index in edges:
        text = lines[index].text
        if text and (side, place, _shape(text)) in running:
            _blank(lines[index])


def _pages(lines: list[Line]) -> dict[int, list[int]]:
    """Each page's lines that hold text, by index."""
    pages: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.text:
            pages.setdefault(line.page, []).append(index)
    return pages


def _edges(pages: dict[int, list[int]]) -> Iterator[tuple[int, int, int, int]]:
    """Each line at a page's edge as (page, side, place, index): side 0 counts its place
    from the top, side 1 from the bottom."""
    for page, filled in pages.items():
        for side, ordered in ((0, filled), (1, filled[::-1])):
            for place, index in enumerate(ordered[:EDGE]):
                yield page, side, place, index


def _may_run(text: str) -> bool:
    """Whether a line may be a running header or footer: never a title, a heading, a list
    item or the profile's closing lines (which stand at the bottom of every profile)."""
    return bool(text) and not (
        HEADING.match(text) or TITLE.match(text) or _BULLET.match(text) or _CLOSING.match(text)
    )


def _shape(text: str) -> str:
    """A line as it repeats from page to page: case and page numbers aside."""
    return re.sub(r"\d+", "#", text.casefold())


def _apart(lines: list[Line], index: int, side: int) -> bool:
    """Whether a line at a page's edge stands apart from the body: a header is not continued
    by the line under it (blank, or starting a sentence or a heading), a footer does not
    continue the line over it (blank, or ending a sentence)."""
    neighbour = index + 1 if side == 0 else index - 1
    if not 0 <= neighbour < len(lines) or not lines[neighbour].text:
        return True
    text = lines[neighbour].text
    if side == 0:
        return text[:1].isupper() or text[:1].isdigit()
    return text[-1:] in ".!?:)"


def _runs(found: list[tuple[int, bool]], order: dict[int, int]) -> bool:
    """A line runs through the document when it stands at the same place on half the pages
    or more (a header on every page, or on every other one), or, apart from the body, on
    two pages in a row (a report's header naming each profile's country). A line of the
    body that happens to repeat at a page's edge does neither."""
    pages = sorted({order[page] for page, _ in found})
    if len(pages) < 2:
        return False
    if len(pages) * 2 >= len(order):
        return True
    in_a_row = any(b - a == 1 for a, b in pairwise(pages))
    return in_a_row and all(apart for _, apart in found)


def _blank_numbers_between_blanks(lines: list[Line]) -> None:
    """Without page breaks, a page number still stands alone: a blank line on each side."""
    for index, line in enumerate(lines):
        if (
            _PAGE_NUMBER.match(line.text)
            and (index == 0 or not lines[index - 1].text)
            and (index + 1 == len(lines) or not lines[index + 1].text)
        ):
            _blank(line)


def is_double_spaced(lines: list[Line]) -> bool:
    """Some extractors put a blank line after every line; then one blank line means nothing."""
    texts = [line.text for line in lines]
    filled = [i for i, text in enumerate(texts) if text]
    if len(filled) < 10:
        return False
    followed_by_one_blank = sum(
        1 for i in filled if i + 2 < len(texts) and not texts[i + 1] and texts[i + 2]
    )
    return followed_by_one_blank / len(filled) > 0.6


class Vocabulary:
    """The words the text spells out whole, to tell `cyber-|security` from `sector-|specific`;
    gathered on the first question (most texts have no word hyphenated at a line's end)."""

    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            text = "\n".join(line.text for line in self._lines).lower()
            self._words = set(re.findall(r"[a-z][a-z-]*[a-z]", text))
        return word in self._words


def join(body: list[Line], double_spaced: bool, vocabulary: Container[str] = frozenset()) -> str:
    """The section's lines as the text they were before wrapping: paragraphs, bullet lines.
    Linear in the section's length: each paragraph's lines are gathered, then joined once."""
    threshold = 2 if double_spaced else 1
    paragraphs: list[list[list[str]]] = []  # paragraphs of lines, each line a list of pieces
    blanks = 0
    previous_page: int | None = None
    for line in body:
        if not line.text:
            blanks += not line.furniture
            continue
        text = line.text
        page_break = previous_page is not None and line.page != previous_page
        previous_page = line.page
        bullet = _BULLET.match(text)
        if bullet and len(text) > bullet.end():
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(["- " + text[bullet.end() :]])
        elif not paragraphs or _ends_paragraph(
            paragraphs[-1][-1], text, blanks >= threshold, page_break
        ):
            paragraphs.append([[text]])
        else:
            _unwrap(paragraphs[-1][-1], text, vocabulary)
        blanks = 0
    return "\n\n".join(
        "\n".join("".join(pieces) for pieces in paragraph) for paragraph in paragraphs if paragraph
    )


def _ends_paragraph(previous: list[str], following: str, blank: bool, page_break: bool) -> bool:
    """Whether `following` starts a paragraph after the line `previous` (as its pieces)."""
    if page_break:
        # Blank lines around a page break are the page's margins: only a finished sentence
        # followed by a capital can end the paragraph there.
        return previous[-1].endswith((".", "!", "?")) and following[:1].isupper()
    if not blank or not _SENTENCE_END.search(previous[-1]):
        return False
    return not previous[0].startswith("- ") or following[:1].isupper()


def unwrapped(texts: list[str]) -> str:
    """Lines as one run of text, joined by a space, or by nothing inside a broken address."""
    out: list[str] = []
    for text in texts:
        if out and not continues(out[-1], text):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _unwrap(pieces: list[str], following: str, vocabulary: Container[str]) -> None:
    """Join a wrapped line to the line before it (its pieces, the last one the line that came
    before), mending a word hyphenated at the line end: the hyphen goes when the text spells
    the word whole elsewhere and never with a hyphen."""
    previous = pieces[-1]
    if continues(previous, following):
        pieces.append(following)  # an address broken at the line's end, whole again
        return
    head = re.search(r"([A-Za-z]+)-$", previous[-64:]) if previous.endswith("-") else None
    if head is None:
        pieces.append(" " + following)
        return
    tail = re.match(r"[a-z]+", following)
    if tail is not None:
        whole = (head.group(1) + tail.group()).lower()
        hyphenated = f"{head.group(1)}-{tail.group()}".lower()
        if whole in vocabulary and hyphenated not in vocabulary:
            pieces[-1] = previous[:-1]
            pieces.append(following)
            return
    pieces.append(following)  # a real hyphen: `sector-specific`, `ITU-IMPACT`
