"""Reading one profile file into a Profile: the one way the library, `validate` and the API
read a file. A file's kind is its ending (`folders.KINDS`); a new kind is one more line there
and its reader in `reader.py`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cwprofile.errors import InvalidProfile, Problem
from cwprofile.folders import kind_of
from cwprofile.reader import Document, not_a_profile_file, read_bytes, read_raw

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cwprofile.model import Profile
    from cwprofile.reader import Fingerprint

MAX_STDIN = 64 * 1024 * 1024  # a profile is some kilobytes


def read_document(path: str, shown: str) -> tuple[Document, Fingerprint]:
    """A profile file's data and what was read of it; InvalidProfile when it cannot be one
    (its `.fingerprint` set when the file was looked at)."""
    kind = kind_of(path)
    if kind is None:
        raise not_a_profile_file(shown)  # `-p FILE` of something else: never read
    raw, fingerprint = read_raw(path, shown)
    try:
        return read_bytes(raw, shown, kind), fingerprint
    except InvalidProfile as error:
        error.fingerprint = fingerprint
        raise


def read_profile_file(path: str, shown: str | None = None) -> tuple[Profile, Fingerprint]:
    """A profile file, read and checked: the profile and what was read of the file."""
    from cwprofile.profile_schema import from_document

    shown = shown if shown is not None else path
    document, fingerprint = read_document(path, shown)
    try:
        return from_document(document, shown), fingerprint
    except InvalidProfile as error:
        error.fingerprint = fingerprint
        raise


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the profile files inside folders (sorted by name)."""
    from cwprofile.folders import is_profile_name

    files = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.is_file() and is_profile_name(child.name)
                )
            )
        else:
            files.append(path)
    return files


def problems_of(path: Path) -> list[Problem]:
    """Every problem of a profile file (`-`: standard input), each with its line where one
    can be said; none for a file that loads."""
    if str(path) == "-":
        try:
            _read_stdin()
        except InvalidProfile as error:
            return error.problems
        return []
    if not path.exists() and not path.is_symlink():
        return [Problem(str(path), None, "", "no such file")]
    try:
        read_profile_file(str(path))
    except InvalidProfile as error:
        if kind_of(path.name) == "json" and all(p.line is None for p in error.problems):
            return _with_lines(path, error.problems)
        return error.problems
    return []


def _read_stdin() -> Profile:
    """A profile file on standard input (`cwprofile import x.txt | cwprofile validate -`),
    JSON or YAML as its first character says."""
    from cwprofile.profile_schema import from_document

    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read(MAX_STDIN + 1) if stream is not None else b""
    if len(raw) > MAX_STDIN:
        raise InvalidProfile([Problem("-", None, "", f"is larger than {MAX_STDIN // 2**20} MiB")])
    kind = "json" if raw.lstrip()[:1] in (b"{", b"[") else "yaml"
    return from_document(read_bytes(raw, "-", kind))


def _with_lines(path: Path, problems: list[Problem]) -> list[Problem]:
    """JSON is read by the json module, which keeps no lines; YAML can read most JSON and does."""
    from cwprofile.profile_schema import from_document
    from cwprofile.reader import read_yaml

    try:
        from_document(read_yaml(path.read_text(encoding="utf-8-sig"), str(path)))
    except InvalidProfile as error:
        # Only when YAML found the very same problems do its line numbers apply.
        same = [(p.field, p.message) for p in error.problems] == [
            (p.field, p.message) for p in problems
        ]
        if same:
            return error.problems
    except (OSError, UnicodeDecodeError):
        pass
    return problems
