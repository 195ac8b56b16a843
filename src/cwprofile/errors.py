"""The errors a user can cause. The CLI maps each to a one-line message and an exit code."""

from __future__ import annotations

from typing import NamedTuple


class CwprofileError(Exception):
    """Something the user can fix; shown as one line, exit code 1."""

    exit_code = 1

    def hint(self) -> str | None:
        return None


def _did_you_mean(names: tuple[str, ...]) -> str | None:
    if not names:
        return None
    return "did you mean " + " or ".join(repr(name) for name in names) + "?"


class UnknownCountry(CwprofileError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(f"no profile for country {query!r}")
        self.suggestions = suggestions

    def hint(self) -> str:
        return _did_you_mean(self.suggestions) or "see `cwprofile countries`"


class NotLoaded(CwprofileError):
    """A country the table of names knows, but no loaded profile holds."""

    def __init__(self, query: str, name: str, iso2: str) -> None:
        super().__init__(f"no profile of {name} ({iso2}) is loaded (asked as {query!r})")

    def hint(self) -> str:
        return "add one with `cwprofile import PROFILE.pdf --add` (or give its folder with -p)"


class UnknownEdition(CwprofileError):
    """`COUNTRY@DATE` where the country is loaded but not that edition."""

    def __init__(self, country: str, date: str, editions: tuple[str, ...]) -> None:
        super().__init__(f"no edition of {country!r} dated {date!r}")
        self.country = country
        self.editions = editions

    def hint(self) -> str:
        return "its editions: " + ", ".join(f"{self.country}@{date}" for date in self.editions)


class UnknownIndicator(CwprofileError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(f"no indicator {query!r}")
        self.suggestions = suggestions

    def hint(self) -> str:
        return _did_you_mean(self.suggestions) or "see `cwprofile indicators`"


class UnknownPart(CwprofileError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(f"no section, pillar or indicator {query!r}")
        self.suggestions = suggestions

    def hint(self) -> str:
        return _did_you_mean(self.suggestions) or (
            "sections are 1 and 2, pillars 1.1 to 1.5 (legal, technical, organizational, "
            "capacity_building, cooperation); see `cwprofile indicators`"
        )


class NotAnIndicator(CwprofileError):
    """A pillar or section where one indicator was asked for."""

    def __init__(
        self, query: str, kind: str, code: str, title: str, members: tuple[str, ...]
    ) -> None:
        super().__init__(
            f"{query!r} is the {kind} {code} {title}, not one indicator; "
            f"its indicators are {', '.join(members)}"
        )
        self.code = code

    def hint(self) -> str:
        return f"name one of them, or see them all: cwprofile show COUNTRY --section {self.code}"


class AmbiguousIndicator(CwprofileError):
    def __init__(self, query: str, candidates: tuple[str, ...]) -> None:
        super().__init__(f"{query!r} matches {len(candidates)} indicators: {', '.join(candidates)}")
        self.candidates = candidates

    def hint(self) -> str:
        return "name one of them"


class Problem(NamedTuple):
    """One thing wrong with a profile file: where it is and what was expected."""

    file: str
    line: int | None
    field: str
    message: str

    @property
    def path(self) -> str:
        """The file (the API's name for it)."""
        return self.file

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class _WithProblems(CwprofileError):
    """An error that carries every problem found; its one line is the first of them."""

    def __init__(self, problems: list[Problem]) -> None:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")
        self.problems = problems


class InvalidProfile(_WithProblems):
    """A profile file that cannot be used."""

    fingerprint = None  # what was read of the file, when it was (reader.Fingerprint)

    def hint(self) -> str:
        return f"check it with `cwprofile validate {self.problems[0].file}`"


class OutputError(CwprofileError):
    """The output could not be written (exists, folder missing, disk full)."""


class ImportFailed(_WithProblems):
    """The importer met text it cannot read."""

    def __init__(
        self, problems: list[Problem], lenient: bool = False, unreadable: bool = False
    ) -> None:
        super().__init__(problems)
        self.lenient = lenient
        self.unreadable = unreadable  # no country or no sections: --lenient cannot help

    def hint(self) -> str:
        if self.unreadable:
            return "a text with no country or no sections is not a profile, even with --lenient"
        return "fix the text, or use --lenient to write what could be read with the gaps marked"
