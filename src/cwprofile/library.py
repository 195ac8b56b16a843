"""Finding, loading and looking up profiles: the bundled ones and the user's folders.

A `Library` is the set of profiles one run sees. It is compiled once from the profile files
(read, validated, de-duplicated) into an index of entries and a few blobs (each profile, each
indicator's evidence column, the contacts); the compiled form is cached on disk (`cache.py`)
so that a warm run reads only the index and the one blob a command needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cwprofile.catalog import INDICATORS, Indicator, normalize, suggest
from cwprofile.compiled import Compilation, Compiled, CorruptCache, Entry
from cwprofile.errors import (
    CwprofileError,
    InvalidProfile,
    NotLoaded,
    Problem,
    UnknownCountry,
    UnknownEdition,
)
from cwprofile.folders import PROFILE_SUFFIXES, Source, display_path, profile_files, sources

if TYPE_CHECKING:
    from cwprofile.model import Contact, Profile
    from cwprofile.reader import Fingerprint

MAX_QUERY = 200


class StrictStop(CwprofileError):
    """A bad profile file (or folder) under --strict: the run stops at it."""

    def hint(self) -> str:
        return "--strict stops at a profile file that cannot be used; fix it or leave --strict out"


def compile_profiles(found: list[Source]) -> Compilation:
    """Read and check every profile file; one bad file becomes a warning, not a failure."""
    from cwprofile.model import to_compiled
    from cwprofile.profile_schema import from_document
    from cwprofile.reader import not_a_profile_file, read_bytes, read_raw

    loaded: list[tuple[Profile, Source]] = []
    warnings: list[str] = []
    problems: list[Problem] = []
    fingerprints: list[Fingerprint] = []
    for source in found:
        for path in profile_files(source):
            shown = display_path(path, source)
            try:
                if not path.lower().endswith(PROFILE_SUFFIXES):
                    raise not_a_profile_file(shown)  # `-p FILE` of something else: not read
                raw, fingerprint = read_raw(path, shown)
                fingerprints.append(fingerprint)
                document = read_bytes(raw, shown, json_first=path.lower().endswith(".json"))
                profile = from_document(document, shown)
            except InvalidProfile as error:
                if error.fingerprint is not None:
                    fingerprints.append(error.fingerprint)
                warnings.append(f"skipped {error}")
                problems.extend(error.problems)
                continue
            loaded.append((profile, source))
    kept = _resolve(loaded, warnings, problems)
    # By name, and a country's newest edition first (undated last): two stable sorts.
    kept.sort(key=lambda p: p.provenance.last_updated or date.min, reverse=True)
    kept.sort(key=lambda p: p.country.name.casefold())
    entries = tuple(
        Entry(
            number,
            p.country.name,
            p.country.iso2,
            p.country.iso3,
            p.provenance.last_updated.isoformat() if p.provenance.last_updated else None,
            p.origin,
            p.statuses,
        )
        for number, p in enumerate(kept)
    )
    blobs: dict[str, Any] = {f"profile:{n}": to_compiled(p) for n, p in enumerate(kept)}
    for position, indicator in enumerate(INDICATORS):
        blobs[f"evidence:{indicator.id}"] = [p.findings[position].evidence for p in kept]
    blobs["contacts"] = [list(p.contact) for p in kept]  # model.Contact's own order
    compiled = Compiled(entries, tuple(warnings), blobs.__getitem__)
    return Compilation(compiled, blobs, fingerprints, tuple(problems))


def _resolve(
    loaded: list[tuple[Profile, Source]], warnings: list[str], problems: list[Problem]
) -> list[Profile]:
    """Apply precedence: editions of a country stand side by side; of two files with the same
    country and edition the higher-ranked (or first) one wins, a user's file over the bundled
    one quietly (a correction), any other pair with a warning."""
    chosen: dict[tuple[str, str | None], tuple[Profile, Source]] = {}
    for profile, source in loaded:
        last = profile.provenance.last_updated
        key = (profile.country.iso3, last.isoformat() if last else None)
        held = chosen.get(key)
        if held is None:
            chosen[key] = (profile, source)
            continue
        winner, loser = (
            (profile, held) if source.rank > held[1].rank else (held[0], (profile, source))
        )
        if winner is profile:
            chosen[key] = (profile, source)
        if not loser[1].bundled:
            said = f"same country and edition as {winner.origin}, which is used"
            warnings.append(f"{loser[0].origin}: {said}")
            problems.append(Problem(loser[0].origin, None, "", said))
    return [profile for profile, _ in chosen.values()]


class Library:
    """The profiles one run sees, read from the cache when it is fresh."""

    def __init__(self, compiled: Compiled, recompile: Callable[[], Compiled] | None = None) -> None:
        self.entries = compiled.entries
        self.warnings = compiled.warnings
        self._read = compiled.blob
        self._recompile = recompile
        self.notices: list[str] = []  # for the user, not the data: said once on stderr
        # Each warning as a Problem (file, line, field, message); read from the files afresh
        # they are exact, from the cache each is its one line in `message`.
        self.problems: list[Problem] = [Problem("", None, "", w) for w in self.warnings]

    def _blob(self, name: str) -> Any:
        try:
            return self._read(name)
        except CorruptCache:
            if self._recompile is None:
                raise
            # The files were checked unchanged, so a fresh compile has the same entries.
            self._read = self._recompile().blob
            self._recompile = None
            return self._read(name)

    def newest(self) -> list[Entry]:
        """Each country once: its newest edition (the entries hold a country's editions
        newest first)."""
        seen: set[str] = set()
        out = []
        for entry in self.entries:
            if entry.iso3 not in seen:
                seen.add(entry.iso3)
                out.append(entry)
        return out

    def profile(self, entry: Entry) -> Profile:
        from cwprofile.model import from_compiled

        return from_compiled(self._blob(f"profile:{entry.number}"))

    def findings(self, indicator: Indicator) -> Iterator[tuple[Entry, bool | None, str]]:
        evidence = self._blob(f"evidence:{indicator.id}")
        for entry in self.entries:
            yield entry, entry.status(indicator), evidence[entry.number]

    def contacts(self, entries: Iterable[Entry]) -> Iterator[tuple[Entry, Contact]]:
        from cwprofile.model import Contact

        rows = self._blob("contacts")
        for entry in entries:
            yield entry, Contact(*rows[entry.number])

    def find(self, query: str) -> Entry:
        """A country's newest edition, by ISO 3166 code or any of its names (whatever each
        edition calls it); `COUNTRY@DATE` (`KH@2014-08-26`, `kh@undated`) one edition."""
        query = query[:MAX_QUERY]
        named, at, date = query.rpartition("@") if "@" in query else (query, "", "")
        editions = self.editions(named)
        if not editions:
            from cwprofile.countries import by_code, by_name

            asked = named.strip()[:MAX_QUERY]
            known = (by_code(asked) or by_name(asked, user_assigned=True)) if asked else None
            if known is not None and named.isprintable():
                raise NotLoaded(query, known.name, known.iso2)
            names = [entry.name for entry in self.entries]
            close = suggest(named, [normalize(name) for name in names])
            by_key = {normalize(name): name for name in names}
            raise UnknownCountry(query, tuple(by_key[c] for c in close))
        if not at:
            return editions[0]
        for entry in editions:
            if (entry.last_updated or "undated") == date.strip().lower():
                return entry
        raise UnknownEdition(named, date, tuple(e.last_updated or "undated" for e in editions))

    def editions(self, query: str) -> list[Entry]:
        """Every edition of the one country a query names, newest first; none when it names
        no loaded country (or more than one)."""
        # A control, bidi or other invisible character never matches: `\u202ekh` is not `kh`.
        if not query.isprintable() or not query.strip():
            return []
        code = query.strip().upper()
        found = [e for e in self.entries if code in (e.iso2, e.iso3)] if len(code) < 4 else []
        if not found:  # a name as a profile writes it: no table needed (the commonest query)
            name = query.strip().casefold()
            named = {e.iso3 for e in self.entries if e.name.casefold() == name}
            found = [e for e in self.entries if e.iso3 in named] if len(named) == 1 else []
        if not found:
            from cwprofile.countries import by_name, name_keys

            # Any of its names, as the table of names matches them (`Lao P.D.R.`, `lao pdr`).
            keys = name_keys(query)
            countries = {e.iso3 for e in self.entries if keys & name_keys(e.name)}
            if not countries:
                country = by_name(query, user_assigned=True)
                countries = {country.iso3} if country is not None else set()
            if len(countries) != 1:
                return []
            found = [e for e in self.entries if e.iso3 in countries]
        return sorted(found, key=lambda e: e.last_updated or "", reverse=True)


class NotInLibrary(CwprofileError):
    """`remove` of a profile that is not a file of the user's library."""


