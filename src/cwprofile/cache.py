"""The compiled cache: one SQLite database (`store.py`) per set of profile folders, in the
user's cache folder.

A warm run opens the database read-only, checks that it was written by this code
(`cwprofile_store`: the database version, a checksum of the code, the libraries it depends
on) and that every profile file is as it was (their stats, one digest of all of them; the
SHA-256 of each file's parsed bytes when a stat changed), then reads the rows it needs.

The cache is an optimisation only: it is written to a temporary file and renamed into place
(so concurrent and interrupted runs never leave a half-written one), and a cache that is
missing, stale, damaged (any `sqlite3.Error`, a row whose check fails) or unwritable is
silently rebuilt or skipped: never a wrong answer.

It owns only its own names. A cache file is `cwprofile-<code>-<folders>.sqlite` and a
temporary one `.cwprofile-<code>-<folders>.sqlite.<random>.tmp` (eight hexadecimal digits
each), and either is a SQLite file marked as cwprofile's (`store.APPLICATION_ID`; a
temporary one may be empty); `cache clear` and the sweep of temporary files left by killed
runs remove nothing else, whatever else the folder holds. The files of earlier versions
(`cwprofile-*.cache`, `profiles-*.cache`) are recognised by their first bytes and cleared.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from cwprofile import __version__
from cwprofile.folders import Source, profile_files

if TYPE_CHECKING:
    import sqlite3

    from cwprofile.store import Store

# The modules and data whose content decides what the cache holds and how it is read: a
# change to any of them (an edit in a checkout, a new release) makes every cache stale.
BUILDERS = (
    "addresses.py", "cache.py", "catalog.py", "compiled.py", "contact_kinds.py", "countries.py",
    "country_names.tsv", "errors.py", "files.py", "folders.py", "library.py", "matching.py",
    "model.py", "profile_file.py", "profile_schema.py", "reader.py", "store.py", "textsafe.py",
)  # fmt: skip
# The libraries whose data the cache holds a result of (an E.164 number is phonenumbers').
DEPENDENCIES = ("phonenumbers",)
CACHE_VARIABLE = "CWPROFILE_CACHE_DIR"
RACY_NS = 2_000_000_000  # files changed this close to the build are re-hashed, not trusted
SQLITE_MAGIC = b"SQLite format 3\x00"
CACHE_NAME = re.compile(r"cwprofile-[0-9a-f]{8}-[0-9a-f]{8}\.sqlite")
TEMPORARY_NAME = re.compile(r"\.cwprofile-[0-9a-f]{8}-[0-9a-f]{8}\.sqlite\.[a-z0-9_]{8}\.tmp")
# What earlier versions wrote: 0.2's container, and 0.1.0's `profiles-<folders>.cache`.
OLD_NAMES = (
    (re.compile(r"cwprofile-[0-9a-f]{8}-[0-9a-f]{8}\.cache"), b"cwprofile cache\n"),
    (re.compile(r"\.cwprofile-[0-9a-f]{8}-[0-9a-f]{8}\.cache\.[a-z0-9_]{8}\.tmp"), b"cwprofile cache\n"),
    (re.compile(r"profiles-[0-9a-f]{8}\.cache"), b'{"code":"0.1.0:'),
)  # fmt: skip
STALE_TEMPORARY_SECONDS = 3600  # a temporary file of ours this old was left by a killed run


def cache_dir() -> Path | None:
    """The cache folder, or None when there is nowhere sensible to keep one."""
    configured = os.environ.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # The XDG rule, as platformdirs applies it on these systems, without the 2.6 ms
        # that importing platformdirs adds to every run (measured in benchmarks/README.md).
        # An empty or relative XDG_CACHE_HOME is ignored, as the XDG spec says; so is an empty
        # or relative HOME (no cache rather than one at the filesystem's root).
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        if xdg and os.path.isabs(xdg):
            return Path(xdg) / "cwprofile"
        home = os.environ.get("HOME", "")
        if home and os.path.isabs(home) and home != "/":
            return Path(home) / ".cache" / "cwprofile"
        return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cwprofile", appauthor=False))


@functools.cache
def code_checksum() -> str:
    """A checksum of the code that builds and reads the cache: the CRC-32 of each module's
    size and modification time (stat only: reading the sources cost a warm run memory). An
    edit, a checkout or a new release changes it; an edit that put the size and the mtime
    back as they were would not."""
    here = Path(__file__).parent
    stamps = []
    for name in BUILDERS:
        status = os.stat(here / name)
        stamps.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    return f"{__version__}:{zlib.crc32(' '.join(stamps).encode()):08x}"


def dependencies() -> list[str | None]:
    """Where the installed DEPENDENCIES say their versions: their `.dist-info` folders (a
    new version is a new folder). Found by listing the import path, only when a cache is
    built; a warm run only checks that they are still there (one stat each)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            project = name.partition("-")[0].lower()
            if name.endswith(".dist-info") and project in DEPENDENCIES and project not in found:
                found[project] = os.path.join(os.path.abspath(entry or "."), name)
    return [found.get(project) for project in DEPENDENCIES]  # None: not found, not checked


