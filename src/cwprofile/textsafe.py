"""Making text from profile files safe to show: no control characters, no bidi tricks.

Profile files are untrusted. What they say is shown literally and visibly: a control
character becomes its escape (`\\x1b`, `\\u202e`) in every human format; JSON carries it as a
`\\uXXXX` escape. Rich markup is never parsed from data (renderers build `Text` objects).
"""

from __future__ import annotations

import re

# C0 (but tab and newline), DEL, C1, bidi embeddings/overrides/isolates, line and paragraph
# separators, zero-width space and the byte order mark.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)
UNSAFE_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return " "
    if code == 0x09:
        return " "
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Text with every unsafe character replaced by a visible escape; newlines and tabs kept."""
    return UNSAFE.sub(_visible, text)


def safe_line(text: str) -> str:
    """Like `safe`, and newlines and tabs become spaces: for one table cell or one message line."""
    return UNSAFE_IN_LINE.sub(_visible, text)


def json_escape_unsafe(encoded: str) -> str:
    """Escape, in already-encoded JSON, the characters json.dumps leaves raw (C1, bidi, ...).

    They can only occur inside JSON strings, where `\\uXXXX` means the same character.
    """
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
