"""What a command hands to the output: a JSON document for programs and blocks for people.

Commands never branch on the output format. They build a `Report` (in `output.py`) of a
document and these blocks; `output.py` picks the format module that turns it into text. A cell or field value is text, a number, a yes/no
(`bool`), a `Link`, or None (shown as a dash).
"""

from __future__ import annotations

from typing import NamedTuple


class Link(NamedTuple):
    text: str
    url: str


class Highlighted(NamedTuple):
    """Text with spans to emphasise (search matches), as (start, end) offsets."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def __str__(self) -> str:
        return self.text


Value = str | int | float | bool | Link | Highlighted | None


class Heading(NamedTuple):
    text: str
    level: int = 1  # 1 title, 2 part, 3 pillar


class Fields(NamedTuple):
    rows: tuple[tuple[str, Value], ...]
    title: str | None = None


class Column(NamedTuple):
    header: str
    key: str  # the CSV header
    wide: bool = False  # long text that wraps in a terminal
    numeric: bool = False


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    title: str | None = None
    # Row numbers that start a group (compare's pillars): drawn as a rule in a terminal.
    group_rows: frozenset[int] = frozenset()


class Paragraph(NamedTuple):
    text: str
    quiet: bool = False  # a footnote: dim in a terminal


class Lines(NamedTuple):
    """Lines shown one under the other (`file:line: field: message`)."""

    lines: tuple[str, ...]


Block = Heading | Fields | Table | Paragraph | Lines


def plain(value: Value) -> str:
    """A value as words: yes/no for statuses, a dash for nothing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Link):
        return value.text
    return str(value)
