"""Making text from profile files safe to show: no control characters, no bidi tricks.

Profile files are untrusted. What they say is shown literally and visibly: a control
character becomes its escape (`\\x1b`, `\\u202e`) in every human format; JSON carries it as a
`\\uXXXX` escape. Rich markup is never parsed from data (renderers build `Text` objects).

The tables below are used with `str.translate`, which needs no regular expression compiled
at start-up.
"""

from __future__ import annotations

# C0 but tab and newline, DEL, C1, the Arabic letter mark, zero-width space, LRM and RLM,
# line and paragraph separators, bidi embeddings, overrides and isolates, and the BOM.
UNSAFE_CODES = (
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200B,
    0x200E,
    0x200F,
    *range(0x2028, 0x202F),
    *range(0x2066, 0x206A),
    0xFEFF,
)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_VISIBLE = {code: _escape(code) for code in UNSAFE_CODES}
_VISIBLE_IN_LINE = {**_VISIBLE, 0x09: " ", 0x0A: " "}
_JSON = {code: f"\\u{code:04x}" for code in UNSAFE_CODES}


def is_unsafe(text: str) -> bool:
    return text.translate(_VISIBLE) != text


def safe(text: str) -> str:
    """Text with every unsafe character replaced by a visible escape; newlines and tabs kept."""
    return text.translate(_VISIBLE)


def safe_line(text: str) -> str:
    """Like `safe`, and newlines and tabs become spaces: for one table cell or one message line."""
    return text.translate(_VISIBLE_IN_LINE)


def json_escape_unsafe(encoded: str) -> str:
    """Escape, in already-encoded JSON, the characters json.dumps leaves raw (C1, bidi, ...).

    They can only occur inside JSON strings, where `\\uXXXX` means the same character.
    """
    return encoded.translate(_JSON)
