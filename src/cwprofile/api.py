"""The Python API: the profiles as objects and plain rows, for scripts and notebooks.

    import cwprofile
    profiles = cwprofile.Profiles()             # bundled, your library, CWPROFILE_PATH
    profiles["gb"].to_dict()                    # what `show gb --json` prints
    pandas.DataFrame(profiles.rows())           # one row per profile and indicator

It reads the same profiles as the command line and answers with the same documents, made by
the same reports; nothing here prints, and nothing is written unless asked for: a
`Profiles` keeps no cache unless `cache=True`. Problems are `Problem`s (path, line, field,
message), not strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cwprofile.errors import CwprofileError, Problem

if TYPE_CHECKING:
    from cwprofile import model
    from cwprofile.compiled import Entry
    from cwprofile.importer.status import Decision
    from cwprofile.library import Library

__all__ = ["Imported", "Problem", "Profile", "Profiles", "import_text", "read_profile", "validate"]


class Profile:
    """One edition of a country's profile: its country, figures, indicators, contact and
    provenance (`.model`, the typed record), as the command line shows it."""

    def __init__(self, profile: model.Profile) -> None:
        self.model = profile

    @property
    def name(self) -> str:
        return self.model.country.name

    @property
    def iso2(self) -> str:
        return self.model.country.iso2

    @property
    def iso3(self) -> str:
        return self.model.country.iso3

    @property
    def last_updated(self) -> str | None:
        updated = self.model.provenance.last_updated
        return updated.isoformat() if updated else None

    @property
    def statuses(self) -> dict[str, bool | None]:
        """Each indicator's status by id, in catalog order."""
        return {f.indicator.id: f.status for f in self.model.findings}

    def to_dict(self) -> dict[str, Any]:
        """The profile as `cwprofile show COUNTRY --json` prints it (warnings aside)."""
        from cwprofile.reports.show import show

        document = show(self.model).document
        del document["warnings"]
        return document

    def _repr_html_(self) -> str:
        from cwprofile.formats import Format, Target, render
        from cwprofile.reports.show import show

        return render(show(self.model), Format.html, Target(terminal=False))

    def __repr__(self) -> str:
        return f"<Profile {self.name} ({self.iso2}) {self.last_updated or 'undated'}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and other.model == self.model

    def __hash__(self) -> int:
        return hash((self.iso3, self.last_updated, self.model.origin))


