"""A profile's text as lines: page furniture blanked out, mis-decoded characters mended, and
the lines of a section joined back into the paragraphs they were before wrapping.

What PDF extraction does to text: page markers and numbers, running headers and footers,
wrapping, runs of spaces, hyphenated line ends, CRLF, double-spaced lines, mis-decoded
punctuation. It is undone here, and never guessed: a line is furniture only by a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cwprofile.importer.repair import repair

_PAGE_MARKER = re.compile(r"^-*\s*page\s*\d+\s*-*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)
_CAPTION = re.compile(
    r"^(?:\[?(?:image|figure|fig\.|logo|picture|photo)\b[^a-z]*\]?|\[.*(?:image|logo).*\])$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•▪◦●■\uf0b7\uf0a7*]|o(?=\s))\s*")
HEADING = re.compile(r"^(\d(?:\.\d){0,2})\.?\s+([A-Z][A-Z0-9 &/,()’'\-–.]*[A-Z)])$")
TITLE = re.compile(r"^cyber\s*wellness\s+profile\b\s*:?\s*(.*)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;)\]”\"]$")


@dataclass
class Line:
    number: int  # in the source text, from 1
    text: str  # trimmed, spaces folded; "" for a blank line
    furniture: bool = False  # a page marker, page number, caption or running header
    raw: str = ""  # as it was, tabs expanded: where columns stand in a laid-out text
    page: int = 0  # counted by form feeds and page markers


def clean_lines(text: str) -> list[Line]:
    """The text as numbered lines, without page furniture, spaces folded."""
    text = repair(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    page = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", " ")
        raw = raw.replace("\u00a0", " ").expandtabs(8).rstrip()
        # A soft hyphen is a hyphen where the line breaks, and nothing elsewhere.
        raw = (raw[:-1] + "-" if raw.endswith("\u00ad") else raw).replace("\u00ad", "")
        line = " ".join(raw.split())
        marker = bool(_PAGE_MARKER.match(line))
        if marker and number > 1:
            page += 1
        furniture = bool(marker or _PAGE_NUMBER.match(line) or _CAPTION.match(line))
        lines.append(Line(number, "" if furniture else line, furniture, raw, page))
    _blank_running_lines(lines)
    return lines


def _blank_running_lines(lines: list[Line]) -> None:
    """Blank out running headers and footers: the same line (numbers aside) first or last on
    two pages or more, set apart from the body: a header is not continued by the next line
    (which is blank or starts a sentence), a footer does not continue the line before it.
    Titles, headings, list items and sentences are never running lines."""
    ends: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.text:
            ends.setdefault(line.page, []).append(index)
    if len(ends) < 2:
        return

    def apart(index: int, step: int) -> bool:
        neighbour = index + step
        if not 0 <= neighbour < len(lines) or not lines[neighbour].text:
            return True
        text = lines[neighbour].text
        return text[:1].isupper() or text[:1].isdigit() if step > 0 else text[-1:] in ".!?:)"

    seen: dict[str, list[Line]] = {}
    for filled in ends.values():
        # The page's first line (a header: its neighbour is the next line) and its last.
        for index, step in {filled[0]: 1, filled[-1]: -1}.items():
            text = lines[index].text
            if (
                HEADING.match(text)
                or TITLE.match(text)
                or _BULLET.match(text)
                or text.endswith((".", ":", ";"))
                or len(text) < 4
                or not apart(index, step)
            ):
                continue
            seen.setdefault(re.sub(r"\d+", "#", text.casefold()), []).append(lines[index])
    for repeated in seen.values():
        if len({line.page for line in repeated}) >= 2:
            for line in repeated:
                line.text = ""
                line.furniture = True


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


def vocabulary(lines: list[Line]) -> set[str]:
    """The words the text spells out whole, to tell `cyber-|security` from `sector-|specific`."""
    words: set[str] = set()
    for line in lines:
        words.update(re.findall(r"[a-z][a-z-]*[a-z]", line.text.lower()))
    return words


def join(body: list[Line], double_spaced: bool, vocabulary: set[str] = frozenset()) -> str:
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
