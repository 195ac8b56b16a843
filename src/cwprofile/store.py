"""The compiled library as a SQLite database: what a run reads instead of the profile files.

One schema serves two files. The cache (`cache.py` keeps it fresh) holds the public tables,
each row with a CRC-32 of its values (`crc`: a damaged page is a rebuild, never a wrong
answer), a trigram index of the evidence for `search`, and the bookkeeping (`cwprofile_*`:
version, code, the files it was built from, their warnings). `cwprofile database FILE`
writes only the public tables, for sqlite3, datasette, sqlite-utils or pandas:

- `indicators`: the catalog, one row an indicator (id, position, code, title, pillar, ...).
- `profiles`: one row an edition: country, iso2, iso3, last_updated, origin, the statuses
  (a letter an indicator, catalog order), the tallies, the background and provenance.
- `findings`: one row a (profile, indicator): status (1 yes, 0 no, NULL unknown), evidence.
- `contacts`: one row a profile: where to report a computer incident (model.CONTACT_FIELDS).

A query reads only the rows it needs: a profile's findings are keyed
`indicator position << 32 | profile id`, so one indicator's column is one range of the table
and one profile's findings 21 lookups, with no index to store.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from cwprofile.catalog import INDICATORS, POSITION, STATUS_LETTERS
from cwprofile.compiled import CorruptCache, Entry
from cwprofile.model import CONTACT_FIELDS

if TYPE_CHECKING:
    from cwprofile.catalog import Indicator
    from cwprofile.errors import Problem
    from cwprofile.model import Contact, Profile

# The version of the tables below; `database` files say it in `PRAGMA user_version`.
DATABASE_VERSION = 1
# 'cwpf': marks a file as cwprofile's (PRAGMA application_id, at byte 68 of the header).
APPLICATION_ID = 0x63777066
SHIFT = 32  # a finding's key: indicator position << SHIFT | profile id
CONTACT_COLUMNS = tuple(field.name for field in CONTACT_FIELDS)


def _table(name: str, columns: Iterable[str], checks: tuple[str, ...]) -> str:
    listed = [*columns, *(f"{check} INTEGER NOT NULL" for check in checks)]
    return f"CREATE TABLE {name} ({', '.join(listed)})"


def public_tables(checked: bool) -> list[str]:
    """The tables people may read, in the cache with a `crc` column each (`checked`)."""
    return [
        "CREATE TABLE indicators (id TEXT PRIMARY KEY, position INTEGER NOT NULL UNIQUE, "
        "code TEXT NOT NULL, title TEXT NOT NULL, pillar TEXT NOT NULL, "
        "pillar_title TEXT NOT NULL, section TEXT NOT NULL)",
        _table(
            "profiles",
            (
                "id INTEGER PRIMARY KEY",
                "position INTEGER",  # by country name, a country's newest edition first
                "country TEXT NOT NULL",
                "iso2 TEXT NOT NULL",
                "iso3 TEXT NOT NULL",
                "last_updated TEXT",
                "origin TEXT NOT NULL",
                "statuses TEXT NOT NULL",
                "yes INTEGER NOT NULL",
                "no INTEGER NOT NULL",
                "unknown INTEGER NOT NULL",
                "name_key TEXT NOT NULL",  # the name casefolded: `show laos` finds Laos
                "background TEXT NOT NULL",  # JSON: population and internet users
                "provenance TEXT NOT NULL",  # JSON: last_updated, disclaimer, more_information
            ),
            ("crc", "details_crc") if checked else (),
        ),
        _table(
            "findings",
            (
                "id INTEGER PRIMARY KEY",
                "profile INTEGER NOT NULL REFERENCES profiles(id)",
                "indicator TEXT NOT NULL REFERENCES indicators(id)",
                "status INTEGER",
                "evidence TEXT NOT NULL",
            ),
            ("crc",) if checked else (),
        ),
        _table(
            "contacts",
            (
                "profile INTEGER PRIMARY KEY REFERENCES profiles(id)",
                *(f"{name} TEXT" for name in CONTACT_COLUMNS),
            ),
            ("crc",) if checked else (),
        ),
        "CREATE INDEX profiles_by_iso2 ON profiles (iso2)",
        "CREATE INDEX profiles_by_iso3 ON profiles (iso3, position)",
        "CREATE INDEX profiles_by_name ON profiles (name_key)",
        "CREATE INDEX profiles_by_position ON profiles (position)",
        # For people's queries by indicator; the cache reads a column by its keys' range.
        *([] if checked else ["CREATE INDEX findings_by_indicator ON findings (indicator)"]),
    ]


# The cache's own: what it was built from and what the build said.
BOOKKEEPING = [
    "CREATE TABLE cwprofile_store (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE cwprofile_files (position INTEGER PRIMARY KEY, path TEXT NOT NULL, "
    "size INTEGER NOT NULL, digest TEXT NOT NULL)",
    "CREATE TABLE cwprofile_warnings (position INTEGER PRIMARY KEY, message TEXT NOT NULL)",
    "CREATE TABLE cwprofile_problems (position INTEGER PRIMARY KEY, path TEXT NOT NULL, "
    "line INTEGER, field TEXT NOT NULL, message TEXT NOT NULL)",
    # Contentless (the text is `findings.evidence`), without positions or sizes: each
    # profile's trigrams of its evidence as search folds it (matching.index_fold), to find
    # the profiles a match may stand in; each is then checked whole.
    "CREATE VIRTUAL TABLE evidence_trigrams USING fts5(text, content='', detail='none', "
    "columnsize=0, tokenize='trigram case_sensitive 1')",
]


def crc(*values: Any) -> int:
    """The check of a row: the CRC-32 of its values as Python writes them (`repr`: a type
    and a value each, at C speed; SQLite gives back the very types it was given)."""
    return zlib.crc32(repr(values).encode())


def create(connection: sqlite3.Connection, *, bookkeeping: bool) -> None:
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {DATABASE_VERSION}")
    for statement in public_tables(checked=bookkeeping) + (BOOKKEEPING if bookkeeping else []):
        connection.execute(statement)
    rows = [
        (i.id, POSITION[i.id], i.code, i.title, i.pillar.id, i.pillar.title, i.section.id)
        for i in INDICATORS
    ]
    connection.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


class Writer:
    """Writes profiles into a new database as they are read: the memory of one profile, not
    of the library. Of two files with the same country and edition, `add` keeps one."""

    def __init__(self, connection: sqlite3.Connection, *, checked: bool) -> None:
        self.connection = connection
        self.checked = checked
        self._next = 0  # the last id given
        self._keys: dict[tuple[str, str | None], int] = {}
        self._order: dict[int, tuple[str, str]] = {}

    def held(self, profile: Profile) -> int | None:
        """The id of the profile already written for this country and edition."""
        return self._keys.get(_edition_key(profile))

    def add(self, profile: Profile, replacing: int | None = None) -> int:
        """Write one profile (in place of the one `replacing`, an id `held` gave); its id."""
        from cwprofile.model import background_document, provenance_document

        if replacing is not None:
            self._drop(replacing)
        self._next += 1
        number = self._next
        self._keys[_edition_key(profile)] = number
        edition = _edition(profile)
        self._order[number] = (profile.country.name.casefold(), edition or "")
        tally = profile.tally
        entry = (
            number,
            profile.country.name,
            profile.country.iso2,
            profile.country.iso3,
            edition,
            profile.origin,
            profile.statuses,
        )
        details = (
            number,
            tally.yes,
            tally.no,
            tally.unknown,
            profile.country.name.casefold(),
            json.dumps(background_document(profile), ensure_ascii=False),
            json.dumps(provenance_document(profile.provenance), ensure_ascii=False),
        )
        checks = (crc(*entry), crc(*details)) if self.checked else ()
        self._insert("profiles", (*entry[:1], None, *entry[1:], *details[1:]), checks)
        for finding in profile.findings:
            key = POSITION[finding.indicator.id] << SHIFT | number
            status = None if finding.status is None else int(finding.status)
            self._checked_insert(
                "findings", (key, number, finding.indicator.id, status, finding.evidence)
            )
        self._checked_insert("contacts", (number, *profile.contact))
        if self.checked:
            self._index(number, [finding.evidence for finding in profile.findings])
        return number

    @property
    def written(self) -> int:
        """How many profiles the database holds (a replaced one counts once)."""
        return len(self._order)

    def _checked_insert(self, table: str, row: tuple[Any, ...]) -> None:
        self._insert(table, row, (crc(*row),) if self.checked else ())

    def _insert(self, table: str, row: tuple[Any, ...], checks: tuple[int, ...]) -> None:
        marks = ", ".join("?" * (len(row) + len(checks)))
        self.connection.execute(f"INSERT INTO {table} VALUES ({marks})", (*row, *checks))

    def _index(self, number: int, evidence: list[str], command: str = "") -> None:
        """Add a profile's evidence to the trigram index (or, `command` "delete", take it
        out: a contentless index is told the very text it was given)."""
        from cwprofile.matching import index_fold

        text = index_fold("\n".join(evidence))
        if command:
            self.connection.execute(
                "INSERT INTO evidence_trigrams (evidence_trigrams, rowid, text) VALUES (?, ?, ?)",
                (command, number, text),
            )
        else:
            self.connection.execute(
                "INSERT INTO evidence_trigrams (rowid, text) VALUES (?, ?)", (number, text)
            )

    def _drop(self, number: int) -> None:
        if self.checked:
            keys = ", ".join(str(p << SHIFT | number) for p in range(len(INDICATORS)))
            rows = self.connection.execute(
                f"SELECT evidence FROM findings WHERE id IN ({keys}) ORDER BY id"
            )
            self._index(number, [row[0] for row in rows], "delete")
        for table in ("findings", "contacts"):
            self.connection.execute(f"DELETE FROM {table} WHERE profile = ?", (number,))
        self.connection.execute("DELETE FROM profiles WHERE id = ?", (number,))
        del self._order[number]

    def finish(self) -> None:
        """Place the profiles in the order every listing shows: by name, a country's newest
        edition first (undated last), and index the evidence for search."""
        by_date = sorted(self._order, key=lambda n: self._order[n][1], reverse=True)
        ordered = sorted(by_date, key=lambda n: self._order[n][0])
        self.connection.executemany(
            "UPDATE profiles SET position = ? WHERE id = ?",
            [(place, number) for place, number in enumerate(ordered)],
        )
        if self.checked:
            self.connection.execute(
                "INSERT INTO evidence_trigrams (evidence_trigrams) VALUES ('optimize')"
            )

    def facts(self) -> dict[str, str]:
        """What the reader checks the tables against: how many profiles, and the check of
        the trigram index (which has no row of its own to hold one)."""
        countries = self.connection.execute("SELECT count(DISTINCT iso3) FROM profiles")
        return {
            "profiles": str(len(self._order)),
            "countries": str(countries.fetchone()[0]),
            "trigrams_crc": str(trigrams_check(self.connection)),
        }


def _edition(profile: Profile) -> str | None:
    last = profile.provenance.last_updated
    return last.isoformat() if last else None


def _edition_key(profile: Profile) -> tuple[str, str | None]:
    return (profile.country.iso3, _edition(profile))


def write_bookkeeping(
    connection: sqlite3.Connection,
    facts: dict[str, str],
    files: Iterable[tuple[str, int, str | None]],
    warnings: Iterable[str],
    problems: Iterable[Problem],
) -> None:
    connection.executemany("INSERT INTO cwprofile_store VALUES (?, ?)", facts.items())
    connection.executemany(
        "INSERT INTO cwprofile_files VALUES (?, ?, ?, ?)",
        [(n, *row) for n, row in enumerate(files)],
    )
    connection.executemany(
        "INSERT INTO cwprofile_warnings VALUES (?, ?)", list(enumerate(warnings))
    )
    connection.executemany(
        "INSERT INTO cwprofile_problems VALUES (?, ?, ?, ?, ?)",
        [(n, p.file, p.line, p.field, p.message) for n, p in enumerate(problems)],
    )


def trigrams_check(connection: sqlite3.Connection) -> int:
    """The CRC-32 of the trigram index's pages as FTS5 keeps them: a damaged index could
    drop a match without a word, so search checks the whole of it first."""
    check = 0
    for table in ("evidence_trigrams_data", "evidence_trigrams_idx"):
        for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            for value in row:
                raw = value if isinstance(value, bytes) else str(value).encode()
                check = zlib.crc32(raw, check)
    return check


class Store:
    """Reads a database written by `Writer`; every row read is checked against its `crc`,
    and anything amiss raises CorruptCache (the library then reads the files again)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def _rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise CorruptCache(str(error)) from error

    def fact(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM cwprofile_store WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def files(self) -> list[tuple[str, int, str]]:
        return [
            tuple(row)
            for row in self._rows(
                "SELECT path, size, digest FROM cwprofile_files ORDER BY position"
            )
        ]  # type: ignore[misc]

    def warnings(self) -> tuple[str, ...]:
        return tuple(
            r[0] for r in self._rows("SELECT message FROM cwprofile_warnings ORDER BY position")
        )

    def problems(self) -> list[Problem]:
        from cwprofile.errors import Problem

        rows = self._rows(
            "SELECT path, line, field, message FROM cwprofile_problems ORDER BY position"
        )
        return [Problem(*row) for row in rows]

    _ENTRY = "SELECT id, country, iso2, iso3, last_updated, origin, statuses, crc FROM profiles"

    def _entries(self, where: str, parameters: tuple[Any, ...] = ()) -> list[Entry]:
        return [Entry(*row) for row in self._checked_rows(f"{self._ENTRY} {where}", parameters)]

    def count(self) -> int:
        return int(self.fact("profiles") or -1)

    def entries(self) -> list[Entry]:
        entries = self._entries("ORDER BY position")
        if len(entries) != self.count():
            raise CorruptCache("profiles")
        return entries

    def newest(self) -> list[Entry]:
        """Each country's first edition in the listing (its newest)."""
        found = self._entries(
            "WHERE position IN (SELECT min(position) FROM profiles GROUP BY iso3) ORDER BY position"
        )
        if len(found) != int(self.fact("countries") or -1):
            raise CorruptCache("profiles")
        return found

    def by_code(self, code: str) -> list[Entry]:
        return self._entries("WHERE iso2 = ?1 OR iso3 = ?1 ORDER BY position", (code,))

    def by_name_key(self, key: str) -> list[Entry]:
        return self._entries("WHERE name_key = ? ORDER BY position", (key,))

    def names(self) -> list[tuple[str, str]]:
        """Each country's names as its editions write them: (iso3, name)."""
        return [tuple(row) for row in self._rows("SELECT DISTINCT iso3, country FROM profiles")]  # type: ignore[misc]

    def of_country(self, iso3: str) -> list[Entry]:
        return self._entries("WHERE iso3 = ? ORDER BY position", (iso3,))

    def profile(self, entry: Entry) -> Profile:
        """One profile whole: its row, its 21 findings, its contact."""
        from cwprofile.catalog import BY_ID
        from cwprofile.model import Country, Finding, Profile, figure_from, provenance_from

        number = entry.number
        rows = self._checked_rows(
            "SELECT id, yes, no, unknown, name_key, background, provenance, details_crc "
            "FROM profiles WHERE id = ?",
            (number,),
        )
        if len(rows) != 1:
            raise CorruptCache(f"profile {number}")
        *_, background_text, provenance_text = rows[0]
        found = {
            held: (status, text)
            for _, _, held, status, text in self.findings_by_key(
                POSITION[i.id] << SHIFT | number for i in INDICATORS
            )
        }
        findings = tuple(
            Finding(BY_ID[i.id], _status(found[i.id][0]), found[i.id][1])
            for i in INDICATORS
            if i.id in found
        )
        statuses = "".join(STATUS_LETTERS[f.status] for f in findings)
        if len(findings) != len(INDICATORS) or statuses != entry.statuses:
            raise CorruptCache(f"findings of profile {number}")
        background = json.loads(background_text)
        return Profile(
            country=Country(entry.name, entry.iso2, entry.iso3),
            population=figure_from(background["population"]),
            internet_users=figure_from(background["internet_users"]),
            findings=findings,
            contact=self.contacts([number])[number],
            provenance=provenance_from(json.loads(provenance_text)),
            origin=entry.origin,
        )

    def _checked_rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows = self._rows(sql, parameters)
        for row in rows:
            _checked(row)
        return [row[:-1] for row in rows]

    def contacts(self, numbers: list[int] | None = None) -> dict[int, Contact]:
        """The contacts of the profiles given (by id), or of every one."""
        from cwprofile.model import Contact

        select = f"SELECT profile, {', '.join(CONTACT_COLUMNS)}, crc FROM contacts"
        if numbers is None:
            rows = self._checked_rows(select)
            if len(rows) != self.count():
                raise CorruptCache("contacts")
        else:
            rows = [
                row
                for chunk in _chunks(numbers)
                for row in self._checked_rows(f"{select} WHERE profile IN ({chunk})")
            ]
            if len(rows) != len(set(numbers)):
                raise CorruptCache("contacts")
        return {row[0]: Contact(*row[1:]) for row in rows}

    def entries_of(self, numbers: list[int]) -> list[Entry]:
        """The entries of a few profiles (by id; at most 500), in the order of every listing."""
        (chunk,) = _chunks(sorted(set(numbers))) if numbers else ("",)
        found = self._entries(f"WHERE id IN ({chunk}) ORDER BY position") if chunk else []
        if len(found) != len(set(numbers)):
            raise CorruptCache("profiles")
        return found

    def evidence(self, indicator: Indicator) -> dict[int, str]:
        """An indicator's evidence, by profile id: every profile's."""
        position = POSITION[indicator.id]
        low, high = position << SHIFT, (position + 1) << SHIFT
        rows = self._checked_rows(
            "SELECT id, profile, indicator, status, evidence, crc FROM findings "
            "WHERE id >= ? AND id < ?",
            (low, high),
        )
        column = {}
        for key, number, held, _, evidence in rows:
            if held != indicator.id or key != low | number:
                raise CorruptCache(f"findings of {indicator.id}")
            column[number] = evidence
        if len(column) != self.count():
            raise CorruptCache(f"findings of {indicator.id}")
        return column

    def candidates(self, trigrams: list[str]) -> set[int]:
        """The profiles (by id) whose folded evidence holds every trigram given: a superset
        of those where a text matches, each then checked whole."""
        query = " AND ".join('"' + trigram.replace('"', '""') + '"' for trigram in trigrams)
        try:
            intact = trigrams_check(self.connection) == int(self.fact("trigrams_crc") or -1)
        except sqlite3.Error as error:
            raise CorruptCache("trigrams") from error
        if not intact:
            raise CorruptCache("trigrams")
        rows = self._rows(
            "SELECT rowid FROM evidence_trigrams WHERE evidence_trigrams MATCH ?", (query,)
        )
        return {row[0] for row in rows}

    def findings_by_key(
        self, keys: Iterable[int]
    ) -> Iterator[tuple[int, int, str, int | None, str]]:
        """(key, profile id, indicator id, status, evidence) of the findings given, checked."""
        for chunk in _chunks(sorted(keys)):
            for key, number, held, status, evidence in self._checked_rows(
                "SELECT id, profile, indicator, status, evidence, crc FROM findings "
                f"WHERE id IN ({chunk})"
            ):
                if key != POSITION.get(held, -1) << SHIFT | number:
                    raise CorruptCache(f"finding {key}")
                yield key, number, held, status, evidence


def _chunks(numbers: list[int], size: int = 500) -> Iterator[str]:
    """Integers as SQL lists of at most `size` (they are ints: written in, not bound)."""
    for start in range(0, len(numbers), size):
        yield ", ".join(str(int(n)) for n in numbers[start : start + size])


def _checked(row: tuple[Any, ...]) -> None:
    if crc(*row[:-1]) != row[-1]:
        raise CorruptCache("a row's check")


def _status(value: Any) -> bool | None:
    return None if value is None else bool(value)
