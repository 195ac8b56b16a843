"""The compiled cache: one file per set of profile folders, in the user's cache folder.

Layout: a first line that says what the file is (MAGIC), then a line of JSON (the manifest:
a checksum of the code that wrote it, the libraries it depends on, the profile files' stats
as one string, the index entries, warnings and where each blob lies) with its CRC-32, then
the blobs, each a JSON document: each profile, each indicator's evidence column, the
contacts, and the files with their size and the SHA-256 of the bytes that were parsed (read
only when a stat changed). A warm run reads the manifest, stats the files and reads one blob.

The cache is an optimisation only: it is written to a temporary file and renamed into place
(so concurrent and interrupted runs never leave a half-written one), and a cache that is
missing, stale, corrupt or unwritable is silently rebuilt or skipped.

It owns only its own names. A cache file is `cwprofile-<code>-<folders>.cache` and a
temporary one `.cwprofile-<code>-<folders>.cache.<random>.tmp` (eight hexadecimal digits
each), and either starts with MAGIC (a temporary one may be empty); `cache clear` and the
sweep of temporary files left by killed runs remove nothing else, whatever else the folder
holds.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sys
import time
import zlib
from pathlib import Path
from stat import S_ISREG
from typing import Any, BinaryIO

from cwprofile import __version__
from cwprofile.compiled import Compilation, Compiled, CorruptCache, entry_from_json
from cwprofile.folders import Source, profile_files

# The modules and data whose content decides what the cache holds and how it is read: a
# change to any of them (an edit in a checkout, a new release) makes every cache stale.
BUILDERS = (
    "addresses.py", "cache.py", "catalog.py", "compiled.py", "countries.py", "country_names.tsv",
    "errors.py", "folders.py", "library.py", "model.py", "profile_schema.py", "reader.py",
)  # fmt: skip
# The libraries whose data the cache holds a result of (an E.164 number is phonenumbers').
DEPENDENCIES = ("phonenumbers",)
CACHE_VARIABLE = "CWPROFILE_CACHE_DIR"
RACY_NS = 2_000_000_000  # files changed this close to the build are re-hashed, not trusted
MAGIC = b"cwprofile cache\n"
CACHE_NAME = re.compile(r"cwprofile-[0-9a-f]{8}-[0-9a-f]{8}\.cache")
TEMPORARY_NAME = re.compile(r"\.cwprofile-[0-9a-f]{8}-[0-9a-f]{8}\.cache\.[a-z0-9_]{8}\.tmp")
# What cwprofile 0.1.0 wrote before: `profiles-<folders>.cache`, its manifest first.
LEGACY_NAME = re.compile(r"profiles-[0-9a-f]{8}\.cache")
LEGACY_MAGIC = b'{"code":"0.1.0:'

MAX_CACHE_BYTES = 512 * 1024 * 1024  # far above 200 profiles a megabyte: larger is not ours
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
    return folder / f"cwprofile-{code}-{zlib.crc32(key.encode()):08x}.cache"


def _fingerprints(found: list[Source]) -> list[tuple[str, list[int]]]:
    """Each profile file, in the order `profile_files` gives, with what stat says of it now.
    Plain strings and os.stat: this runs on every warm start, over every file."""
    result = []
    for source in found:
        for path in profile_files(source):
            try:
                status = os.stat(path)
            except OSError:
                continue
            result.append(
                (path, [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino])
            )
    return result


def _content_digest(path: str) -> str | None:
    """What the reader's fingerprint says of a file's content now (reader.read_raw)."""
    from cwprofile.errors import InvalidProfile
    from cwprofile.reader import read_raw

    try:
        return read_raw(path, path)[1].digest
    except InvalidProfile as error:
        return error.fingerprint.digest if error.fingerprint is not None else None


def _stamp(fingerprints: list[tuple[str, list[int]]]) -> str:
    """All the files' stats as one string: one object to hold and compare, not thousands."""
    return "\n".join(
        f"{path}\0{size}\0{mtime}\0{ctime}\0{inode}"
        for path, (size, mtime, ctime, inode) in fingerprints
    )


