"""What a command hands to the output: a `Report` of a JSON document for programs, records
for CSV, and blocks for people (their types are in `blocks.py`).

Commands never branch on the output format: they build a Report, and `formats` picks the
module that turns it into text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cwprofile.blocks import Block


# A CSV cell: text, a number, a boolean (true/false) or None (an empty cell).
Cell = str | int | float | bool | None


class Records:
    """The report as one flat table for CSV: one record per row, the JSON's values."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> None:
        self.columns = columns
        self.rows = rows


class Report:
    """What a command shows. Each part may be given as a function of no arguments, so that a
    run builds only the form it prints (compare's matrix over 400 profiles is not drawn for
    --json)."""

    __slots__ = ("_blocks", "_document", "_records", "exit_code", "shown", "title", "yaml")

    def __init__(
        self,
        title: str,
        document: dict[str, Any] | Callable[[], dict[str, Any]],
        blocks: tuple[Block, ...] | Callable[[], tuple[Block, ...]] = (),
        records: Records | Callable[[], Records] | None = None,
        exit_code: int = 0,
        yaml: str | None = None,
        shown: bool = True,
    ) -> None:
        self.title = title  # names an exported document
        self._document = document
        self._blocks = blocks
        self._records = records
        # The document as YAML when the command wrote it itself: a profile file, with the
        # comments of its header (the YAML format prints it as it is).
        self.yaml = yaml
        # False: nothing for stdout (what the command did, it said on stderr).
        self.shown = shown
        # What the command exits with once the report is shown: 1 when nothing matched or
        # something asked for was not there (as grep), 0 otherwise.
        self.exit_code = exit_code

    @classmethod
    def nothing(cls, title: str, exit_code: int = 0) -> Report:
        """A report with nothing to show, only its exit code."""
        return cls(title, {}, exit_code=exit_code, shown=False)

    def failing(self, failed: bool) -> Report:
        """The report, exiting 1 when something asked for was not there."""
        if failed:
            self.exit_code = 1
        return self

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
