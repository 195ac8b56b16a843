"""A profile's text as lines: page furniture blanked out, mis-decoded characters mended, and
the lines of a section joined back into the paragraphs they were before wrapping.

What PDF extraction does to text: page numbers, running headers and footers, wrapping, runs
of spaces, hyphenated line ends, CRLF, double-spaced lines, mis-decoded punctuation. It is
undone here, and never guessed. Furniture is only what cannot be the profile's own text:

- A page is what a form feed or a page marker (`--- Page 2 ---`) starts; a text with neither
  has no pages, and no furniture but its markers and bracketed image captions.
- A page number is the single outermost line of a page (its first or its last) that reads as
  one (`7`, `- 7 -`, `Page 7`, `7 of 9`, `Page 7 of 9`, `7/9`) and follows the pages' own
  sequence: its number less the page's place is the same on at least two pages. A number at
  a page's edge that breaks the sequence (`24/7`, `432`) is text.
- A running header or footer is a line (numbers aside) at the same place among a page's first
  or last two lines on most of the pages of a document long enough to tell (three pages or
  more, more than half of them) or on three pages in a row (a report's header naming each
  profile's country); set apart from the body (a header not continued by the line under it,
  a footer not continuing the line over it); and never a line that is part of a sentence
  (one that starts in lower case, or ends with a comma, a hyphen or a joining word).
  A title, a heading, a list item and the profile's closing lines are never furniture.

Every line removed keeps its reason (`Line.reason`), which `import --explain` lists. A heading
at the end of a page belongs to what follows on the next one, and a sentence split by a page
break is joined again. Hyphens between digits at a line's end are joined as words are
(`427-` + `432` is `427-432`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterator
from dataclasses import dataclass

from cwprofile.addresses import continues
from cwprofile.importer.repair import repair

# A page marker (`--- Page 2 ---`, as some extractors write) or an image's caption in brackets
# (`[image: ITU logo]`, as converters write it): never text. A bare "Figure 3" may be.
_FURNITURE = re.compile(
    r"(?P<marker>-+\s*page\s*\d+\s*-+$|-*\s*page\s*\d+\s*-{3,}$)"
    r"|\[(?:image|figure|fig\.|logo|picture|photo)\b[^\]]*\]$|\[[^\]]*(?:image|logo)[^\]]*\]$",
    re.IGNORECASE,
)
_FURNITURE_STARTS = frozenset("-pP[")
# A page number: `7`, `- 7 -`, `Page 7`, `7 of 9`, `Page 7 of 9`, `7/9`. A bare number has at
# most three digits: a year alone on the last line ("… August\n2014") is not one.
_PAGE_NUMBER = re.compile(
    r"^(?:(?P<bare>\d{1,3})|[-–—]\s*(?P<dashed>\d{1,3})\s*[-–—]|page\s*(?P<page>\d{1,4})"
    r"|(?:page\s*)?(?P<of>\d{1,4})\s*(?:of|/)\s*(?P<total>\d{1,4}))$",
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
    reason: str = ""  # why it is furniture: "page marker", "page number", ...


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
            reason = ""
            if line[:1] in _FURNITURE_STARTS and (marker := _FURNITURE.match(line)):
                reason = "page marker" if marker.group("marker") else "image caption"
                if marker.group("marker") and number > 1:
                    page += 1
            lines.append(Line(number, "" if reason else line, bool(reason), raw, page, reason))
    _blank_furniture(lines)
    return lines


def _blank(line: Line, reason: str) -> None:
    line.text = ""
    line.furniture = True
    line.reason = reason


def furniture(lines: list[Line]) -> list[Line]:
    """The lines removed as furniture that held text (page markers and captions aside)."""
    return [line for line in lines if line.reason in ("page number", "running title", *RUNNING)]


RUNNING = ("running header", "running footer")


def _blank_furniture(lines: list[Line]) -> None:
    """Blank the page numbers and the running headers and footers, by where they stand."""
    pages = _pages(lines)
    if len(pages) < 2:
        return  # no pages, no furniture: a number alone on a line is text
    order = {page: number for number, page in enumerate(sorted(pages))}
    _blank_page_numbers(lines, pages, order)
    pages = _pages(lines)
    edges = list(_edges(pages))
    places: dict[tuple[int, int, str], list[tuple[int, bool]]] = {}
    for page, side, place, index in edges:
        text = lines[index].text
        if _may_run(text):
            key = (side, place, _shape(text))
            places.setdefault(key, []).append((page, _apart(lines, index, side)))
    running = {key for key, found in places.items() if _runs(found, order)}
    for _, side, place, index in edges:
        text = lines[index].text
        if text and (side, place, _shape(text)) in running:
            _blank(lines[index], RUNNING[side])
    # The page numbers that stood outside a running header or footer.
    _blank_page_numbers(lines, _pages(lines), order)


def _blank_page_numbers(
    lines: list[Line], pages: dict[int, list[int]], order: dict[int, int]
) -> None:
    """Blank each page's outermost line that is a number following the pages' sequence."""
    found = []  # (page's place, index, its number)
    for page, filled in pages.items():
        for index in {filled[0], filled[-1]}:
            number = _page_number(lines[index].text)
            if number is not None:
                found.append((order[page], index, number))
    offsets = Counter(number - place for place, _, number in found)
    if not offsets:
        return
    offset, count = offsets.most_common(1)[0]
    if count < 2:
        return  # one number alone follows no sequence
    for place, index, number in found:
        if number - place == offset:
            _blank(lines[index], "page number")


def _page_number(text: str) -> int | None:
    match = _PAGE_NUMBER.match(text) if text[:1].isdigit() or text[:1] in "-–—pP" else None
    if match is None:
        return None
    value = next(v for v in match.group("bare", "dashed", "page", "of") if v is not None)
    total = match.group("total")
    if total is not None and int(total) < int(value):
        return None  # `24/7` is no page of a document
    return int(value)


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


# A line that is part of a sentence: it starts in lower case, or it ends where a sentence
# cannot (a comma, a hyphen, a joining word).
_IN_A_SENTENCE = re.compile(
    r"^[a-z]|[,\-–(]$|\b(?:and|or|of|the|a|an|to|for|in|on|with|by|that|which|as|at|from)$",
)


def _may_run(text: str) -> bool:
    """Whether a line may be a running header or footer: never a number (page numbers follow
    their own rule), a title, a heading, a list item, the profile's closing lines (which stand
    at the bottom of every profile) or a line that is part of a sentence."""
    return bool(text) and not (
        text.isdigit()
        or HEADING.match(text)
        or TITLE.match(text)
        or _BULLET.match(text)
        or _CLOSING.match(text)
        or _IN_A_SENTENCE.search(text)
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
        return text[:1].isupper() or text[:1].isdigit() or bool(_BULLET.match(text))
    return text[-1:] in ".!?:)" or bool(_BULLET.match(text)) or bool(HEADING.match(text))


def _runs(found: list[tuple[int, bool]], order: dict[int, int]) -> bool:
    """A line runs through the document when, set apart from the body wherever it stands,
    it is at the same place on most pages of a document of three pages or more, or on three
    pages in a row (a report's header naming each profile's country). A line of the body
    that happens to repeat at a page's edge (a template sentence, a list item) does neither."""
    if not all(apart for _, apart in found):
        return False
    pages = sorted({order[page] for page, _ in found})
    if len(pages) < 3:
        return False
    if len(order) >= 3 and len(pages) * 2 > len(order):
        return True
    return any(c - a == 2 for a, c in zip(pages, pages[2:], strict=False))


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
    # An address near the line's end is rare: asked in line before the call (millions of
    # lines may come).
    maybe_address = "@" in previous or "://" in previous or "www." in previous or "WWW." in previous
    if maybe_address and continues(previous, following):
        pieces.append(following)  # an address broken at the line's end, whole again
        return
    if previous.endswith("-") and previous[-2:-1].isdigit() and following[:1].isdigit():
        pieces.append(following)  # a range of numbers, `427-` + `432`
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
