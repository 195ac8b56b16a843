"""Reading profile files (YAML or JSON) into plain data, safely, with line numbers.

YAML is composed from PyYAML's event stream by a small loop of our own instead of
`yaml.safe_load`, because that gives us, in one pass and without recursion:
- no implicit typing beyond null: every plain scalar stays the text the user wrote, so `NO`,
  `1.10`, `01234`, `1:20` and `2014-08-26` reach the schema as written and it decides;
- no tags, so nothing can construct an object;
- duplicate keys reported with both line numbers;
- a line number for every field, for `file:line: field: message`;
- bounded depth, node count and alias expansion (no "billion laughs", no RecursionError).
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cwprofile.errors import InvalidProfile, Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_DIGITS = 18  # in a number: a population has ten, a percentage a few
MAX_DEPTH = 32
MAX_NODES = 50_000  # counting every alias as the nodes it stands for
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STR_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})
_CONTAINER_TAGS = frozenset({None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """A file's data and the line each field starts on."""

    name: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    escaped: bool = True  # its text may spell a character as an escape (`\ud800`)

    def line_of(self, path: FieldPath) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def dotted(path: FieldPath) -> str:
    return ".".join(str(part) for part in path)


class Fingerprint(NamedTuple):
    """What was read of a file, for the cache to know it again: its stat while it was read,
    and the SHA-256 of the very bytes that were parsed (not of a second reading, which could
    see a later edit)."""

    path: str
    stat: tuple[int, int, int, int]  # size, mtime, ctime (ns), inode; all 0 when unknown
    digest: str | None  # None: unreadable; "": not a regular file (never read)
    stable: bool  # its stat was the same before and after the reading


def stat_of(status: os.stat_result) -> tuple[int, int, int, int]:
    """A file's size, mtime, ctime and inode: the ctime and the inode catch an edit whose
    mtime was set back (ctime cannot be set)."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def digest_of(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def read_raw(path: str, name: str) -> tuple[bytes, Fingerprint]:
    """A profile file's bytes, at most MAX_FILE_BYTES, and its fingerprint; InvalidProfile
    (with `.fingerprint`) when it cannot be a profile file: a folder, a FIFO or a device
    (never read: it could hang or feed the reader forever), unreadable, or too large."""
    unknown = (0, 0, 0, 0)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except IsADirectoryError:
        raise _fail(
            name,
            "is a folder, not a profile file",
            fingerprint=Fingerprint(path, unknown, "", True),
        ) from None
    except OSError as error:
        why = f"cannot be read: {error.strerror or error}"
        raise _fail(name, why, fingerprint=Fingerprint(path, unknown, None, True)) from None
    with os.fdopen(descriptor, "rb") as handle:
        before = os.fstat(descriptor)
        if not stat.S_ISREG(before.st_mode):
            found = Fingerprint(path, stat_of(before), "", True)
            raise _fail(name, "is not a regular file", fingerprint=found)
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            found = Fingerprint(path, stat_of(before), None, True)
            raise _fail(
                name, f"cannot be read: {error.strerror or error}", fingerprint=found
            ) from None
        digest = digest_of(raw)
        after = stat_of(os.fstat(descriptor))  # the same as before: nobody wrote meanwhile
    found = Fingerprint(path, after, digest, after == stat_of(before))
    if len(raw) > MAX_FILE_BYTES:
        why = f"is larger than the {MAX_FILE_BYTES // 1024} KiB a profile may be"
        raise _fail(name, why, fingerprint=found)
    return raw, found


def not_a_profile_file(name: str) -> InvalidProfile:
    """A file named as no profile is (`-p /etc/passwd`): said in one line, never read, so
    that no line of it is ever shown."""
    from cwprofile.folders import PROFILE_SUFFIXES

    endings = ", ".join(PROFILE_SUFFIXES[:-1]) + " or " + PROFILE_SUFFIXES[-1]
    return _fail(name, f"is not a profile file (a profile file ends in {endings})")


def read_bytes(raw: bytes, name: str, kind: str = "yaml") -> Document:
    """A profile file's bytes as a Document, read by the reader of its kind (`READERS`):
    UTF-8 text (a BOM allowed), no NUL, not empty."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _fail(name, f"is not UTF-8 text (byte 0x{raw[error.start]:02x})", line) from None
    if "\x00" in text:
        raise _fail(
            name,
            "holds a NUL character: not a text file",
            text[: text.index("\x00")].count("\n") + 1,
        )
    if not text.strip():
        raise _fail(name, "is empty")
    document = READERS[kind](text, name)
    # UTF-8 decoded strictly holds no lone surrogate; only an escape can spell one.
    document.escaped = "\\" in text
    return document


