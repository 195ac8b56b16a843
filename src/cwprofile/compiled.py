"""The compiled form of a set of profiles, as the cache keeps it and a Library reads it: index
entries, warnings, and named blobs read on demand."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from cwprofile.catalog import LETTER_STATUS, POSITION, Indicator, Tally, tally_of

if TYPE_CHECKING:
    from cwprofile.reader import Fingerprint


class Entry(NamedTuple):
    """What the index knows of one loaded profile without opening it."""

    number: int
    name: str
    iso2: str
    iso3: str
    last_updated: str | None
    origin: str
    statuses: str  # a letter for each catalog indicator (catalog.STATUS_LETTERS), in order

    def status(self, indicator: Indicator) -> bool | None:
        return LETTER_STATUS[self.statuses[POSITION[indicator.id]]]

    @property
    def tally(self) -> Tally:
        return tally_of(self.statuses)

    def to_json(self) -> list[Any]:
        return [*self[1:]]


def entry_from_json(number: int, row: list[Any]) -> Entry:
    return Entry(number, *row)


class CorruptCache(Exception):
    """A cache blob that cannot be read back; the library recompiles from the files."""


class Compiled(NamedTuple):
    """A library in the form the cache stores: index rows, warnings and named blobs."""

    entries: tuple[Entry, ...]
    warnings: tuple[str, ...]
    blob: Callable[[str], Any]


class Compilation(NamedTuple):
    """A library compiled from the files: its compiled form, the blobs to store, and what
    was read of each file (for the cache to know them again)."""

    compiled: Compiled
    blobs: dict[str, Any]
    fingerprints: list[Fingerprint]
    problems: tuple[Any, ...] = ()  # each warning as errors.Problem (file, line, field, ...)
