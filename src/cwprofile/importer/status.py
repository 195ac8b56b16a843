"""The status of an indicator, read the way ITU writes its profiles.

Every profile follows one template. A "no" is stated with a negative template sentence
("Cambodia does not have any officially recognized ...") or as a plan for the future ("will be
establishing a national CIRT by end of 2014"); every other non-empty section describes a law,
body, programme, partnership or mechanism that exists, which is a "yes". The section's opening
statement carries the status: what follows it (a qualification such as "however, no figures
were collected") does not turn it. Sentences about ITU's own work ("ITU completed a CIRT
readiness assessment ...") are context, not the statement, and are read past (unless the
section holds nothing else). A negative or a plan inside a relative or subordinate clause
("a strategy that is not yet fully implemented", "Although X does not have a strategy, the
Ministry has adopted a policy") qualifies the claim without turning it. The status is
unknown only when the statement says the information is not available, or the section is
empty. A negative that does not negate ("there is no doubt that", "no fewer than", "not only
... but also", "none of ... went unreported", "no shortage of", "not the only", "not slow
to") leaves the claim as it is; "never", "has yet to", "without any", "nothing indicates",
"no ... exists" are negatives. Information not available is read in the claim, not in a
clause that follows it ("X has a CIRT; data on incidents is not available" is a yes).

The rules are one table, `RULES`, that `decide` walks in order and `--explain` names: each
rule's name, its pattern, the status a match gives, and its scope (the statement, or its
claim without the clauses that qualify it). The README states the same rule.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cwprofile.importer.sentences import MAX_SENTENCE, sentences

UNAVAILABLE = re.compile(
    r"\b(?:no|not\s+any)\s+(?:\w+\s+){0,2}(?:information|data)\b"
    r"|\bnot\s+(?:yet\s+)?available\b|\b(?:is|are|was|were)\s+(?:not\s+known|unknown)\b"
    r"|\bn/a\b|\bto\s+be\s+(?:confirmed|determined)\b",
    re.IGNORECASE,
)
# Negatives that do not negate: what they say leaves the claim as it is.
NOT_NEGATING = re.compile(
    r"\bthere\s+(?:is|was|can\s+be)\s+no\s+doubt\s+(?:that\s+)?|\bno\s+doubt,?\s*"
    r"|\bno\s+(?:fewer|later|less|more|sooner|earlier)\s+than\b|\bnot\s+only\b"
    r"|\bnone\s+of\b[^,;]*?\bun(?!der|it)\w+(?:ed|able)\b|\bno\s+(?:shortage|lack)\s+of\b|\bnot\s+the\s+only\b"
    r"|\bnot\s+(?:slow|hesitant|reluctant|unwilling)\s+to\b|\bnot\s+without\b"
    r"|\bnot\s+(?:un\w+|in\s+doubt)\b",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"\bnever\b|\b(?:has|have|had|is|are|remains?)\s+yet\s+to\b|\bremains?\s+to\s+be\b"
    r"|\bnot\s+a\s+single\b|\bwithout\s+(?:any|a|an)\b"
    r"|\bnothing\s+(?:indicates|suggests|shows|points)\b"
    r"|\bno\s+(?:[\w-]+\s+){0,4}(?:exists?|is\s+in\s+place|has\s+been\s+\w+)\b"
    r"|\b(?:does|do|did)\s+not\b|\b(?:doesn|don|didn|hasn|haven|isn|aren)['’]t\b"
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
    r"|\b(?:a|the)\s+draft\b|\bupcoming\b|\bforthcoming\b"
    r"|\bawait(?:s|ing)\s+(?:\w+\s+){0,2}(?:approval|adoption|enactment|ratification|signature)\b"
    r"|\bpending\s+(?:approval|adoption|enactment|ratification)\b",
    re.IGNORECASE,
)
# ITU describing its own work (an assessment, a visit): context before the statement.
CONTEXT = re.compile(
    r"^(?:(?:in|on|during|since)\b[^,]{0,40},\s*)?(?:the\s+)?"
    r"(?:ITU|International\s+Telecommunication\s+Union)\b",
    re.IGNORECASE,
)


class Decision(NamedTuple):
    status: bool | None  # yes, no, unknown
    sentence: str  # the opening statement that carries it
    rule: str  # which part of the template rule read it


# Verbs whose `that` opens what they report, which is the claim ("Chad reported that it does
# not have a CIRT"); after any other word `that` opens a relative or subordinate clause. Past
# forms only: `states` and `reports` are as often nouns ("partnerships with states that ...").
_REPORTING = (
    r"(?:report|stat|indicat|confirm|declar|announc|not|acknowledg|mention|claim|explain)ed"
    r"|specified|said|known|understood|clear"
)
# A clause in the subject ("The CIRT that Chad plans to establish will ...") ends where no
# comma says: it is qualified only after a verb of the claim has come.
_CLAIM_VERB = re.compile(
    r"\b(?:has|have|had|is|are|was|were|does|do|did|will|can|could|may|must|shall|should"
    r"|lacks?|participates?|conducts?|contains?|provides?|offers?|hosts?|maintains?|operates?"
    r"|runs?|organi[sz]es?|signed|ratified|acceded|enacted|adopted|established|joined"
    r"|launched|created|completed|exists?)\b",
    re.IGNORECASE,
)
# Clauses that qualify the claim rather than make it: relative clauses (`that is not yet
# fully implemented`, `, which does not yet ...`, `who are not ...`) and subordinate ones
# (`although ...`, `, but ...`, `because ...`), from their opening word to the next comma,
# semicolon or dash, or to the sentence's end.
_CLAUSE_END = r"(?=\s*(?:[,;]|\s[-–—]\s|$))"
_RELATIVE = re.compile(
    r"\b(?:that|which|who|whom|whose|where)\b[^,;]*?" + _CLAUSE_END, re.IGNORECASE
)
_SUBORDINATE = r"(?:although|though|even\s+though|even\s+if|while|whilst|whereas|because|unless|despite|in\s+spite\s+of)"
_LEADING = re.compile(rf"^\s*{_SUBORDINATE}\b[^,;]*[,;]\s*", re.IGNORECASE)
_TRAILING = re.compile(
    rf"(?:,\s*(?:{_SUBORDINATE}|but|yet|however)|\s+{_SUBORDINATE})\b.*$", re.IGNORECASE
)
_REPORTED_THAT = re.compile(rf"\b(?:{_REPORTING})\s+$", re.IGNORECASE)


def main_clause(sentence: str) -> str:
    """The sentence's claim without what qualifies it: parentheses, relative clauses and
    subordinate clauses. "has a strategy, which will be reviewed in 2020", "has a strategy
    that is not yet fully implemented" and "Although X does not have a CIRT, the Ministry
    handles incidents" each claim what exists. A `that` after a reporting verb ("reported
    that it does not have ...") opens the claim itself and is kept."""
    sentence = re.sub(r"\([^()]*\)", "", sentence)
    # What follows a semicolon is a claim of its own, after the one that carries the status.
    sentence = sentence.split(";", 1)[0]
    # An aside between commas (`, which ...,`) is one wherever it stands.
    sentence = re.sub(r",\s*(?:which|who|whom|whose|where)\b[^,]*(?:,|$)", " ", sentence)
    sentence = _LEADING.sub("", sentence)
    sentence = _TRAILING.sub("", sentence)
    kept = []
    position = 0
    for clause in _RELATIVE.finditer(sentence):
        before = sentence[position : clause.start()]
        opening = sentence[: clause.start()]
        if not _CLAIM_VERB.search(opening) or (
            clause.group().lower().startswith("that") and _REPORTED_THAT.search(opening)
        ):
            continue
        kept.append(before)
        position = clause.end()
    kept.append(sentence[position:])
    return " ".join("".join(kept).split())


