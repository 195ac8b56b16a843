"""Finding, loading and looking up profiles: the bundled ones and the user's folders.

A `Library` is the set of profiles one run sees. It is built once from the profile files
(read, validated, de-duplicated) into a SQLite database (`store.py`), kept as the cache
(`cache.py`) so that a warm run reads only the rows a command needs.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from cwprofile.catalog import POSITION, Indicator, normalize, suggest
from cwprofile.compiled import CorruptCache, Entry
from cwprofile.errors import (
    CwprofileError,
    InvalidProfile,
    NotLoaded,
    Problem,
    UnknownCountry,
    UnknownEdition,
)
from cwprofile.folders import Source, display_path, profile_files, sources
from cwprofile.store import SHIFT, write_bookkeeping

if TYPE_CHECKING:
    import sqlite3

    from cwprofile.model import Contact, Profile
    from cwprofile.reader import Fingerprint
    from cwprofile.store import Store

T = TypeVar("T")

MAX_QUERY = 200
FEW = 500  # profiles asked for by id; more are read with the whole listing


class StrictStop(CwprofileError):
    """A bad profile file (or folder) under --strict: the run stops at it."""

    def hint(self) -> str:
        return "--strict stops at a profile file that cannot be used; fix it or leave --strict out"


class Built(NamedTuple):
    """What reading the files gave besides the rows: the warnings (a line each), each as a
    Problem (file, line, field, message), and what was read of each file."""

    warnings: tuple[str, ...]
    problems: tuple[Problem, ...]
    fingerprints: list[Fingerprint]
    facts: dict[str, str]  # what the store's reader checks its tables against


def build(found: list[Source], connection: sqlite3.Connection) -> Built:
    """Read and check every profile file into a new database, each as it is read; one bad
    file becomes a warning, not a failure. Of two files with the same country and edition
    the higher-ranked (or later) one is kept, a user's file over the bundled one quietly (a
    correction), any other pair with a warning."""
    import gc

    from cwprofile.profile_file import read_profile_file
    from cwprofile.store import Writer, create

    warnings: list[str] = []
    problems: list[Problem] = []
    fingerprints: list[Fingerprint] = []
    # Nothing built here is garbage until the end: the collector would only walk it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        connection.execute("BEGIN")
        create(connection, bookkeeping=True)
        writer = Writer(connection, checked=True)
        origins: dict[int, tuple[str, Source]] = {}
        for source in found:
            for path in profile_files(source):
                shown = display_path(path, source)
                try:
                    profile, fingerprint = read_profile_file(path, shown)
                except InvalidProfile as error:
                    if error.fingerprint is not None:
                        fingerprints.append(error.fingerprint)
                    warnings.append(f"skipped {error}")
                    problems.extend(error.problems)
                    continue
                fingerprints.append(fingerprint)
                held = writer.held(profile)
                if held is not None:
                    held_origin, held_source = origins[held]
                    if source.rank > held_source.rank:
                        winner, loser, loser_source = profile.origin, held_origin, held_source
                    else:
                        winner, loser, loser_source = held_origin, profile.origin, source
                    if not loser_source.bundled:
                        said = f"same country and edition as {winner}, which is used"
                        warnings.append(f"{loser}: {said}")
                        problems.append(Problem(loser, None, "", said))
                    if winner != profile.origin:
                        continue
                    del origins[held]
                number = writer.add(profile, replacing=held)
                origins[number] = (profile.origin, source)
        writer.finish()
        connection.execute("COMMIT")
    finally:
        if collecting:
            gc.enable()
    return Built(tuple(warnings), tuple(problems), fingerprints, writer.facts())


class Library:
    """The profiles one run sees, read from the compiled store (`store.py`): the cache when
    it is fresh, else a database built from the files."""

    def __init__(
        self,
        store: Store,
        warnings: tuple[str, ...] = (),
        problems: list[Problem] | None = None,
        rebuild: Callable[[], Store] | None = None,
    ) -> None:
        self._store = store
        self.warnings = warnings
        self._rebuild = rebuild
        self.notices: list[str] = []  # for the user, not the data: said once on stderr
        # Each warning as a Problem (file, line, field, message).
        self.problems: list[Problem] = problems if problems is not None else []

    def _read(self, ask: Callable[[Store], T]) -> T:
        try:
            return ask(self._store)
        except CorruptCache:
            if self._rebuild is None:
                raise
            # The files were checked unchanged, so a fresh build has the same rows.
            self._store = self._rebuild()
            self._rebuild = None
            return ask(self._store)

    @functools.cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every loaded profile: by country name, a country's newest edition first."""
        return tuple(self._read(lambda store: store.entries()))

    @property
    def count(self) -> int:
        """How many profiles are loaded (editions, not countries)."""
        return self._read(lambda store: store.count())

    def newest(self) -> list[Entry]:
        """Each country once: its newest edition, the first of its editions in the listing
        (which holds a country's editions newest first); only those rows are read."""
        return self._read(lambda store: store.newest())

    def profile(self, entry: Entry) -> Profile:
        return self._read(lambda store: store.profile(entry))

    def findings(
        self, indicator: Indicator, entries: Iterable[Entry] | None = None
    ) -> Iterator[tuple[Entry, bool | None, str]]:
        """The indicator in these entries (every one when None): status and evidence. Only
        the rows of the entries asked for are read when they are a few."""
        chosen = list(entries) if entries is not None else self.entries

        def few(store: Store) -> dict[int, str]:
            position = POSITION[indicator.id]
            keys = [position << SHIFT | entry.number for entry in chosen]
            rows = store.findings_by_key(keys)
            evidence = {number: text for _, number, _, _, text in rows}
            if len(evidence) != len({entry.number for entry in chosen}):
                raise CorruptCache(f"findings of {indicator.id}")  # a rebuild, as any damage
            return evidence

        if len(chosen) <= FEW:
            evidence = self._read(few)
        else:
            evidence = self._read(lambda store: store.evidence(indicator))
        for entry in chosen:
            yield entry, entry.status(indicator), evidence[entry.number]

    def contacts(self, entries: Iterable[Entry]) -> Iterator[tuple[Entry, Contact]]:
        """The contacts of these entries: only their rows when they are a few."""
        chosen = list(entries)
        numbers = [entry.number for entry in chosen] if len(chosen) <= FEW else None
        rows = self._read(lambda store: store.contacts(numbers))
        for entry in chosen:
            yield entry, rows[entry.number]

    def mentions(
        self, text: str, indicators: Iterable[Indicator]
    ) -> Iterator[tuple[Entry, Indicator, bool | None, str]]:
        """The findings of these indicators whose evidence may hold `text` (a superset of
        those that match: of the profiles the trigram index names, or every one when the
        text is too short to narrow it), by indicator, in the order of the entries."""
        from cwprofile.matching import trigrams

        chosen = list(indicators)
        wanted = trigrams(text) if text else []
        if not wanted:
            for indicator in chosen:
                for entry, status, evidence in self.findings(indicator):
                    yield entry, indicator, status, evidence
            return

        def ask(store: Store) -> tuple[list[Entry] | None, dict[tuple[int, str], str]]:
            numbers = sorted(store.candidates(wanted))
            keys = [POSITION[i.id] << SHIFT | n for i in chosen for n in numbers]
            found = {(n, held): text for _, n, held, _, text in store.findings_by_key(keys)}
            return (store.entries_of(numbers) if len(numbers) <= FEW else None), found

        entries, found = self._read(ask) if chosen else ([], {})
        for indicator in chosen:
            for entry in entries if entries is not None else self.entries:
                evidence = found.get((entry.number, indicator.id))
                if evidence is not None:
                    yield entry, indicator, entry.status(indicator), evidence

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
            names = [name for _, name in self._read(lambda store: store.names())]
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
        no loaded country (or more than one). Only the rows asked for are read."""
        # A control, bidi or other invisible character never matches: `\u202ekh` is not `kh`.
        if not query.isprintable() or not query.strip():
            return []
        code = query.strip().upper()
        found = self._read(lambda store: store.by_code(code)) if len(code) < 4 else []
        if not found:  # a name as a profile writes it: no table needed (the commonest query)
            key = query.strip().casefold()
            found = self._read(lambda store: store.by_name_key(key))
            if len({e.iso3 for e in found}) > 1:
                return []
            if found:
                iso3 = found[0].iso3
                found = self._read(lambda store: store.of_country(iso3))
        if not found:
            from cwprofile.countries import by_name, name_keys

            # Any of its names, as the table of names matches them (`Lao P.D.R.`, `lao pdr`).
            keys = name_keys(query)
            names = self._read(lambda store: store.names())
            countries = {iso3 for iso3, name in names if keys & name_keys(name)}
            if not countries:
                country = by_name(query, user_assigned=True)
                countries = {country.iso3} if country is not None else set()
            if len(countries) != 1:
                return []
            (iso3,) = countries
            found = self._read(lambda store: store.of_country(iso3))
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
    """The library for this run: the cache when it matches the files, else built anew (and
    cached, with `use_cache`)."""
    from cwprofile import cache

    found, source_warnings = sources(profiles_dirs)
    notices: list[str] = []
    built: list[Built] = []

    def rebuild() -> Store:
        store, result, notice = build_store(found, use_cache)
        built[:] = [result]
        notices.extend([notice] if notice else [])
        return store

    store = cache.load(found) if use_cache else None
    if store is not None:
        try:
            warnings, problems = store.warnings(), store.problems()
        except CorruptCache:
            store = None
    from_cache = store is not None
    if store is None:
        store = rebuild()
        warnings, problems = built[0].warnings, list(built[0].problems)
    warnings = (*source_warnings, *warnings)
    if strict and warnings:
        raise StrictStop(warnings[0].removeprefix("skipped "))
    problems = [*(Problem("", None, "", w) for w in source_warnings), *problems]
    library = Library(store, warnings, problems, rebuild if from_cache else None)
    library.notices = notices
    return library


def build_store(found: list[Source], use_cache: bool) -> tuple[Store, Built, str | None]:
    """A database of the files: into the cache (a temporary file renamed into place) when
    there is one to write, else in memory. A file that could not be read, or changed while
    it was, is not cached (the next run reads it again)."""
    from cwprofile import cache
    from cwprofile.store import Store

    results: list[Built] = []

    def fill(connection: sqlite3.Connection) -> bool:
        result = build(found, connection)
        results.append(result)
        files = [(f.path, f.stat[0], f.digest) for f in result.fingerprints]
        stable = all(f.digest is not None and f.stable for f in result.fingerprints)
        now = str(time.time_ns())
        written = {**cache.facts(), **result.facts, "built_ns": now}
        written["stamp"] = cache.stamp([(f.path, f.stat) for f in result.fingerprints])
        connection.execute("BEGIN")
        write_bookkeeping(connection, written, files, result.warnings, result.problems)
        connection.execute("COMMIT")
        return stable

    connection, notice = cache.save(found, fill) if use_cache else (None, None)
    if connection is None:
        connection = cache.open_database(":memory:", read_only=False)
        results.clear()
        fill(connection)
    return Store(connection), results[-1], notice


def write_database(library: Library, target: Path, force: bool = False) -> int:
    """Write the library's profiles as a clean SQLite database (`store.public_tables`, no
    checks or bookkeeping), as every file cwprofile writes (`files.write_whole`): whole or
    not at all, never over a file unless `force`. How many profiles it holds."""
    import sqlite3

    from cwprofile.errors import OutputError
    from cwprofile.files import write_whole
    from cwprofile.store import Writer, create

    def fill(temporary: str) -> None:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # the rename is the transaction
            connection.execute("BEGIN")
            create(connection, bookkeeping=False)
            writer = Writer(connection, checked=False)
            for entry in library.entries:
                writer.add(library.profile(entry))
            writer.finish()
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            raise OutputError(f"cannot write {str(target)!r}: {error}") from None
        finally:
            connection.close()

    write_whole(target, fill, force)
    return len(library.entries)
