"""Web and email addresses: what one is, how prose writes one, and where a line break falls
inside one.

One vocabulary for the whole tool. `EMAIL` and `URL` are the rules a profile file's addresses
are checked by (the same regular expressions in Python and in the published JSON Schema).
The importer finds addresses in prose with `find_email` and `find_web`, which return only
what those rules accept, so that an import never writes an address that `validate` (or
`--lenient`) would then refuse. `continues` says whether a line break stands inside an
address (`http://www.itu.int/en/ITU-` + `D/Cybersecurity/...`, `incident@camcert.` +
`gov.kh`), so that the lines are joined without a space.
"""

from __future__ import annotations

import re

# What an address is (RFC 5322's dot-atom for an email; http(s) and RFC 3986's characters
# for a web address: no spaces, controls, quotes or angle brackets).
EMAIL = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
URL = r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
IS_EMAIL = re.compile(EMAIL)
IS_URL = re.compile(URL)

# How prose writes one: a narrower local part than the rule allows (prose puts quotes and
# slashes around addresses, not in them), and a web address with or without its scheme.
_EMAIL_IN_PROSE = re.compile(
    r"(?<![\w.%+-])(?:mailto:)?([A-Za-z0-9_%+-][A-Za-z0-9._%+-]*"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)",
)
_WEB_IN_PROSE = re.compile(
    r"(?<![\w@./-])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE
)
_TRAILING = ".,;:!?'\"’”"


def find_email(text: str) -> re.Match[str] | None:
    """The first email address the text writes (group 1 is the address)."""
    for match in _EMAIL_IN_PROSE.finditer(text):
        if IS_EMAIL.fullmatch(match.group(1)):
            return match
    return None


def find_web(text: str) -> tuple[str, int] | None:
    """The first web address the text writes, as a URL (`www.` gets `http://`), with where it
    starts; punctuation after it (a full stop, an unbalanced parenthesis) is not part of it."""
    for match in _WEB_IN_PROSE.finditer(text):
        address = _trimmed(match.group())
        if address.lower().startswith("www."):
            address = "http://" + address
        if IS_URL.fullmatch(address) and "." in address.partition("://")[2]:
            return address, match.start()
    return None


def _trimmed(address: str) -> str:
    while address:
        if address[-1] in _TRAILING or (
            address[-1] == ")" and address.count("(") < address.count(")")
        ):
            address = address[:-1]
        else:
            break
    return address


# Where an address may break at a line's end, and the words that end one written before them.
_BREAKS = "-/.@?=&_#%~:"
_WORDS_AFTER = frozenset(
    [
        "or",
        "and",
        "to",
        "for",
        "by",
        "on",
        "at",
        "the",
        "a",
        "an",
        "in",
        "of",
        "with",
        "via",
        "from",
        "is",
        "are",
        "can",
        "which",
        "where",
        "who",
        "that",
        "if",
        "as",
        "when",
        "than",
        "then",
        "also",
    ]
)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S*$|[A-Za-z0-9._%+-]+@\S*$", re.IGNORECASE)


def continues(previous: str, following: str) -> bool:
    """Whether `following` (the next line) continues an address that `previous` (a line)
    ends with, so that the two join without a space. An address broken after `-`, `/`, `.`,
    `@`, `?`, `=`, `&`, `_` (or inside a token the next line goes on with) is continued by
    the next line's first token, unless that token is a word that follows an address in a
    sentence ("... www.cert.gov.xx/" + "or by phone"), a new address, or, after a full stop,
    a capital (the next sentence)."""
    if not following or following[0].isspace():
        return False
    end = previous[-300:]
    if "@" not in end and "://" not in end and "www." not in end and "WWW." not in end:
        return False  # no address near the line's end: the common case, asked cheaply
    last = end.rsplit(None, 1)[-1] if end.strip() else ""
    tail = _ADDRESS.search(last)
    if tail is None:
        return False
    token = following.split(None, 1)[0]
    if token.lower().startswith(("http://", "https://", "www.")):
        return False
    bare = token.rstrip(_TRAILING).lower()
    end = previous[-1]
    if end == "@":
        return token[0].isalnum()
    if end == ".":
        return token[0].islower() or token[0].isdigit()
    if end in _BREAKS:
        return token[0].isalnum() and bare not in _WORDS_AFTER
    # Broken inside a token: the next line goes on with the rest of a host or a path.
    return (
        (token[0].islower() or token[0].isdigit())
        and bare not in _WORDS_AFTER
        and any(mark in token.rstrip(_TRAILING) for mark in "/.?=&_#")
    )
