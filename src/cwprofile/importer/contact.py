"""Where to report a computer incident, read from the reporting-mechanism section as ITU writes
it: "Computer incidents can be reported to <organisation> on the phone number ... and by the
email ...", "... via a form on the website of <organisation> at <address>", "... through
<organisation>'s website".

The contact is the body the computer-incident sentence names (the one about computer, cyber
or cybersecurity incidents, or naming a CERT, CSIRT or CIRT), with the phone, email and web
address written in that sentence or right after it (up to the next sentence that reports
something else). Bodies for other reports (offensive content, child abuse, fraud) stay in
the evidence. A section that names no computer incidents and no other kind of report is
read whole. A phone number stays as printed; its E.164 form is derived from the profile's
country when the file is loaded."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:)]", re.IGNORECASE)
PHONE = re.compile(
    r"(?:phone|telephone|tel\.?|hotline|helpline|call(?:ing)?|dial(?:ling)?)"
    r"(?:\s+[^\s\d+(]\S*){0,8}?\s*[:.]?\s*"  # a few words between: "the hotline of CERT on"
    r"(\+?\(?\+?\d[\d\s().\-/]{4,}\d)",
    re.IGNORECASE,
)
# A number in international form needs no label ("… on +855 23 880 920").
INTERNATIONAL = re.compile(r"(?<![\w/+])(\+\d[\d\s().\-/]{6,}\d)")
# Nor does one the contact's sentence gives after "on" or "at" ("… to CamCERT on (855) 92 …").
AFTER_ON = re.compile(r"(?<!\w)(?:on|at)\s+(\(?\+?\d[\d\s().\-/]{6,}\d)", re.IGNORECASE)
# What stands between "reported" and the organisation: the verb's preposition and the
# channel ("a form on the website of", "the hotline of").
_LEAD = re.compile(
    r"\breported\s+(?:online\s+)?(?:to|via|through|with|at|on|by|using|in)\s+"
    r"(?:(?:the|a|an|its)\s+)?"
    r"(?:(?:(?:online|web|electronic|dedicated|incident|reporting)\s+)*"
    r"(?:form|website|web\s*site|web\s*page|portal|page|platform|hotline|helpline|service|system)s?"
    r"\s+(?:on|of|at|from|by|provided\s+by|hosted\s+by|run\s+by)\s+(?:(?:the|a|an)\s+)?"
    r"(?:(?:website|web\s*site|portal|page)\s+of\s+(?:the\s+)?)?)?",
    re.IGNORECASE,
)
# Where the organisation's name ends: a channel, a link, a clause, the sentence's end.
_END = re.compile(
    r"['’]s\s+(?:online\s+|web\s*)?(?:website|web\s*site|portal|form|page|hotline)"
    r"|\s+(?:on|at|by|via|through|using|in|from|or|and|with|under)\s+"
    r"(?:(?:the|its|their|a|an|his|her)\s+)?(?:dedicated\s+|online\s+|web\s+|following\s+)?"
    r"(?:phone|telephone|tel\b|e-?mail|web|website|online|hotline|helpline|numbers?|form|portal"
    r"|address|fax|toll|free|link|url|https?:|www\.)"
    r"|\s+(?:at|on|to)\s+(?:https?://|www\.|\+?\(?\d|\S+@)"
    r"|\s+(?:or|and)\s+(?:by|on|at|via|through|using)\s"
    r"|\s+(?:by|through|via)\s+(?:filling|sending|calling|completing|submitting|writing"
    r"|contacting|dialling|dialing)\b"
    r"|\s*[,;:(]\s*(?![\w.-]+\))|\s*[,;:]|\.(?:\s|$)|$",
    re.IGNORECASE,
)


# What a computer-incident sentence names: the incidents, or a computer emergency team
# (`CamCERT`, `CERT-In`, `GovCERT.ch`, `CSIRT`, `CIRT`; capitals only: not `concert`).
_INCIDENTS = re.compile(
    r"\b(?:computer|cyber|cyber-?security|ict|information\s+security|it\s+security)"
    r"(?:\s+security)?\s+(?:incidents?|attacks?|threats?)\b",
    re.IGNORECASE,
)
_TEAM = re.compile(r"(?<![A-Za-z])[A-Za-z]*(?:CERT|CSIRT|CIRT)(?![a-z])")
# Reports of something else: what other bodies are named for.
_OTHER = re.compile(
    r"\b(?:content|child|children|abuse|exploitation|pornograph\w*|fraud\w*|scams?|harass\w*"
    r"|bully\w*|hate|illegal|offensive|consumer|spam|crimes?|trafficking)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\breport(?:s|ed|ing)?\b", re.IGNORECASE)


class Contact(NamedTuple):
    fields: dict[str, Any]  # organisation, phone, email, web (None where the text has none)
    sentence: str  # what they were read from: the computer-incident sentence (and after)


def read_contact(text: str) -> dict[str, Any]:
    """The contact fields of a reporting-mechanism section (None where the text has none)."""
    return contact_of(text).fields


def contact_of(text: str) -> Contact:
    """The contact for computer incidents, and the passage it was read from."""
    passage = _passage(text)
    flat = " ".join(passage.split())
    phone = PHONE.search(flat) or INTERNATIONAL.search(flat) or AFTER_ON.search(flat)
    email = EMAIL.search(flat)
    web = URL.search(flat)
    web_address = web.group().rstrip(".,;") if web else None
    if web_address and web_address.lower().startswith("www."):
        web_address = "http://" + web_address
    fields = {
        "organisation": organisation(flat),
        "phone": phone.group(1).strip() if phone else None,
        "email": email.group().rstrip(".") if email else None,
        "web": web_address,
    }
    return Contact(fields, flat)


def _passage(text: str) -> str:
    """The computer-incident sentence and what follows it up to the next report of
    something else; the whole section when it names no kind of report at all; else none."""
    from cwprofile.importer.status import sentences

    found = sentences(text)
    about = [n for n, s in enumerate(found) if _INCIDENTS.search(s) or _TEAM.search(s)]
    if not about:
        return "" if any(_OTHER.search(s) for s in found) else text
    # The sentence that reports computer incidents, before one that merely mentions them.
    start = next((n for n in about if _REPORTED.search(found[n])), about[0])
    end = start + 1
    while end < len(found) and not _REPORTED.search(found[end]):
        end += 1
    return " ".join(found[start:end])


def organisation(flat: str) -> str | None:
    """The organisation incidents are reported to, or None when the text names none."""
    lead = _LEAD.search(flat)
    if lead is None:
        return None
    rest = flat[lead.end() :]
    end = _END.search(rest)
    name = rest[: end.start()] if end else rest
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE).strip(" .")
    if not name or URL.match(name) or EMAIL.match(name) or not re.search(r"[A-Za-z]", name):
        return None
    if re.fullmatch(r"(?:the\s+)?(?:phone|telephone|e-?mail|web(?:site)?|form)\b.*", name, re.I):
        return None
    return name