def _read_json(text: str, name: str) -> Document:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _fail(name, f"duplicate key {key!r}")
            result[key] = value
        return result

    def line_of(token: str) -> int | None:
        """Where a token the parser refused stands (its first place: the parser says none)."""
        at = text.find(token)
        return text.count("\n", 0, at) + 1 if at >= 0 else None

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:  # before int(): Python's own cap is 4,300
            why = f"a number of {len(digits.lstrip('-'))} digits; at most {MAX_DIGITS}"
            raise _fail(name, why, line_of(digits))
        return int(digits)

    def real(digits: str) -> float:
        value = float(digits) if len(digits) <= 2 * MAX_DIGITS else math.inf
        if not math.isfinite(value):
            why = f"the number {digits[:24]!r} is too large to be one"
            raise _fail(name, why, line_of(digits))
        return value

    def not_a_number(word: str) -> None:
        raise _fail(name, f"{word} is not a JSON number (RFC 8259)", line_of(word))

    try:
        data = json.loads(
            text,
            object_pairs_hook=no_duplicates,
            parse_int=integer,
            parse_float=real,
            parse_constant=not_a_number,
        )
    except json.JSONDecodeError as error:
        raise _fail(name, f"is not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise _fail(name, f"is nested deeper than {MAX_DEPTH} levels") from None
    if _depth(data) > MAX_DEPTH:
        raise _fail(name, f"is nested deeper than {MAX_DEPTH} levels")
    return Document(name, data)


def _depth(value: Any) -> int:
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        if isinstance(item, dict):
            todo.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            todo.extend((child, depth + 1) for child in item)
    return deepest


def read_yaml(text: str, name: str) -> Document:
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lines: dict[FieldPath, int] = {}
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Open] = []
    documents = 0
    nodes = 0
    result: Any = None

    def place(value: Any, line: int, weight: int) -> None:
        nonlocal result
        if not stack:
            result = value
            lines[()] = line
            return
        top = stack[-1]
        top.weight += weight
        if isinstance(top.value, list):
            lines[(*top.path, len(top.value))] = line
            top.value.append(value)
        elif top.key is _NO_KEY:
            if not isinstance(value, str):
                raise _fail(name, "a key must be plain text", line)
            if value in top.value:
                first = lines[(*top.path, value)]
                raise _fail(name, f"duplicate key {value!r} (first on line {first})", line)
            top.key = value
            lines[(*top.path, value)] = line
        else:
            top.value[top.key] = value
            top.key = _NO_KEY

    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event).__name__
            line = event.start_mark.line + 1 if event.start_mark else 0
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise _fail(name, "holds more than one YAML document", line)
                continue
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            nodes += 1
            if kind == "ScalarEvent":
                if event.tag not in _STR_TAGS and event.tag != "tag:yaml.org,2002:null":
                    raise _fail(name, f"YAML tag {event.tag!r} is not allowed", line)
                value = _scalar(event)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                place(value, line, 1)
            elif kind == "AliasEvent":
                if event.anchor not in anchors:
                    raise _fail(name, f"alias *{event.anchor} refers to itself or to nothing", line)
                value, weight = anchors[event.anchor]
                nodes += weight
                place(value, line, weight)
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                if event.tag not in _CONTAINER_TAGS:
                    raise _fail(name, f"YAML tag {event.tag!r} is not allowed", line)
                if len(stack) >= MAX_DEPTH:
                    raise _fail(name, f"is nested deeper than {MAX_DEPTH} levels", line)
                container: dict[str, Any] | list[Any] = {} if kind == "MappingStartEvent" else []
                path = _child_path(stack, container)
                stack.append(_Open(container, path, event.anchor, line))
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                done = stack.pop()
                if done.anchor:
                    anchors[done.anchor] = (done.value, done.weight + 1)
                place(done.value, done.line, done.weight + 1)
            if nodes > MAX_NODES:
                raise _fail(name, f"expands to more than {MAX_NODES} YAML nodes (aliases?)", line)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        position = getattr(error, "position", None)  # a ReaderError: a character YAML refuses
        if line is None and isinstance(position, int):
            line = text[:position].count("\n") + 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise _fail(name, f"is not valid YAML: {problem}", line) from None
    finally:
        loader.dispose()
    if documents == 0 or result is None:
        raise _fail(name, "is empty")
    return Document(name, result, lines)


_NO_KEY = object()


@dataclass
class _Open:
    value: Any
    path: FieldPath
    anchor: str | None
    line: int
    key: Any = _NO_KEY
    weight: int = 0


def _child_path(stack: list[_Open], container: Any) -> FieldPath:
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.value, list):
        return (*top.path, len(top.value))
    if top.key is _NO_KEY:
        # A mapping or list used as a key; place() refuses it when it closes.
        return (*top.path, "?")
    return (*top.path, top.key)


def _scalar(event: Any) -> str | None:
    if event.tag == "tag:yaml.org,2002:null":
        return None
    plain = event.implicit[0] and event.style in (None, "")
    if event.tag is None and plain and event.value in NULLS:
        return None
    return event.value


def _fail(
    name: str, message: str, line: int | None = None, fingerprint: Fingerprint | None = None
) -> InvalidProfile:
    error = InvalidProfile([Problem(name, line, "", message)])
    error.fingerprint = fingerprint
    return error


# How each kind of profile file (`folders.KINDS`) is read: its text to a Document, with the
# line each field starts on, or InvalidProfile with the line where it went wrong.
READERS: dict[str, Callable[[str, str], Document]] = {"yaml": read_yaml, "json": _read_json}
