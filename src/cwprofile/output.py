"""The one place that decides where a Report goes (stdout, a pager, an export file) and
writes it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cwprofile.errors import OutputError
from cwprofile.formats import Format

if TYPE_CHECKING:
    from cwprofile.report import Report


class Request:
    """How the user asked for the output, checked before any data is read."""

    __slots__ = ("export", "export_format", "force", "format", "pager", "width")

    def __init__(
        self,
        format: Format | None,  # None: table on a terminal, text otherwise
        export: Path | None = None,
        export_format: Format | None = None,
        width: int | None = None,  # of an export
        force: bool = False,
        pager: bool = True,  # page long output on a terminal (`--no-pager` says no)
    ) -> None:
        self.format = format
        self.export = export
        self.export_format = export_format
        self.width = width
        self.force = force
        self.pager = pager


def stdout_is_terminal() -> bool:
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# Formats for programs: written as UTF-8 whatever the locale says stdout's encoding is.
PROGRAM_FORMATS = frozenset(
    {Format.json, Format.yaml, Format.csv, Format.markdown, Format.html, Format.svg}
)


def emit(report: Report, request: Request) -> None:
    """Print the report on stdout (and save it as SVG/HTML when asked)."""
    from cwprofile.formats import Target, render

    if request.export is not None and request.export_format is not None:
        target = Target(terminal=False, width=request.width)
        from cwprofile.files import write_file

        write_file(request.export, render(report, request.export_format, target), request.force)
    terminal = stdout_is_terminal()
    fmt = request.format or (Format.table if terminal else Format.text)
    text = render(report, fmt, Target(terminal=terminal))
    if fmt is Format.table and request.pager:
        from cwprofile.pager import page

        if page(text):
            return
    write_stdout(text, utf8=fmt in PROGRAM_FORMATS)


def write_stdout(text: str, utf8: bool = False) -> None:
    """Write to stdout; a reader that went away (`| head`) ends the run quietly, exit 0.

    With `utf8` (output for programs) the bytes are UTF-8 whatever the locale; otherwise
    (for people) what the terminal's encoding cannot show becomes a visible escape.
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`>&-`)
        raise OutputError("cannot write the output: standard output is closed")
    try:
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if utf8 and encoding != "utf8" and hasattr(stream, "buffer"):
            stream.flush()
            stream.buffer.write(text.encode("utf-8"))
            stream.buffer.flush()
            return
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = stream.encoding or "ascii"
            stream.write(text.encode(encoding, errors="backslashreplace").decode(encoding))
        stream.flush()
    except BrokenPipeError:
        silence(stream)
        raise SystemExit(0) from None
    except (OSError, ValueError) as error:
        silence(stream)
        why = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise OutputError(f"cannot write the output: {why}") from None


def silence(stream: object) -> None:
    """Point a broken stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        pass
