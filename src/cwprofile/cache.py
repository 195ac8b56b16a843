"""The compiled cache: one file per set of profile folders, in the user's cache folder.

Layout: a first line of JSON (the manifest: a checksum of the code that wrote it, the profile files'
stats as one string, the index entries, warnings and where each blob lies), then the blobs,
each a JSON document: each profile, each indicator's evidence column, the contacts, and the
files with their size and SHA-256 (read only when a stat changed).
A warm run reads the manifest, stats the files and reads one blob.

The cache is an optimisation only: it is written to a temporary file and renamed into place
(so concurrent and interrupted runs never leave a half-written one), and a cache that is
missing, stale, corrupt or unwritable is silently rebuilt or skipped.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
import zlib
from pathlib import Path
from stat import S_ISREG
from typing import Any, BinaryIO

from cwprofile import __version__
from cwprofile.compiled import Compiled, CorruptCache, entry_from_json
from cwprofile.sources import Source, profile_files

# The modules whose code decides what the cache holds and how it is read: a change to any of
# them (an edit in a checkout, a new release) makes every cache stale, with no number to bump.
BUILDERS = (
    "cache.py", "catalog.py", "compiled.py", "countries.py", "country_names.tsv", "errors.py",
    "model.py", "reader.py", "schema.py", "sources.py", "store.py",
)  # fmt: skip
CACHE_VARIABLE = "CWPROFILE_CACHE_DIR"
RACY_NS = 2_000_000_000  # files changed this close to the build are re-hashed, not trusted


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


def cache_file(found: list[Source]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = "\n".join(f"{source.rank}:{source.path.resolve()}" for source in found)
    return folder / f"profiles-{zlib.crc32(key.encode()):08x}.cache"


def _fingerprints(found: list[Source]) -> list[tuple[str, list[int]]]:
    """Each profile file, in the order `profile_files` gives, with what stat says of it.

    The ctime and inode catch an edit whose mtime was set back (as `touch -r` or a careful
    editor may do; ctime cannot be set). Plain strings and os.stat: this runs on every warm
    start, over every file.
    """
    result = []
    for source in found:
        for path in profile_files(source):
            try:
                result.append((path, _stat_list(os.stat(path))))
            except OSError:
                continue
    return result


def _stat_list(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _sha256(path: str) -> str | None:
    import hashlib

    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not S_ISREG(os.fstat(descriptor).st_mode):
            return ""  # a FIFO or device: never read (loading skips it with a warning)
        try:
            return hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return None


def _stamp(fingerprints: list[tuple[str, list[int]]]) -> str:
    """All the files' stats as one string: one object to hold and compare, not thousands."""
    return "\n".join(
        f"{path}\0{size}\0{mtime}\0{ctime}\0{inode}"
        for path, (size, mtime, ctime, inode) in fingerprints
    )


MAX_CACHE_BYTES = (
    512 * 1024 * 1024
)  # far above 200 profiles a megabyte: anything larger is not ours
STALE_TEMPORARY_SECONDS = 3600  # a `.tmp-*` this old was left by a killed run


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
    """The first line: the manifest's JSON, a tab, and the CRC-32 of that JSON. Any change to
    the line (a status letter, an offset) fails the check, and the cache is rebuilt."""
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
        if path != was_path or stat[0] != was_size or _sha256(path) != digest:
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


def store(found: list[Source], compiled: Compiled, blobs: dict[str, Any]) -> None:
    """Write the cache for these sources; any failure just means no cache."""
    built_ns = time.time_ns()
    fingerprints = _fingerprints(found)
    files = []
    for path, stat in fingerprints:
        digest = _sha256(path)
        if digest is None:
            return
        files.append([path, stat[0], digest])
    chunks: list[bytes] = []
    names: list[str] = []
    spans: list[int] = []
    offset = 0
    for name, value in {**blobs, "files": files}.items():
        raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        raw = raw.encode()
        names.append(name)
        spans += (offset, len(raw), zlib.crc32(raw))
        chunks.append(raw)
        offset += len(raw)
    manifest = {
        "code": code_checksum(),
        "built_ns": built_ns,
        "stamp": _stamp(fingerprints),
        "entries": [entry.to_json() for entry in compiled.entries],
        "warnings": list(compiled.warnings),
        "names": names,
        "spans": spans,
        "data_length": offset,
    }
    target = cache_file(found)
    if target is not None:
        _write_atomically(target, [_header(manifest), *chunks])


def _header(manifest: dict[str, Any]) -> bytes:
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    return text + b"\t%08x\n" % zlib.crc32(text)


def _sweep(folder: Path) -> None:
    """Remove temporary files that killed runs (kill -9) left in the cache folder."""
    now = time.time()
    try:
        names = [name for name in os.listdir(folder) if name.startswith(TEMPORARY_PREFIX)]
    except OSError:
        return
    for name in names:
        path = folder / name
        with contextlib.suppress(OSError):
            status = os.lstat(path)
            if S_ISREG(status.st_mode) and now - status.st_mtime > STALE_TEMPORARY_SECONDS:
                os.unlink(path)


TEMPORARY_PREFIX = ".tmp-"


def _write_atomically(target: Path, chunks: list[bytes]) -> None:
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep(target.parent)
        descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=target.parent)
    except OSError:
        return
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


def clear() -> tuple[list[Path], list[tuple[Path, str]]]:
    """Remove every cache file: what was removed, and what could not be, with why."""
    folder = cache_dir()
    removed: list[Path] = []
    failed: list[tuple[Path, str]] = []
    if folder is None:
        return removed, failed
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return removed, failed
    except OSError as error:
        return removed, [(folder, error.strerror or str(error))]
    for name in names:
        if name.startswith(("profiles-", TEMPORARY_PREFIX)):
            path = folder / name
            try:
                path.unlink()
            except OSError as error:
                failed.append((path, error.strerror or str(error)))
                continue
            removed.append(path)
    return removed, failed
