"""Mis-decoded text, mended: what PDF extraction and code pages do to a profile's punctuation.

ftfy mends text that was UTF-8 read as Windows-1252 or Latin-1 (`â€™` for `’`, `cafÃ©`),
ligatures (`ﬁ`) and the like, and leaves right text alone. It cannot know a GB2312/GBK
document read as Latin-1, where each symbol became two characters starting with `¡` (`¡ì`
for `§`, `¡¯` for `’`): those are mended here, from GBK's own table, for the symbols a
profile uses. Spanish text starts exclamations with `¡` (`¡Ánimo!`), so a pair whose second
character is a letter is mended only when no letter follows it.
"""

from __future__ import annotations

import re

# GBK's row A1 symbols that English text uses, as their bytes read as Latin-1 show them.
_GBK_SYMBOLS = "、。·—～‖…‘’“”〔〕〈〉《》「」『』【】±×÷°′″‰§№☆★○●◎◇◆□■△▲※→←↑↓"
_GBK = {symbol.encode("gbk").decode("latin-1"): symbol for symbol in _GBK_SYMBOLS}
_GBK_PAIR = re.compile(
    "|".join(
        re.escape(pair) + ("(?![^\\W\\d_])" if pair[1].isalpha() else "")
        for pair in sorted(_GBK, key=len, reverse=True)
    )
)


def repair(text: str) -> str:
    """The text with mis-decoded characters mended; right text comes back unchanged."""
    if text.isascii():
        return text
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    # ftfy reads a text line by line, and a line of ASCII is never mis-decoded: only the
    # others are given to it (a 1 MB report is a few hundred such lines, not thirty thousand).
    text = "\n".join(
        line if line.isascii() else ftfy.fix_text(line, config) for line in text.split("\n")
    )
    if "¡" in text:
        text = _GBK_PAIR.sub(lambda match: _GBK[match.group()[:2]], text)
    return text
