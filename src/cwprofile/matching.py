"""Where a text stands in the evidence, as people type it: the one rule `search` matches by,
and the trigrams the compiled library finds candidates with (`store.Store.candidates`)."""

from __future__ import annotations

import re

# How people type what a text writes otherwise: every apostrophe and quotation mark is one,
# every dash and hyphen is one.
_QUOTES = dict.fromkeys(map(ord, "’‘‛ʼ`´′"), "'") | dict.fromkeys(map(ord, "“”„‟″"), '"')
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹘﹣－"), "-")
_SAME = _QUOTES | _DASHES
# What may stand between two letters and be left out: a space, a hyphen, any dash.
_SEPARATORS = frozenset(" -" + "".join(map(chr, _DASHES)))
_OPTIONAL = re.compile(r"(?<=[^\W\d_])[ \-](?=[^\W\d_])")


def _folded(text: str) -> tuple[str, list[int]]:
    """The text as search compares it, and for each of its characters the offset in `text`
    it came from: case folded as Unicode does (`ß` is `ss`), quotes and dashes made one, and
    a hyphen or a space between two letters left out (`cyber security`, `cyber-security`
    and `cybersecurity` are the same)."""
    pieces: list[str] = []
    origin: list[int] = []
    last = len(text) - 1
    for index, character in enumerate(text):
        if (
            character in _SEPARATORS
            and 0 < index < last
            and text[index - 1].isalpha()
            and text[index + 1].isalpha()
        ):
            continue
        piece = character.translate(_SAME).casefold()
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def matches(text: str, query: str, exact: bool = False) -> list[tuple[int, int]]:
    """Where `query` stands in `text`, as people type it (`_folded`), or (`exact`) as it is
    written; the offsets are those of `text` itself, so a highlight covers the text as
    written."""
    if exact:
        if not query:
            return []
        needle, folded, origin = query, text, None
    else:
        needle = _folded(query)[0]
        # Most texts hold no match: asked first, at C speed, before the offsets are mapped.
        if not needle or needle not in _OPTIONAL.sub("", text.translate(_SAME)).casefold():
            return []
        folded, origin = _folded(text)
    spans = []
    start = folded.find(needle)
    while start != -1:
        end = start + len(needle)
        if origin is None:
            spans.append((start, end))
        else:
            spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(needle, end)
    return spans


# What the trigram index holds of a text: `matches`' folding, with every separator left out
# (not only those between letters), which is one C-speed translate.
_INDEXED = _SAME | dict.fromkeys(map(ord, _SEPARATORS))


def index_fold(text: str) -> str:
    """The text as the store's trigram index holds it. Leaving out every separator keeps a
    rule simple to state: if `matches(text, query)` finds the query (as typed or `exact`),
    then `index_fold(query)` stands in `index_fold(text)`, so its trigrams are all there."""
    return text.translate(_INDEXED).casefold()


def trigrams(query: str) -> list[str]:
    """The trigrams every evidence a query matches holds (`index_fold`); none when the query
    is too short to narrow the search (every finding is then a candidate)."""
    folded = index_fold(query)
    return list(dict.fromkeys(folded[start : start + 3] for start in range(len(folded) - 2)))