def _open(path: Path) -> BinaryIO | None:
    """The cache file, only when it is a regular file of ours (not a link, FIFO or device)
    and of a size a cache can have."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    status = os.fstat(descriptor)
    if not S_ISREG(status.st_mode) or status.st_size > MAX_CACHE_BYTES:
        os.close(descriptor)
        return None
    return os.fdopen(descriptor, "rb")


def _read_manifest(handle: BinaryIO) -> dict[str, Any]:
    """The manifest line after MAGIC: its JSON, a tab, and the CRC-32 of that JSON. Any
    change to the line (a status letter, an offset) fails the check, and the cache is
    rebuilt."""
    if handle.read(len(MAGIC)) != MAGIC:
        raise CorruptCache("magic")
    line = handle.readline(MAX_CACHE_BYTES)
    text, _, checksum = line.rstrip(b"\n").rpartition(b"\t")
    if not line.endswith(b"\n") or checksum != b"%08x" % zlib.crc32(text):
        raise CorruptCache("manifest")
    return json.loads(text)


def load(found: list[Source]) -> Compiled | None:
    """The cached library when every profile file is as it was, else None."""
    path = cache_file(found)
    handle = _open(path) if path is not None else None
    if handle is None:
        return None
    try:
        manifest = _read_manifest(handle)
        data_start = handle.tell()
        fresh = None
        if (
            manifest["code"] == code_checksum()
            and all(place is None or os.path.exists(place) for place in manifest["dependencies"])
            and os.fstat(handle.fileno()).st_size == data_start + manifest["data_length"]
        ):
            reader = _BlobReader(handle, data_start, manifest["names"], manifest["spans"])
            fresh = _freshness(manifest, found, reader)
        if fresh is None:
            handle.close()
            return None
        if fresh:
            _settle(handle, data_start, manifest, fresh)
        entries = tuple(entry_from_json(n, row) for n, row in enumerate(manifest["entries"]))
        warnings = tuple(manifest["warnings"])
    except (ValueError, KeyError, TypeError, IndexError, OSError, CorruptCache):
        handle.close()
        return None
    return Compiled(entries, warnings, reader)


def _freshness(
    manifest: dict[str, Any], found: list[Source], blob: _BlobReader
) -> list[tuple[str, list[int]]] | None:
    """None when a file changed. Otherwise an empty list when the files' stats are as they
    were at the build, or their stats now when their content had to be compared instead."""
    now = _fingerprints(found)
    newest = max((max(stat[1], stat[2]) for _, stat in now), default=0)
    # A file changed within the clock's resolution of the build may have changed after it was
    # read without its stat showing it: then, as when a stat differs, contents are compared.
    if newest < manifest["built_ns"] - RACY_NS and _stamp(now) == manifest["stamp"]:
        return []
    files = blob("files")
    if len(now) != len(files):
        return None
    for (path, stat), (was_path, was_size, digest) in zip(now, files, strict=True):
        if path != was_path or stat[0] != was_size or _content_digest(path) != digest:
            return None
    return now


def _settle(
    handle: BinaryIO,
    data_start: int,
    manifest: dict[str, Any],
    current: list[tuple[str, list[int]]],
) -> None:
    """Record the files' stats (taken before their content was compared) once they are old
    enough to be trusted, so that later runs stop reading them (a file just written is racy
    for two seconds)."""
    now = time.time_ns()
    if any(max(stat[1], stat[2]) >= now - RACY_NS for _, stat in current):
        return
    manifest["stamp"] = _stamp(current)
    manifest["built_ns"] = now
    handle.seek(data_start)
    data = handle.read()
    _write_atomically(Path(handle.name), [_header(manifest), data])


class _BlobReader:
    """Reads one named blob from the open cache file; the handle survives a concurrent rename.

    The manifest lists the names and, flat, each one's offset, length and CRC-32: no dict of
    hundreds of entries is built on a run that reads one blob."""

    def __init__(
        self, handle: BinaryIO, data_start: int, names: list[str], spans: list[int]
    ) -> None:
        self._handle = handle
        self._start = data_start
        self._names = names
        self._spans = spans

    def __call__(self, name: str) -> Any:
        try:
            at = 3 * self._names.index(name)
            offset, length, checksum = self._spans[at : at + 3]
            self._handle.seek(self._start + offset)
            raw = self._handle.read(length)
            if len(raw) != length or zlib.crc32(raw) != checksum:
                raise CorruptCache(name)
            return json.loads(raw)
        except (ValueError, TypeError, OSError) as error:
            raise CorruptCache(name) from error


def save(found: list[Source], compilation: Compilation) -> str | None:
    """Write the cache for these sources from what the compilation read; any failure just
    means no cache. A file that could not be read, or changed while it was, is not cached
    (the next run reads it again). Returns a notice for the user, once, when the cache
    starts in a folder that holds other files."""
    fingerprints = compilation.fingerprints
    if any(f.digest is None or not f.stable for f in fingerprints):
        return None
    chunks: list[bytes] = []
    names: list[str] = []
    spans: list[int] = []
    offset = 0
    files = [[f.path, f.stat[0], f.digest] for f in fingerprints]
    for name, value in {**compilation.blobs, "files": files}.items():
        raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        chunk = raw.encode()
        names.append(name)
        spans += (offset, len(chunk), zlib.crc32(chunk))
        chunks.append(chunk)
        offset += len(chunk)
    compiled = compilation.compiled
    manifest = {
        "code": code_checksum(),
        "dependencies": dependencies(),
        "built_ns": time.time_ns(),
        "stamp": _stamp([(f.path, list(f.stat)) for f in fingerprints]),
        "entries": [entry.to_json() for entry in compiled.entries],
        "warnings": list(compiled.warnings),
        "names": names,
        "spans": spans,
        "data_length": offset,
    }
    target = cache_file(found)
    if target is None:
        return None
    ours, others = _listing(target.parent)
    if _write_atomically(target, [_header(manifest), *chunks]) and not ours:
        return shared_folder_notice(target.parent, others)
    return None


def _header(manifest: dict[str, Any]) -> bytes:
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    raw = text.encode()
    return MAGIC + raw + b"\t%08x\n" % zlib.crc32(raw)


def _is_ours(folder: Path, name: str) -> bool:
    """Whether a name in the cache folder is the cache's own, without doubt: its name, and
    the mark it writes first (a temporary file killed before its first write is empty)."""
    temporary = TEMPORARY_NAME.fullmatch(name) is not None
    legacy = LEGACY_NAME.fullmatch(name) is not None
    if not (temporary or legacy or CACHE_NAME.fullmatch(name)):
        return False
    try:
        descriptor = os.open(folder / name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not S_ISREG(os.fstat(descriptor).st_mode):  # a folder, FIFO or device
            return False
        head = os.read(descriptor, max(len(MAGIC), len(LEGACY_MAGIC)))
    except OSError:
        return False
    finally:
        os.close(descriptor)
    if legacy:
        return head.startswith(LEGACY_MAGIC)
    return head.startswith(MAGIC) or (temporary and head == b"")


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
        f"removes its own (cwprofile-*.cache), but a folder of its own is safer: set "
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


def _write_atomically(target: Path, chunks: list[bytes]) -> bool:
    """Write the file whole or not at all; whether it was written."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError:
        return False
    placed = False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temporary, target)
        placed = True
    except OSError:
        pass  # no cache this time
    finally:  # also on Ctrl-C: no temporary file is left behind
        if not placed:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return placed


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