class Profiles:
    """The profiles the command line sees (bundled, your library, CWPROFILE_PATH), plus the
    folders or files in `dirs`: every edition, by country name and newest first. Indexed by
    anything a command takes: `profiles["kh"]`, `profiles["United Kingdom"]`,
    `profiles["gb@2014-08-12"]` (a `KeyError` when none is loaded)."""

    def __init__(
        self, dirs: Iterable[str | Path] = (), *, cache: bool = False, strict: bool = False
    ) -> None:
        from cwprofile.library import load

        self._library: Library = load([Path(d) for d in dirs], use_cache=cache, strict=strict)

    @property
    def warnings(self) -> list[Problem]:
        """What could not be used, each a Problem: the file, line, field and message."""
        return list(self._library.problems)

    def __len__(self) -> int:
        return len(self._library.entries)

    def __iter__(self) -> Iterator[Profile]:
        for entry in self._library.entries:
            yield Profile(self._library.profile(entry))

    def __getitem__(self, country: str) -> Profile:
        try:
            entry = self._library.find(country)
        except CwprofileError as error:
            raise KeyError(str(error)) from None
        return Profile(self._library.profile(entry))

    def __contains__(self, country: object) -> bool:
        if not isinstance(country, str):
            return False
        try:
            self._library.find(country)
        except CwprofileError:
            return False
        return True

    def get(self, country: str, default: Profile | None = None) -> Profile | None:
        try:
            return self[country]
        except KeyError:
            return default

    def rows(self) -> list[dict[str, Any]]:
        """One dict per profile and indicator, for a DataFrame: iso2, iso3, country,
        last_updated, indicator (its id), code, title, pillar, status, evidence."""
        from cwprofile.catalog import INDICATORS

        columns: dict[int, list[dict[str, Any]]] = {e.number: [] for e in self._library.entries}
        for indicator in INDICATORS:
            for entry, status, evidence in self._library.findings(indicator):
                columns[entry.number].append(
                    {
                        "iso2": entry.iso2,
                        "iso3": entry.iso3,
                        "country": entry.name,
                        "last_updated": entry.last_updated,
                        "indicator": indicator.id,
                        "code": indicator.code,
                        "title": indicator.title,
                        "pillar": indicator.pillar.id,
                        "status": status,
                        "evidence": evidence,
                    }
                )
        return [row for entry in self._library.entries for row in columns[entry.number]]

    def summary(self) -> list[dict[str, Any]]:
        """Each profile's tallies, as `cwprofile countries --json` gives them."""
        from cwprofile.reports.countries import countries

        return countries(self._library).document["profiles"]

    def contacts(self) -> list[dict[str, Any]]:
        """Where to report a computer incident, as `cwprofile report-contact --json`."""
        from cwprofile.reports.contacts import contacts

        entries = self._library.entries
        return contacts(self._library.contacts(entries)).document["contacts"]

    def search(
        self,
        text: str,
        *,
        countries: Sequence[str] | None = None,
        indicators: Sequence[str] | None = None,
        statuses: Sequence[bool | None] | None = None,
        exact: bool = False,
    ) -> list[dict[str, Any]]:
        """The evidence that mentions a text, as `cwprofile search --json` finds it: as
        people type it (or `exact`), in the countries, indicators (or pillars, sections) and
        statuses given."""
        from cwprofile.catalog import find_part
        from cwprofile.reports.search import search

        entries: list[Entry] | None = None
        if countries is not None:
            entries = [self._library.find(name) for name in countries]
        chosen = None
        if indicators is not None:
            parts = [find_part(name) for name in indicators]
            chosen = [i for part in parts if not isinstance(part, str) for i in part]
        report = search(self._library, text, False, entries, chosen, statuses, exact)
        return report.document["matches"]

    def _repr_html_(self) -> str:
        from cwprofile.formats import Format, Target, render
        from cwprofile.reports.countries import countries

        return render(countries(self._library), Format.html, Target(terminal=False))

    def __repr__(self) -> str:
        return f"<Profiles: {len(self)} loaded>"


def read_profile(path: str | Path) -> Profile:
    """One profile file, read and checked as every command reads it; raises
    `cwprofile.errors.InvalidProfile` (its `.problems`) when it cannot be used."""
    from cwprofile.profile_file import read_profile_file

    return Profile(read_profile_file(str(path))[0])


def validate(path: str | Path) -> list[Problem]:
    """The problems of a profile file, as `cwprofile validate` finds them: none for a file
    that loads."""
    from cwprofile.profile_file import problems_of

    return problems_of(Path(path))


class Imported:
    """What `import_text` read: the profile, how each status was read (`decisions`, by
    indicator id: the status, the sentence and the rule), and the gaps."""

    def __init__(self, profile: Profile, decisions: dict[str, Decision], gaps: list[str]):
        self.profile = profile
        self.decisions = decisions
        self.gaps = gaps

    def __repr__(self) -> str:
        return f"<Imported {self.profile!r}, {len(self.gaps)} gaps>"


def import_text(text: str, *, country: str | None = None, lenient: bool = False) -> Imported:
    """A profile from the text of ITU's PDF, as `cwprofile import` reads it; `country` (an
    ISO code) where the title cannot say it. Raises `cwprofile.errors.ImportFailed`."""
    from cwprofile.countries import by_code
    from cwprofile.importer.profile import import_text as read
    from cwprofile.profile_schema import from_document
    from cwprofile.reader import Document

    stated = None
    if country is not None:
        stated = by_code(country)
        if stated is None:
            raise CwprofileError(f"{country!r} is not an ISO 3166-1 code")
    result = read(text, "text", lenient, stated)
    profile = from_document(Document("text", result.document))
    return Imported(Profile(profile), result.decisions, list(result.gaps))
