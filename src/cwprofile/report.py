"""What a command hands to the output: a `Report` of a JSON document for programs, records
for CSV, and blocks for people.

Commands never branch on the output format: they build a Report, and `formats` picks the
module that turns it into text. A cell or field value is text, a number, a yes/no (`bool`),
a `Link`, `Highlighted` text, or None (nothing: a dash for people, an empty cell in CSV).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, NamedTuple


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

# A CSV cell: text, a number, a boolean (true/false) or None (an empty cell).
Cell = str | int | float | bool | None


class Records(NamedTuple):
    """The report as one flat table for CSV: one record per row, the JSON's values."""

    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def plain(value: Value) -> str:
    """A value as words: yes/no for statuses, a dash for nothing."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Link):
        return value.text
    return str(value)


class Report:
    """What a command shows. Each part may be given as a function of no arguments, so that a
    run builds only the form it prints (compare's matrix over 400 profiles is not drawn for
    --json)."""

    __slots__ = ("_blocks", "_document", "_records", "title")

    def __init__(
        self,
        title: str,
        document: dict[str, Any] | Callable[[], dict[str, Any]],
        blocks: tuple[Block, ...] | Callable[[], tuple[Block, ...]] = (),
        records: Records | Callable[[], Records] | None = None,
    ) -> None:
        self.title = title  # names an exported document
        self._document = document
        self._blocks = blocks
        self._records = records

    @property
    def document(self) -> dict[str, Any]:
        if callable(self._document):
            self._document = self._document()
        return self._document

    @property
    def blocks(self) -> tuple[Block, ...]:
        if callable(self._blocks):
            self._blocks = self._blocks()
        return self._blocks

    @property
    def records(self) -> Records | None:
        if callable(self._records):
            self._records = self._records()
        return self._records
