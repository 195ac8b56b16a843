"""The blocks a Report shows people: headings, cards of fields, tables, paragraphs and
lines, and the values in them. A cell or field value is text, a number, a yes/no (`bool`), a
`Link`, `Highlighted` text, UNKNOWN (a status the profile does not settle) or None (nothing:
a dash for people).

Apart from `report.py` so that a run that prints JSON never builds these classes (about
0.2 MB of a warm run's memory, measured with `benchmarks/bench.py`).
"""

from __future__ import annotations

from typing import Literal, NamedTuple, NoReturn


class Link(NamedTuple):
    text: str
    url: str


class Highlighted(NamedTuple):
    """Text with spans to emphasise (search matches), as (start, end) offsets."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def __str__(self) -> str:
        return self.text


class Unknown:
    """The status of an indicator that a profile does not settle: neither yes nor no."""

    __slots__ = ()

    def __str__(self) -> str:
        return "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()

Value = str | int | float | bool | Link | Highlighted | Unknown | None

# How a column's values may be laid out in a terminal:
#   "id"    never wrapped nor cut (codes, ISO codes, dates, tallies, phone, email, URLs);
#   "text"  a short text (a name) that may wrap between words;
#   "prose" long text (evidence) that wraps between words and takes the room left.
ColumnKind = Literal["id", "text", "prose"]


class Column(NamedTuple):
    header: str
    kind: ColumnKind = "id"
    numeric: bool = False


class Heading(NamedTuple):
    text: str
    level: int = 1  # 1 title, 2 part, 3 pillar


class Fields(NamedTuple):
    """A record shown as `label: value` lines (a card)."""

    rows: tuple[tuple[str, Value], ...]
    title: str | None = None


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    title: str | None = None
    # Row numbers that start a group (compare's pillars): drawn as a rule in a terminal.
    group_rows: frozenset[int] = frozenset()
    # How many leading columns name a row (compare's code and indicator): a table too wide for
    # the screen is split into several, each repeating them, before it is stacked.
    key_columns: int = 0


class Paragraph(NamedTuple):
    text: str
    quiet: bool = False  # a footnote: dim in a terminal


class Lines(NamedTuple):
    """Lines shown one under the other (`file:line: field: message`)."""

    lines: tuple[str, ...]


Block = Heading | Fields | Table | Paragraph | Lines


def unreachable(block: NoReturn) -> NoReturn:
    """The last case of a format's `match` over the block types: a type checker proves it
    is never reached, and a block type no format knows fails at once, never vanishes."""
    raise TypeError(f"no format shows a {type(block).__name__} block")


def plain(value: Value) -> str:
    """A value as words: yes/no/unknown for statuses, a dash for nothing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Link):
        return value.text
    return str(value)
