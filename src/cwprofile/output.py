"""The one place that decides how a Report is shown, and writes it."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cwprofile.errors import CwprofileError, OutputError
from cwprofile.formats import Format

if TYPE_CHECKING:
    from cwprofile.views import Block, Table


class Report:
    """What a command shows: a document for programs, blocks for people.

    Either may be given as a function of no arguments, so that a run builds only the form
    it prints (compare's matrix over 400 profiles is not drawn for --json).
    """

    __slots__ = ("_blocks", "_document")

    def __init__(
        self,
        document: dict[str, Any] | Callable[[], dict[str, Any]],
        blocks: tuple[Block, ...] | Callable[[], tuple[Block, ...]] = (),
    ) -> None:
        self._document = document
        self._blocks = blocks

    @property
    def document(self) -> dict[str, Any]:
        if callable(self._document):
            self._document = self._document()
        return self._document

    @property
    def blocks(self) -> tuple[Block, ...]:
        if callable(self._blocks):
            self._blocks = self._blocks()
        return self._blocks

    def single_table(self) -> Table | None:
        from cwprofile.views import Table

        tables = [block for block in self.blocks if isinstance(block, Table)]
        return tables[0] if len(tables) == 1 else None


EXPORT_KINDS = (".svg", ".html", ".htm")


class UnsupportedFormat(CwprofileError):
    exit_code = 2


def default_format() -> Format:
    return Format.table if _stdout_is_terminal() else Format.text


def _stdout_is_terminal() -> bool:
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def render(report: Report, fmt: Format) -> str:
    if fmt is Format.json:
        from cwprofile.formats import json

        # Indented for a person at a terminal, compact (and C-encoded, so fast) for a program.
        return json.render(report.document, pretty=_stdout_is_terminal())
    if fmt is Format.yaml:
        from cwprofile.formats import yaml

        return yaml.render(report.document)
    if fmt is Format.csv:
        from cwprofile.formats import csv

        try:
            return csv.render(report)
        except csv.NotTabular as error:
            raise UnsupportedFormat(f"--format csv: {error}") from None
    if fmt is Format.markdown:
        from cwprofile.formats import markdown

        return markdown.render(report)
    if fmt is Format.table:
        from rich.console import Console

        from cwprofile.formats import table

        return table.render(report, Console(highlight=False, soft_wrap=False))
    from cwprofile.formats import text

    return text.render(report)


def emit(
    report: Report, fmt: Format | None, export: Path | None = None, force: bool = False
) -> None:
    """Print the report on stdout (and save it as SVG/HTML when asked)."""
    if export is not None:
        save_export(report, export, force)
    write_stdout(render(report, fmt or default_format()))


def save_export(report: Report, path: Path, force: bool) -> None:
    from cwprofile.formats import table

    kind = path.suffix.lower()
    if kind not in EXPORT_KINDS:
        raise UnsupportedFormat(f"--export: {path.name!r} must end in .svg or .html")
    write_file(path, table.export(report, "svg" if kind == ".svg" else "html"), force)


def write_stdout(text: str) -> None:
    """Write to stdout; a reader that went away (`| head`) ends the run quietly, exit 0."""
    stream = sys.stdout
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = stream.encoding or "ascii"
            stream.write(text.encode(encoding, errors="backslashreplace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        _silence(stream)
        raise SystemExit(0) from None
    except OSError as error:
        _silence(stream)
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def _silence(stream: object) -> None:
    """Point a broken stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        pass


def write_file(path: Path, text: str, force: bool) -> None:
    """Write a whole file or nothing: a temporary file renamed into place, never overwriting
    what is there unless `force`."""
    import tempfile

    if os.path.lexists(path):
        if not force:
            raise OutputError(f"{str(path)!r} already exists; use --force to replace it")
        if not path.is_file() or path.is_symlink():
            # --force replaces a file, never a device, a folder or what a link points at.
            raise OutputError(f"{str(path)!r} is not a regular file; not replacing it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write in {str(folder)!r}: {error.strerror}") from None
    placed = False
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644 & ~_umask())
        if force:
            os.replace(temporary, path)
        else:
            # link() fails if the name appeared meanwhile: never overwrite.
            os.link(temporary, path)
        placed = True
    except FileExistsError:
        raise OutputError(f"{str(path)!r} already exists; use --force to replace it") from None
    except OSError as error:
        raise OutputError(f"cannot write {str(path)!r}: {error.strerror}") from None
    finally:
        # Also on Ctrl-C: what is left is either the whole new file or nothing of ours.
        if not placed or not force:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
