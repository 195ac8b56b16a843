"""Profile texts made from the source text, for the tests and the benchmark: other countries'
profiles in ITU's template, and the 16 MiB shapes that were slow to import."""

from __future__ import annotations

from pathlib import Path

SOURCE = (Path(__file__).parent / "data" / "cambodia-source.txt").read_text(encoding="utf-8")
MIB = 1024 * 1024


def countries(count: int) -> list[str]:
    from cwprofile.countries import all_codes

    names = [c.name for c in all_codes() if not c.user_assigned and c.iso2 != "KH"]
    return names[:count]


def profiles(count: int) -> list[str]:
    """`count` profiles in ITU's template, each under another country's name."""
    return [
        SOURCE.replace("CAMBODIA", name.upper()).replace("Cambodia", name)
        for name in countries(count)
    ]


def _inside_a_profile(body: str) -> str:
    anchor = "Specific legislation pertaining to cybercrime is mandated"
    return SOURCE.replace(anchor, body + "\n" + anchor, 1)


SHAPES = (
    "16 MiB of title lines",
    "16 MiB of short lines in a section",
    "an 8 MB paragraph in a section",
    "a 16 MiB line",
)


def shape(name: str) -> str:
    """A 16 MiB text of one of the shapes that were slow (quadratic, or a fuzzy search per
    title line)."""
    if name == SHAPES[0]:
        title = "CYBERWELLNESS PROFILE CAMBODIA\n"
        return title * (16 * MIB // len(title))
    if name == SHAPES[1]:
        short = "".join(f"w{i % 10} x\n" for i in range(16 * MIB // 5 + 1))
        return _inside_a_profile(short[: 16 * MIB - 8 * 1024])
    if name == SHAPES[2]:
        line = "Cambodia has an officially recognized national CIRT that works with the region on\n"
        return _inside_a_profile(line * (8 * MIB // len(line)))
    if name == SHAPES[3]:
        return "a " * (8 * MIB - 1)
    raise KeyError(name)
