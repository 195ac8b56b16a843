"""The status of an indicator, read the way ITU writes its profiles.

Every profile follows one template. A "no" is stated with a negative template sentence
("Cambodia does not have any officially recognized ...") or as a plan for the future ("will be
establishing a national CIRT by end of 2014"); every other non-empty section describes a law,
body, programme, partnership or mechanism that exists, which is a "yes". The section's opening
statement carries the status: what follows it (a qualification such as "however, no figures
were collected") does not turn it. Sentences about ITU's own work ("ITU completed a CIRT
readiness assessment ...") are context, not the statement, and are read past (unless the
section holds nothing else). The status is
unknown only when the statement says the information is not available, or the section is
empty. The README states the same rule.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNAVAILABLE = re.compile(
    r"\b(?:no|not\s+any)\s+(?:\w+\s+){0,2}(?:information|data)\b"
    r"|\bnot\s+(?:yet\s+)?available\b|\b(?:is|are|was|were)\s+(?:not\s+known|unknown)\b"
    r"|\bn/a\b|\bto\s+be\s+(?:confirmed|determined)\b",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"\b(?:does|do|did)\s+not\b|\b(?:doesn|don|didn|hasn|haven|isn|aren)['’]t\b"
    r"|\b(?:has|have|had)\s+not\b|\b(?:has|have)\s+no\b"
    r"|\bthere\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:currently\s+|yet\s+)?no\b"
    r"|\b(?:is|are|was|were)\s+not\b(?!\s+only)|\bnot\s+yet\b|^\s*(?:no|none)\b|\bneither\b"
    r"|\bno\s+(?:officially|official|national|specific|such|recogni[sz]ed|formal)\b"
    r"|\black(?:s|ing)?\b|\babsence\s+of\b",
    re.IGNORECASE,
)
FUTURE = re.compile(
    r"\bwill\b|\bplan(?:s|ned|ning)?\s+to\b|\bintends?\s+to\b|\bin\s+the\s+process\s+of\b"
    r"|\bunder\s+(?:development|consideration|preparation|review|discussion)\b"
    r"|\b(?:is|are)\s+(?:currently\s+)?(?:being\s+)?"
    r"(?:drafted|drafting|developed|developing|prepared|preparing|planned|planning|considered)\b"
    r"|\b(?:a|the)\s+draft\b|\bupcoming\b|\bforthcoming\b",
    re.IGNORECASE,
)
# ITU describing its own work (an assessment, a visit): context before the statement.
CONTEXT = re.compile(
    r"^(?:(?:in|on|during|since)\b[^,]{0,40},\s*)?(?:the\s+)?"
    r"(?:ITU|International\s+Telecommunication\s+Union)\b",
    re.IGNORECASE,
)
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


class Decision(NamedTuple):
    status: bool | None  # yes, no, unknown
    sentence: str  # the opening statement that carries it
    rule: str  # which part of the template rule read it


def sentences(text: str) -> list[str]:
    """The text's sentences, and its lines (a list item is a sentence of its own)."""
    out: list[str] = []
    for line in text.split("\n"):
        start = 0
        for end in re.finditer(r"[.!?](?=\s+[\"“(‘'A-Z0-9-])", line):
            word = re.search(r"([\w.]+)$", line[start : end.start()])
            before = word.group(1).lower() if word else ""
            if before in ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", before):
                continue
            out.append(line[start : end.end()].strip())
            start = end.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return [sentence for sentence in out if sentence]


def main_clause(sentence: str) -> str:
    """The sentence without its asides: parentheses and `, which ...` clauses, which qualify
    what the sentence states ("has adopted a strategy, which will be reviewed in 2020")."""
    sentence = re.sub(r"\([^()]*\)", "", sentence)
    return re.sub(r",\s*(?:which|who|whose|where)\b[^,]*(?:,|$)", " ", sentence)


def decide(text: str) -> Decision:
    """The status of a section, the sentence that carries it, and the rule that read it."""
    found = sentences(text)
    if not found:
        return Decision(None, "", "empty section")
    statement = next((s for s in found if not CONTEXT.match(s)), found[0])
    main = main_clause(statement)
    if match := UNAVAILABLE.search(statement):
        return Decision(None, statement, f"information not available: {_quoted(match)}")
    if match := NEGATIVE.search(main):
        return Decision(False, statement, f"negative sentence: {_quoted(match)}")
    if match := FUTURE.search(main):
        return Decision(False, statement, f"plan for the future: {_quoted(match)}")
    if statement.startswith("- "):
        return Decision(True, statement, "lists what exists")
    return Decision(True, statement, "states what exists")


def _quoted(match: re.Match[str]) -> str:
    words = " ".join(match.group().split())
    return f"'{words if len(words) <= 40 else words[:39] + '…'}'"