def library_file(entry: Entry) -> Path:
    """The file of the user's library that holds an edition, for `remove`; refused for a
    bundled profile and for one read from another folder (-p, CWPROFILE_PATH)."""
    from cwprofile.folders import library_dir

    label = f"{entry.name} ({entry.iso2}{', ' + entry.last_updated if entry.last_updated else ''})"
    if entry.origin.startswith("bundled:"):
        raise NotInLibrary(
            f"the profile of {label} is bundled with cwprofile, not in your library; "
            "it cannot be removed (a file of yours of the same edition replaces it)"
        )
    folder = library_dir()
    path = Path(entry.origin)
    if folder is None or path.parent.resolve() != folder.resolve():
        raise NotInLibrary(
            f"the profile of {label} is read from {entry.origin!r}, not from your library "
            f"({folder}); remove that file yourself if you mean to"
        )
    return path


def load(
    profiles_dirs: Iterable[Path] = (), *, use_cache: bool = True, strict: bool = False
) -> Library:
    """The library for this run: from the cache when it matches the files, else compiled anew."""
    from cwprofile import cache

    found, warnings = sources(profiles_dirs)
    notices: list[str] = []

    problems: list[Problem] = []

    def recompile() -> Compiled:
        compilation = compile_profiles(found)
        problems[:] = compilation.problems
        if use_cache:
            notice = cache.save(found, compilation)
            notices.extend([notice] if notice else [])
        return compilation.compiled

    compiled = cache.load(found) if use_cache else None
    from_cache = compiled is not None
    if compiled is None:
        compiled = recompile()
    if warnings:
        compiled = Compiled(compiled.entries, (*warnings, *compiled.warnings), compiled.blob)
    if strict and compiled.warnings:
        raise StrictStop(compiled.warnings[0].removeprefix("skipped "))
    library = Library(compiled, recompile if from_cache else None)
    library.notices = notices
    if not from_cache:
        library.problems = [*(Problem("", None, "", w) for w in warnings), *problems]
    return library