class Rule(NamedTuple):
    """One rule of the table `decide` walks: what `--explain` calls it, what it looks for,
    the status a match gives (None: unknown; KEEP: the words are read past), and where it
    looks: the whole opening statement, or its claim (without the clauses that qualify it)."""

    name: str
    pattern: re.Pattern[str]
    status: bool | str | None
    scope: str  # "statement" or "claim"
    # Words one of which every match holds: a sentence with none of them is not searched
    # (the patterns are long alternations, and most sentences match none).
    hint: frozenset[str]


def _hint(words: str) -> frozenset[str]:
    return frozenset(words.split())


KEEP = "keep"  # a negative that does not negate: read past
READ_PAST = Rule(
    "a negative that does not negate", NOT_NEGATING, KEEP, "statement", _hint("no not none")
)
NOT_AVAILABLE = Rule(
    "information not available",
    UNAVAILABLE,
    None,
    "claim",
    _hint("no not n unknown known confirmed determined"),
)
NEGATIVE_SENTENCE = Rule(
    "negative sentence",
    NEGATIVE,
    False,
    "claim",
    _hint(
        "never yet remain remains not without nothing no none neither lack lacks lacking absence t"
    ),
)
PLAN = Rule(
    "plan for the future",
    FUTURE,
    False,
    "claim",
    _hint(
        "will plan plans planned planning intend intends process under drafted drafting "
        "developed developing prepared preparing considered draft upcoming forthcoming "
        "await awaits awaiting pending"
    ),
)
RULES = (READ_PAST, NOT_AVAILABLE, NEGATIVE_SENTENCE, PLAN)  # walked in this order
_WORD = re.compile(r"[a-z]+")


def _search(rule: Rule, text: str, words: set[str]) -> re.Match[str] | None:
    return rule.pattern.search(text) if rule.hint & words else None


def decide(text: str) -> Decision:
    """The status of a section, the sentence that carries it, and the rule that read it."""
    found = sentences(text)
    if not found:
        return Decision(None, "", "empty section")
    statement = next((s for s in found if not CONTEXT.match(s)), found[0])
    # A sentence is read within its first thousand characters: no real one is longer, and
    # the clause rules stay linear on a text that is one endless "sentence".
    read = statement[:MAX_SENTENCE]
    words = set(_WORD.findall(read.lower()))
    kept: list[str] = []
    claim = ""
    for rule in RULES:
        if rule.status == KEEP:
            found = list(rule.pattern.finditer(read)) if rule.hint & words else []
            if found:
                kept += [_quoted(m) for m in found]
                read = rule.pattern.sub(" ", read)
            claim = main_clause(read)
            continue
        match = _search(rule, claim if rule.scope == "claim" else read, words)
        if match:
            return Decision(rule.status, statement, f"{rule.name}: {_quoted(match)}")  # type: ignore[arg-type]
    # A negative or a plan read past in a clause is named; none can be where the claim is all.
    whole = claim == " ".join(read.split())
    aside = None if whole else _search(NEGATIVE_SENTENCE, read, words) or _search(PLAN, read, words)
    rule_name = "lists what exists" if statement.startswith("- ") else "states what exists"
    notes = [f"{aside and _quoted(aside)} is in a relative or subordinate clause"] if aside else []
    notes += [f"{words} does not negate" for words in kept]
    if notes:
        rule_name += f" ({'; '.join(notes)})"
    return Decision(True, statement, rule_name)


def _quoted(match: re.Match[str]) -> str:
    words = " ".join(match.group().split())
    return f"'{words if len(words) <= 40 else words[:39] + '…'}'"