def cache_file(found: list[Source]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = "\n".join(f"{source.rank}:{source.path.resolve()}" for source in found)
    code = code_checksum().rpartition(":")[2]
    return folder / f"cwprofile-{code}-{zlib.crc32(key.encode()):08x}.sqlite"


Stat = tuple[int, int, int, int]  # size, mtime, ctime (ns), inode


def _walk(found: list[Source]) -> Iterator[tuple[str, Stat]]:
    """Each profile file, in the order `profile_files` gives, with what stat says of it now.
    Plain strings and os.stat: this runs on every warm start, over every file."""
    for source in found:
        for path in profile_files(source):
            try:
                status = os.stat(path)
            except OSError:
                continue
            yield path, (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def stamp(files: Iterable[tuple[str, Stat]]) -> str:
    """All the files' stats as one short digest: one value to hold and compare."""
    digest = _Stamp()
    for path, stat in files:
        digest.add(path, *stat)
    return digest.value()


def stamp_now(found: list[Source]) -> tuple[str, int]:
    """The stamp of the files as they are now, and the newest of their times; streamed, so a
    warm run holds no list of them."""
    newest = 0

    def watched() -> Iterator[tuple[str, Stat]]:
        nonlocal newest
        for path, stat in _walk(found):
            newest = max(newest, stat[1], stat[2])
            yield path, stat

    return stamp(watched()), newest


class _Stamp:
    """CRC-32 and Adler-32 of the files' stats, written a line a file, and their count."""

    def __init__(self) -> None:
        self.crc, self.adler, self.count, self.length = 0, 1, 0, 0
        self.pending: list[str] = []

    def add(self, path: str, size: int, mtime: int, ctime: int, inode: int) -> None:
        self.pending.append(f"{path}\0{size}\0{mtime}\0{ctime}\0{inode}\n")
        self.count += 1
        if len(self.pending) >= 512:
            self._flush()

    def _flush(self) -> None:
        raw = "".join(self.pending).encode("utf-8", "surrogateescape")
        self.crc, self.adler = zlib.crc32(raw, self.crc), zlib.adler32(raw, self.adler)
        self.length += len(raw)
        self.pending.clear()

    def value(self) -> str:
        self._flush()
        return f"{self.count}:{self.crc:08x}:{self.adler:08x}:{self.length}"


def _content_digest(path: str) -> str | None:
    """What the reader's fingerprint says of a file's content now (reader.read_raw)."""
    from cwprofile.errors import InvalidProfile
    from cwprofile.reader import read_raw

    try:
        return read_raw(path, path)[1].digest
    except InvalidProfile as error:
        return error.fingerprint.digest if error.fingerprint is not None else None


def facts() -> dict[str, str]:
    """What a cache must say of itself to be read: the code and libraries that wrote it."""
    import json

    from cwprofile.store import DATABASE_VERSION

    return {
        "database_version": str(DATABASE_VERSION),
        "code": code_checksum(),
        "dependencies": json.dumps(dependencies()),
    }


def _regular(path: Path) -> bool:
    """A regular file (not a link, FIFO, device or folder): the only kind opened as a cache."""
    try:
        return S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def open_database(path: Path | str, *, read_only: bool) -> sqlite3.Connection:
    import sqlite3

    if read_only:
        # immutable: no locks, no journal or WAL file looked at (a stray one changes nothing);
        # the file is only ever replaced whole, never written in place.
        uri = f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True)
    return sqlite3.connect(path, isolation_level=None)


def load(found: list[Source]) -> Store | None:
    """The cached library when every profile file is as it was, else None."""
    import json
    import sqlite3

    from cwprofile.compiled import CorruptCache
    from cwprofile.store import APPLICATION_ID, DATABASE_VERSION, Store

    path = cache_file(found)
    if path is None or not _regular(path):
        return None
    try:
        connection = open_database(path, read_only=True)
    except sqlite3.Error:
        return None
    try:
        header = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if header != APPLICATION_ID or version != DATABASE_VERSION:
            raise CorruptCache("not a cache of this version")
        store = Store(connection)
        if store.fact("code") != code_checksum():
            raise CorruptCache("code")
        places = json.loads(store.fact("dependencies") or "null")
        if not all(place is None or os.path.exists(place) for place in places):
            raise CorruptCache("dependencies")
        fresh = _freshness(store, found)
        if fresh is None:
            raise CorruptCache("stale")
        if fresh:
            _settle(connection, path, fresh)
        return store
    except (sqlite3.Error, CorruptCache, ValueError, TypeError, KeyError):
        connection.close()
        return None


def _freshness(store: Store, found: list[Source]) -> list[tuple[str, Stat]] | None:
    """None when a file changed. Otherwise an empty list when the files' stats are as they
    were at the build, or their stats now when their content had to be compared instead."""
    now_stamp, newest = stamp_now(found)
    built = int(store.fact("built_ns") or 0)
    # A file changed within the clock's resolution of the build may have changed after it was
    # read without its stat showing it: then, as when a stat differs, contents are compared.
    if newest < built - RACY_NS and now_stamp == store.fact("stamp"):
        return []
    now = list(_walk(found))
    files = store.files()
    if len(now) != len(files):
        return None
    for (path, stat), (was_path, was_size, digest) in zip(now, files, strict=True):
        if path != was_path or stat[0] != was_size or _content_digest(path) != digest:
            return None
    return now


def _settle(connection: sqlite3.Connection, path: Path, current: list[tuple[str, Stat]]) -> None:
    """Record the files' stats (taken before their content was compared) once they are old
    enough to be trusted, so that later runs stop reading them (a file just written is racy
    for two seconds): in a copy renamed into place, as readers may have the file open."""
    now = time.time_ns()
    if any(max(stat[1], stat[2]) >= now - RACY_NS for _, stat in current):
        return

    def fill(target: sqlite3.Connection) -> None:
        target.execute("PRAGMA journal_mode = DELETE")  # backup() refuses journal_mode OFF
        connection.backup(target)
        target.execute(
            "UPDATE cwprofile_store SET value = ? WHERE key = 'stamp'", (stamp(current),)
        )
        target.execute("UPDATE cwprofile_store SET value = ? WHERE key = 'built_ns'", (str(now),))

    write_atomically(path, fill)


def save(
    found: list[Source], fill: Callable[[sqlite3.Connection], bool]
) -> tuple[sqlite3.Connection | None, str | None]:
    """Build the cache of these sources (`fill` writes the database; False: not to be kept):
    the connection to it, or None when there is no cache folder or it cannot be written; and
    a notice for the user, once, when the cache starts in a folder that holds other files."""
    target = cache_file(found)
    if target is None:
        return None, None
    ours, others = _listing(target.parent)
    connection = write_atomically(target, fill, keep=True)
    if connection is None or ours or not target.exists():
        return connection, None
    return connection, shared_folder_notice(target.parent, others)


def write_atomically(
    target: Path, fill: Callable[[sqlite3.Connection], bool | None], *, keep: bool = False
) -> sqlite3.Connection | None:
    """Make a database whole in a temporary file beside `target` (`fill` writes it) and
    rename it into place, unless `fill` says False (then the file is removed at once); the
    open connection to it (`keep`), or None when it could not be written."""
    import sqlite3
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        os.close(descriptor)
    except OSError:
        return None
    placed = False
    connection = None
    try:
        connection = open_database(temporary, read_only=False)
        connection.execute("PRAGMA journal_mode = OFF")  # the rename is the transaction
        connection.execute("PRAGMA synchronous = OFF")
        if fill(connection) is False:
            os.unlink(temporary)  # read on from the open file, never cached
        else:
            os.replace(temporary, target)
        placed = True
        if not keep:
            connection.close()
            connection = None
    except (OSError, sqlite3.Error):
        pass  # no cache this time
    finally:  # also on Ctrl-C: no temporary file is left behind
        if not placed:
            if connection is not None:
                connection.close()
                connection = None
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return connection


def _is_ours(folder: Path, name: str) -> bool:
    """Whether a name in the cache folder is the cache's own, without doubt: its name, and
    the mark it writes (a temporary file killed before its first write is empty)."""
    temporary = TEMPORARY_NAME.fullmatch(name) is not None
    old = [mark for pattern, mark in OLD_NAMES if pattern.fullmatch(name)]
    if not (temporary or old or CACHE_NAME.fullmatch(name)):
        return False
    try:
        descriptor = os.open(folder / name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not S_ISREG(os.fstat(descriptor).st_mode):  # a folder, FIFO or device
            return False
        head = os.read(descriptor, 72)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    if old:
        return head.startswith(old[0]) or (head == b"" and name.endswith(".tmp"))
    from cwprofile.store import APPLICATION_ID

    sqlite = head.startswith(SQLITE_MAGIC) and head[68:72] == APPLICATION_ID.to_bytes(4, "big")
    return sqlite or (temporary and head == b"")


def _listing(folder: Path) -> tuple[list[str], list[str]]:
    """The names in the cache folder: the cache's own, and the others (sorted)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return [], []
    ours = [name for name in names if _is_ours(folder, name)]
    return ours, sorted(set(names).difference(ours))


def shared_folder_notice(folder: Path, others: list[str]) -> str | None:
    """What to tell a user whose cache folder holds other files, or None."""
    if not others:
        return None
    files = f"{len(others)} other file{'s' * (len(others) != 1)}"
    return (
        f"Note: the cache folder {str(folder)!r} holds {files}; cwprofile only ever writes and "
        f"removes its own (cwprofile-*.sqlite), but a folder of its own is safer: set "
        f"{CACHE_VARIABLE} to an empty folder"
    )


def _sweep(folder: Path) -> None:
    """Remove temporary files of ours that killed runs (kill -9) left in the cache folder."""
    now = time.time()
    try:
        names = [name for name in os.listdir(folder) if TEMPORARY_NAME.fullmatch(name)]
    except OSError:
        return
    for name in names:
        path = folder / name
        with contextlib.suppress(OSError):
            status = os.lstat(path)
            if now - status.st_mtime > STALE_TEMPORARY_SECONDS and _is_ours(folder, name):
                os.unlink(path)


def clear() -> tuple[list[Path], list[tuple[Path, str]], list[str]]:
    """Remove every file of the cache's own: what was removed, what could not be (and why),
    and the names of the other files the folder holds (left as they are)."""
    folder = cache_dir()
    removed: list[Path] = []
    failed: list[tuple[Path, str]] = []
    if folder is None:
        return removed, failed, []
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return removed, failed, []
    except OSError as error:
        return removed, [(folder, error.strerror or str(error))], []
    others = []
    for name in sorted(names):
        if not _is_ours(folder, name):
            others.append(name)
            continue
        path = folder / name
        try:
            path.unlink()
        except OSError as error:
            failed.append((path, error.strerror or str(error)))
            continue
        removed.append(path)
    return removed, failed, others
