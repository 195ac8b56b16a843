"""Where to report an incident, read from the reporting-mechanism section as ITU writes it:
"Computer incidents can be reported to <organisation> on the phone number ... and by the
email ...", "... via a form on the website of <organisation> at <address>", "... through
<organisation>'s website". Every channel found is kept: the form or website, the phone, the
email. A phone number stays as printed; its E.164 form is derived from the profile's country
when the file is loaded."""

from __future__ import annotations

import re
from typing import Any

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
    r"|\s+(?:by|through|via)\s+(?:filling|sending|calling|completing|submitting|writing"
    r"|contacting|dialling|dialing)\b"
    r"|\s*[,;:(]\s*(?!\w+\))|\s*[,;:]|\.(?:\s|$)|$",
    re.IGNORECASE,
)


def read_contact(text: str) -> dict[str, Any]:
    """The contact fields of a reporting-mechanism section (None where the text has none)."""
    flat = " ".join(text.split())
    phone = PHONE.search(flat) or INTERNATIONAL.search(flat)
    email = EMAIL.search(flat)
    web = URL.search(flat)
    web_address = web.group().rstrip(".,;") if web else None
    if web_address and web_address.lower().startswith("www."):
        web_address = "http://" + web_address
    return {
        "organisation": organisation(flat),
        "phone": phone.group(1).strip() if phone else None,
        "email": email.group().rstrip(".") if email else None,
        "web": web_address,
    }


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
