"""Where to report a computer incident, read from the reporting-mechanism section.

The passage. The incident sentence is the one about computer incidents (computer, cyber or
security incidents or attacks, incidents alone, or a team: CERT, CSIRT, CIRT) that is not
about another kind of report (content, child abuse, fraud ...): the one with a reporting verb
(reported, handles, contact, responsible for ...) first. The passage is that sentence, the
one before it and the ones after it, up to a sentence about another kind of report; a
neighbour about another kind is never part of it. A section that names no kind of report at
all is read whole; one that names only other kinds gives no contact.

The organisation is a proper name, found and checked, never cut out by position. A candidate
is a team's token (`CamCERT`, `CERT-In`, `CERT.br`, `KrCERT/CC`, `GovCERT.ch`, `Q-CERT`,
`CSIRT-Gob`), or a run of capitalised words joined only by of, for, and, the (de, du, la ...),
with an optional `(ACRONYM)`; `X's website` and `X's form` give X. A candidate never starts in
lower case or with a verb ("Contact", "Report", "To" are read past), never holds a channel word
(form, website, phone, e-mail, online, hotline ...) or an address, and a run of capitalised
words that opens its sentence ("Computer Incidents can be ...") counts only when it is a
body's name by its own words. A body's name by its own words (a team's token, or a word such
as Team, Centre, Agency, Authority, Ministry, Department, Unit, Office) is preferred to a bare
capitalised name or an acronym; among equals, the one nearest the reporting verb, either way.
The incident sentence is read first, then the ones after it, then the one before. When no
candidate qualifies the organisation is empty (the import's gaps say so): never a guess.

The details. The phone, email and web address are read from the passage, the incident
sentence first: a phone after a label (phone, number, toll-free number, hotline, helpline,
call, dial), a short code after a label included, or a number in international form, or one
after "on"/"at". Email and web addresses follow the rules a profile file is checked by
(`addresses.py`). A phone number stays as printed; its E.164 form is derived from the
profile's country when the file is loaded.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from cwprofile.addresses import find_email, find_web
from cwprofile.importer.sentences import MAX_SENTENCE, sentences

_PHONE_LABEL = (
    r"(?:(?:tele)?phone|tel\.?|(?:toll[-\s]?free\s+)?(?:hot|help)line|toll[-\s]?free"
    r"|(?:phone\s+)?numbers?|(?:short\s+)?code|call(?:ing)?|dial(?:ling)?|mobile)"
)
PHONE = re.compile(
    rf"\b{_PHONE_LABEL}"
    r"(?:\s+[^\s\d+(]\S*){0,6}?\s*[:.]?\s*"  # a few words between: "the hotline of CERT on"
    r"(\+?\(?\+?\d[\d\s().\-/]{4,}\d|\d{3,6})(?![\w@.-]*\w)",
    re.IGNORECASE,
)
# A number in international form needs no label ("… on +855 23 880 920").
INTERNATIONAL = re.compile(r"(?<![\w/+])(\+\d[\d\s().\-/]{6,}\d)")
# Nor does one the contact's sentence gives after "on" or "at" ("… to CamCERT on (855) 92 …"),
# a short code ("… to the CIRT on 199") included, but not a date or a year ("on 12 May 2014").
AFTER_ON = re.compile(
    r"(?<!\w)(?:on|at)\s+(\(?\+?\d[\d\s().\-/]{6,}\d|(?!(?:19|20)\d\d\b)\d{3,5})"
    r"(?![\w@.,/-]*\w)(?!\s+(?:[A-Z][a-z]+|st|nd|rd|th)\b)",
)

# What makes a sentence one about computer incidents, or one about another kind of report.
_INCIDENTS = re.compile(
    r"\b(?:(?:computer|cyber|cyber-?security|ict|information\s+security|it\s+security"
    r"|security|network|online)\s+(?:security\s+)?(?:incidents?|attacks?|threats?|breach\w*)"
    r"|incidents?)\b",
    re.IGNORECASE,
)
_TEAM = re.compile(r"(?<![A-Za-z])[A-Za-z]*(?:CERT|CSIRT|CIRT|Cert(?=[A-Z]))(?![a-z])")
_OTHER = re.compile(
    r"\b(?:content|child|children|abuse|exploitation|pornograph\w*|fraud\w*|scams?|harass\w*"
    r"|(?:cyber)?bully\w*|sextortion|grooming|hate|illegal|offensive|inappropriate|consumer|spam|crimes?|criminal"
    r"|trafficking|extremis\w*|terroris\w*)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:report(?:s|ed|ing)?|handl(?:e|es|ed|ing)|notif(?:y|ies|ied)|contact(?:s|ed)?"
    r"|submit(?:s|ted)?|accept(?:s|ed)?|receiv(?:e|es|ed)|responsible|alert(?:s|ed)?)\b",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A proper name: a team's token, or capitalised words joined by of, for, and, the.
_WORD = (
    r"(?:(?:[dDlL]['’])?[A-ZÀ-Þ][^\W_]*(?:[-./&][^\W_]+)*|[a-z]{1,2}[A-Z][^\W_]*"
    r"|[a-z]{1,4}(?:CERT|CSIRT|CIRT)[A-Za-z0-9]*(?:[-./][A-Za-z0-9]+)*)"
)
_ACRONYM = r"(?=[\w./&-]*[A-Z])[A-Za-z][A-Za-z0-9./&-]*(?:\s+[A-Za-z0-9./&-]+){0,3}"
_JOIN = r"(?:of|for|and|the|de|du|des|la|le|el|y|di|del|für|&)"
_NAME = re.compile(
    rf"(?<![\w@./-]){_WORD}(?:\s+(?:{_JOIN}\s+)*{_WORD})*(?![\w@/-])"
    rf"(?:\s*\(\s*{_ACRONYM}\s*\))?"
)
# Words a body's name is made of by itself.
_BODY = _words(
    """
    team centre center agency authority ministry department unit office commission council
    directorate division bureau police institute organisation organization corporation
    foundation board secretariat regulator committee administration cell coordination
    service services force
    """
)
# A kind of team, not a team's name.
_BARE_TEAMS = frozenset({"CERT", "CSIRT", "CIRT", "CERTS", "CSIRTS", "CIRTS"})
# Channel words: what a name never holds.
_CHANNEL = _words(
    """
    form forms website websites web site sites webpage page portal phone telephone tel
    e-mail email mail online hotline helpline number numbers fax address link url http https
    www app
    """
)
# Words that open a sentence without being a name's: verbs and connectives ("Contact CamCERT").
_OPENERS = _words(
    """
    to contact report reports call dial send email e-mail visit use please fill submit write
    in for also additionally furthermore moreover however as at by on if when where with
    through via from further finally besides reach
    """
)
# Words that, alone or together, are no body's name.
_GENERIC = (
    _words(
        """
    computer computers incident incidents cyber cybersecurity security attack attacks threat
    threats internet information user users citizen citizens victim victims report reports
    reporting national government public private sector emergency response organisations
    organizations companies businesses all any such these this it they both each its their
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """
    )
    | _OPENERS
)


class Contact(NamedTuple):
    fields: dict[str, Any]  # organisation, phone, email, web (None where the text has none)
    sentence: str  # the passage they were read from: the incident sentence first
    why: str  # why this organisation, or why none


class _Candidate(NamedTuple):
    name: str
    rank: int  # 0: a body's name by its own words; 1: a bare capitalised name or an acronym
    distance: int  # from the reporting verb, in characters
    where: int  # where it starts in its sentence
    owner: bool  # followed by `'s` and a capital: perhaps the owner of the body named next


def read_contact(text: str) -> dict[str, Any]:
    """The contact fields of a reporting-mechanism section (None where the text has none)."""
    return contact_of(text).fields


def contact_of(text: str) -> Contact:
    """The contact for computer incidents, the passage it was read from, and why."""
    ordered = _passage(text)  # the incident sentence, then after it, then before it
    if not ordered:
        return Contact(dict.fromkeys(("organisation", "phone", "email", "web")), "", "")
    # The incident sentence and the ones after it read as one run (a label may end one line
    # and its number stand on the next), then the sentence before.
    after = [sentence for n, _, sentence in ordered if n >= ordered[0][0]]
    before = [sentence for n, _, sentence in ordered if n < ordered[0][0]]
    phone = email = web = None
    for run in (after, before):
        about = " ".join(clause for sentence in run for _, clause in _clauses(sentence))
        phone = phone or _phone(about)
        email = email or _email(about)
        web = web or _web(about)
    name, why = _organisation(ordered)
    fields = {"organisation": name, "phone": phone, "email": email, "web": web}
    passage = " ".join(sentence for _, _, sentence in sorted(ordered))
    return Contact(fields, passage, why)


def _other(sentence: str) -> bool:
    """A sentence about another kind of report (content, abuse, fraud), not incidents."""
    return bool(_OTHER.search(sentence)) and not (
        _TEAM.search(sentence) or re.search(r"\b(?:computer|cyber)\w*\s+incident", sentence, re.I)
    )


_FOLLOWING = 6  # sentences after the incident one that may give its details


def _passage(text: str) -> list[tuple[int, str, str]]:
    """The incident sentence, the ones after it up to another kind of report, and the one
    before it when it is not about another kind (each as its place in the section, what it
    is, and its words); the whole section when it names no kind of report; none when it
    names only other kinds."""
    # Each sentence is read within its first thousand characters (as the status is): no real
    # one is longer, and the name rules stay linear on a text that is one endless sentence.
    found = [" ".join(s[:MAX_SENTENCE].split()) for s in sentences(text)]
    about = [
        n
        for n, s in enumerate(found)
        if (_INCIDENTS.search(s) or _TEAM.search(s)) and not _other(s)
    ]
    if not about:
        if any(_other(s) for s in found):
            return []
        return [(n, "the section", s) for n, s in enumerate(found)]
    start = next((n for n in about if _REPORTING.search(found[n])), about[0])
    end = start + 1
    while end < min(len(found), start + 1 + _FOLLOWING) and not _other(found[end]):
        end += 1
    passage = [(start, "the incident sentence", found[start])]
    passage += [(n, "a sentence after it", found[n]) for n in range(start + 1, end)]
    if start and not _other(found[start - 1]):
        passage.append((start - 1, "the sentence before it", found[start - 1]))
    return passage


def _phone(flat: str) -> str | None:
    for pattern in (PHONE, INTERNATIONAL, AFTER_ON):
        for match in pattern.finditer(flat):
            number = match.group(1).strip()
            if pattern is INTERNATIONAL and len(re.sub(r"\D", "", number)) < 6:
                continue
            return number
    return None


def _email(flat: str) -> str | None:
    found = find_email(flat)
    return found.group(1) if found else None


def _web(flat: str) -> str | None:
    found = find_web(flat)
    return found[0] if found else None


def _organisation(ordered: list[tuple[int, str, str]]) -> tuple[str | None, str]:
    """The body's proper name, and why it was chosen (or why there is none)."""
    for _, where, sentence in ordered:
        found = _candidates(sentence)
        if found:
            best = min(found, key=lambda c: (c.rank, c.distance))
            kind = "a body's name by its own words" if best.rank == 0 else "a proper name"
            return best.name, f"{kind}, nearest the reporting verb in {where}"
    return None, "no proper name of a body in the incident passage"


