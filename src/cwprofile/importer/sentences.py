"""A section's text as sentences, as ITU writes them: the one splitter the status and the
contact readers share.

A sentence ends at `.`, `!` or `?` before a space and a capital, a digit, a quote, a
parenthesis or a dash; not after an abbreviation (`No.`, `Rep.`, `e.g.`, `Dr.`) or a single
letter (`J. Smith`), and not inside an address (`incident@camcert.gov.kh`, `www.itu.int`),
where no space follows the dot. Each line is split on its own: a list item is a sentence of
its own."""

from __future__ import annotations

import re

# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    [
        "st",
        "rep",
        "dem",
        "no",
        "nos",
        "art",
        "arts",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "govt",
        "gov",
        "min",
        "nat",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "approx",
        "incl",
        "int",
        "intl",
        "ref",
        "sec",
        "para",
        "fig",
        "vol",
        "p.d.r",
        "u.s",
        "u.k",
        "u.n",
    ]
)
MAX_SENTENCE = 1000  # what the readers look at of one sentence: no real one is longer
_END = re.compile(r"[.!?](?=\s+[\"“(‘'A-Z0-9-])")


def sentences(text: str) -> list[str]:
    """The text's sentences, and its lines (a list item is a sentence of its own)."""
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        for end in _END.finditer(line):
            word = re.search(r"([\w.]+)$", line[max(start, end.start() - 24) : end.start()])
            before = word.group(1).lower() if word else ""
            if before in ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", before):
                continue
            out.append(line[start : end.end()].strip())
            start = end.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return [sentence for sentence in out if sentence]
