"""Making text from profile files safe to show: no control characters, no bidi tricks.

Profile files are untrusted. What they say is shown literally and visibly: a control
character becomes its escape (`\\x1b`, `\\u202e`) in every human format; JSON carries it as a
`\\uXXXX` escape. Rich markup is never parsed from data (renderers build `Text` objects).
"""

from __future__ import annotations

import functools
import re

# C0 but tab and newline, DEL, C1, the Arabic letter mark, zero-width space, LRM and RLM,
# line and paragraph separators, bidi embeddings, overrides and isolates, and the BOM.
_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
)


@functools.cache
def _pattern(in_line: bool) -> re.Pattern[str]:
    # Compiled on first use: a run that shows no text (most --json runs) never pays for it.
    return re.compile("[" + _UNSAFE_CLASS + ("\t\n" if in_line else "") + "]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in (0x09, 0x0A):
        return " "
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_unsafe(text: str) -> bool:
    return _pattern(False).search(text) is not None


def safe(text: str) -> str:
    """Text with every unsafe character replaced by a visible escape; newlines and tabs kept."""
    return _pattern(False).sub(_visible, text)


def safe_line(text: str) -> str:
    """Like `safe`, and newlines and tabs become spaces: for one table cell or one message line."""
    return _pattern(True).sub(_visible, text)


def json_escape_unsafe(encoded: str) -> str:
    """Escape, in already-encoded JSON, the characters json.dumps leaves raw (DEL, C1, bidi...).

    They can only occur inside JSON strings, where `\\uXXXX` means the same character.
    """
    if encoded.isascii():
        # json.dumps has escaped C0 already: of the unsafe characters only DEL is ASCII.
        return encoded.replace("\x7f", "\\u007f")
    return _pattern(False).sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:")


@functools.cache
def _uri() -> re.Pattern[str]:
    # RFC 3986's characters: a link made of anything else is not followed. `"`, `<`, `>`,
    # `` ` ``, spaces and braces cannot end up inside an HTML attribute or an OSC 8 sequence.
    # Compiled on first use, like `_pattern`: JSON runs never draw a link.
    return re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def safe_url(url: str) -> str | None:
    """The URL when it is one to follow (http, https, mailto, tel, of URI characters only)."""
    if url.lower().startswith(SAFE_SCHEMES) and _uri().fullmatch(url):
        return url
    return None


# What RFC 6068 lets stand in an address of a `mailto:` URI: unreserved and some-delims.
_MAILTO_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*+,;:@"
)


def mailto_uri(address: str) -> str:
    """A `mailto:` URI for an address (RFC 6068): anything else is %-encoded as UTF-8.
    (Written out rather than `urllib.parse.quote`, which costs `show --json` its import.)"""
    return "mailto:" + "".join(
        c if c in _MAILTO_SAFE else "".join(f"%{byte:02X}" for byte in c.encode()) for c in address
    )


def tel_uri(e164: str) -> str:
    """A `tel:` URI for a number in E.164 form (RFC 3966: a global number, digits only)."""
    return "tel:" + e164