def _candidates(sentence: str) -> list[_Candidate]:
    """Each proper name the sentence holds in the clauses about computer incidents."""
    anchors = [m.start() for m in _REPORTING.finditer(sentence) if not _in_address(sentence, m)]
    anchors = anchors or [m.start() for m in _INCIDENTS.finditer(sentence)]
    out: list[_Candidate] = []
    for clause_start, clause in _clauses(sentence):
        for match in _NAME.finditer(clause):
            parts, teams = _names(clause, match)
            # A team token inside a run counts only when the run itself is no name.
            for names in (parts, teams):
                found = []
                for start, name in names:
                    checked = _checked(name, opens=not clause[:start].strip(" (\"“‘'"))
                    if checked is not None:
                        where = clause_start + start
                        distance = min((abs(where - a) for a in anchors), default=where)
                        owner = bool(_POSSESSOR.match(clause, match.end()))
                        found.append(_Candidate(checked[1], checked[0], distance, where, owner))
                out += found
                if found:
                    break
    # "the Authority's OmanCERT": the body is the one named next, when that is a name.
    return [
        c
        for c in out
        if not c.owner or not any(0 < o.where - c.where - len(c.name) <= 4 for o in out)
    ]


# A name followed by a possessive and another name: the owner of the body named next.
_POSSESSOR = re.compile(r"['’]s\s+(?:own\s+)?[A-Z]")


