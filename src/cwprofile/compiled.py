"""What the compiled library says of a profile without opening it (an `Entry`), and the
error a damaged compiled library raises."""

from __future__ import annotations

from typing import NamedTuple

from cwprofile.catalog import LETTER_STATUS, POSITION, Indicator, Tally, tally_of


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


class CorruptCache(Exception):
    """A compiled library that cannot be read back as written; the library reads the files
    again."""
