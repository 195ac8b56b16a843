"""Making text from profile files safe to show: no control characters, no bidi tricks, no
hidden text.

Profile files are untrusted. What they say is shown literally and visibly: a control or
format character becomes its escape (`\\x1b`, `\\u202e`, `\\U000e0041`) in every human format;
JSON and YAML carry it as an escape that means the same character, so the value is exact.
Rich markup is never parsed from data (renderers build `Text` objects).
"""

from __future__ import annotations

import functools
import re

# C0 but tab and newline, DEL, C1, the Arabic letter mark, zero-width space, LRM and RLM,
# line and paragraph separators, bidi embeddings, overrides and isolates, and the BOM: what
# moves text around or stops a terminal. Made visible in every text format, CSV's too.
_CONTROL_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
)
# And every format character (Unicode category Cf: soft hyphen, word joiner, invisible
# operators, interlinear annotations, Mongolian vowel separator ...) and the tag block
# (U+E0000-E007F): what hides text. Made visible where people read (table, text, markdown,
# HTML, SVG), but for ZWJ and ZWNJ inside the words of the scripts that write with them.
_HIDDEN_CLASS = _CONTROL_CLASS + (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200c\u200d"
    "\u2060-\u2064\u206a-\u206f\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_JOINERS = "\u200c\u200d"


@functools.cache
def _pattern(kind: str) -> re.Pattern[str]:
    # Compiled on first use: a run that shows no text (most --json runs) never pays for it.
    classes = {"control": _CONTROL_CLASS, "hidden": _HIDDEN_CLASS, "line": _HIDDEN_CLASS + "\t\n"}
    return re.compile("[" + classes[kind] + "]")


def _escape(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _joins(text: str, at: int) -> bool:
    """Whether a ZWJ or ZWNJ at `at` stands inside a word of a script that writes with them
    (Arabic, Persian, the Indic scripts ...) or inside an emoji sequence: between letters or
    marks past the Latin ones, or between symbols."""
    import unicodedata

    if at == 0 or at + 1 >= len(text):
        return False

    def joinable(character: str) -> bool:
        category = unicodedata.category(character)
        return (
            (category[0] in "LM" and ord(character) >= 0x370)
            or category == "So"
            or character == "\ufe0f"
        )

    return joinable(text[at - 1]) and joinable(text[at + 1])


def _visible(match: re.Match[str]) -> str:
    character = match.group()
    if character in "\t\n":
        return " "
    if character in _JOINERS and _joins(match.string, match.start()):
        return character
    return _escape(character)


def is_unsafe(text: str) -> bool:
    """Whether a text holds anything a human view would show as an escape (or keep as a
    joiner): such a text is written in YAML's double quotes, escaped there."""
    return _pattern("hidden").search(text) is not None


def safe(text: str) -> str:
    """Text for people: every control and hidden character a visible escape, newlines and
    tabs kept."""
    return _pattern("hidden").sub(_visible, text)


def safe_line(text: str) -> str:
    """Like `safe`, and newlines and tabs become spaces: for one table cell or one message line."""
    return _pattern("line").sub(_visible, text)


def safe_controls(text: str) -> str:
    """Text for programs that show it (CSV in a spreadsheet): controls and bidi characters
    made visible, every other character as it is."""
    return _pattern("control").sub(lambda match: _escape(match.group()), text)


def json_escape_unsafe(encoded: str) -> str:
    """Escape, in already-encoded JSON, the characters json.dumps leaves raw (DEL, C1, bidi,
    format characters): `\\uXXXX` there means the very same character (as a surrogate pair
    past U+FFFF), so the value stays exact."""
    if encoded.isascii():
        # json.dumps has escaped C0 already: of the unsafe characters only DEL is ASCII.
        return encoded.replace("\x7f", "\\u007f")
    return _pattern("hidden").sub(_json_escape, encoded)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def yaml_escape_unsafe(encoded: str) -> str:
    """The same in YAML's double-quoted scalars, where a character past U+FFFF is `\\U`
    and eight digits (a surrogate pair would read as two lone surrogates)."""
    if encoded.isascii():
        return encoded.replace("\x7f", "\\u007f")
    return _pattern("hidden").sub(
        lambda match: (
            f"\\u{ord(match.group()):04x}"
            if ord(match.group()) < 0x10000
            else f"\\U{ord(match.group()):08x}"
        ),
        encoded,
    )


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