def _in_address(text: str, match: re.Match[str]) -> bool:
    """Whether a word stands inside a web or email address (`report@cert.example`)."""
    before = text[max(0, match.start() - 1) : match.start()]
    after = text[match.end() : match.end() + 1]
    return before in ("/", ".", "@", "-", "_") or after in ("@", ".", "/", "-", "_")


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """The sentence's clauses about computer incidents: a clause about another kind of
    report ("..., while child abuse can be reported to ...") is left out."""
    parts = []
    start = 0
    for cut in re.finditer(r";|,\s+(?:while|whereas|and|but|whilst)\b|\s+while\s", sentence):
        parts.append((start, sentence[start : cut.start()]))
        start = cut.end()
    parts.append((start, sentence[start:]))
    kept = [(at, part) for at, part in parts if not _other(part)]
    return kept or parts


def _names(
    clause: str, match: re.Match[str]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """A run of capitalised words as the names it may be, in order: each part of it split
    at ` and the ` (two bodies), then each team token in it (`Online Form of CERT-X`)."""
    text = match.group()
    start = match.start()
    parts = [
        (start + part.start(), part.group()) for part in re.finditer(r"(?:(?! and the ).)+", text)
    ]
    teams = [(start + team.start(), team.group()) for team in _TEAM_TOKEN.finditer(text)]
    return parts, teams


_TEAM_TOKEN = re.compile(
    r"(?<![\w./-])[A-Za-z0-9]*(?:CERT|CSIRT|CIRT|Cert(?=[A-Z]))[A-Za-z0-9]*(?:[-./][A-Za-z0-9]+)*"
)


def _checked(name: str, opens: bool) -> tuple[int, str] | None:
    """The name as a body's name and its rank, or None when it is not one."""
    name = re.sub(r"^(?:The|the)\s+", "", name.strip())
    words = name.split()
    # Read past the words that open a sentence without naming anything ("Contact CamCERT").
    while opens and words and words[0].casefold() in _OPENERS and not _TEAM.fullmatch(words[0]):
        words, opens = words[1:], False
        while words and words[0].casefold() in ("the", "of", "for", "and"):
            words = words[1:]
    while words and words[-1].casefold() in ("of", "for", "and", "the", "&"):
        words = words[:-1]
    if not words or (not words[0][:1].isupper() and not _TEAM.match(words[0])):
        return None
    name = " ".join(words)
    folded = [w.strip("()").casefold() for w in re.split(r"[\s/]+", name)]
    if any(w in _CHANNEL for w in folded) or "@" in name or "://" in name:
        return None
    acronym = re.search(rf"\s*\(\s*({_ACRONYM})\s*\)$", name)
    if acronym and name[: acronym.start()].upper() in _BARE_TEAMS:
        name = acronym.group(1)  # "the national CERT (KH-CERT)": the team's own name
    elif name.upper() in _BARE_TEAMS:
        return None  # "the national CERT": a kind of body, not its name
    if len(folded) == 1 and folded[0] in _BODY:
        return None  # "the Authority": a kind of body, not its name
    team = bool(_TEAM.search(name))
    body = team or any(w in _BODY for w in folded)
    if body:
        return 0, name
    plain = [w for w in folded if w not in ("of", "for", "and", "the", "&")]
    if opens and not acronym:
        return None  # a sentence's first words are capitalised by grammar, not by name
    if all(w in _GENERIC for w in plain):
        return None
    # One capitalised word is a name only in capitals (`MELANI`) or in camel case.
    single = len(plain) == 1 and not acronym
    if single and not (name.isupper() and len(name) >= 2) and not re.search(r"[a-z][A-Z]", name):
        return None
    return 1, name
