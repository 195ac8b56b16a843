"""The one place that decides where a Report goes (stdout, a pager, an export file) and
writes it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cwprofile.errors import OutputError
from cwprofile.formats import Format

if TYPE_CHECKING:
    from cwprofile.reports.report import Report


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


def emit(report: Report, request: Request) -> None:
    """Print the report on stdout, or (`--export FILE`) write it to the file only, in the
    format its ending names, and say so on stderr."""
    from cwprofile.formats import Target, facts, render

    if not report.shown:
        return
    if request.export is not None and request.export_format is not None:
        target = Target(terminal=False, width=request.width)
        from cwprofile.files import write_file

        write_file(request.export, render(report, request.export_format, target), request.force)
        say(f"Wrote {request.export}")
        return
    terminal = stdout_is_terminal()
    fmt = request.format or (Format.table if terminal else Format.text)
    text = render(report, fmt, Target(terminal=terminal))
    if fmt is Format.table and request.pager:
        from cwprofile.pager import page, pager

        chosen = pager()
        if chosen is not None:
            # A pager not known to take colours gets the same layout, plain.
            shown = text if chosen.colours else render(report, fmt, Target(terminal=False))
            if page(shown, chosen):
                return
    # Formats for programs: written as UTF-8 whatever the locale says stdout's encoding is.
    write_stdout(text, utf8=facts(fmt).for_programs)


def say(message: str) -> None:
    """One line for the person on stderr (never data): control characters made visible."""
    from cwprofile.textsafe import safe_line

    try:
        sys.stderr.write(safe_line(message) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def write_stdout(text: str, utf8: bool = False) -> None:
    """Write to stdout; a reader that went away (`| head`) ends the run quietly, exit 0.

    With `utf8` (output for programs) the bytes are UTF-8 whatever the locale; otherwise
    (for people) what the terminal's encoding cannot show becomes a visible escape.
    """
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`>&-`), outside the console script
        stdout_fault(None, None)
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
    except (OSError, ValueError) as error:
        stdout_fault(stream, error)


def stdout_fault(stream: object, error: OSError | ValueError | None) -> NoReturn:
    """The one rule for a write to stdout that failed: a reader that went away ends the run
    quietly (exit 0); anything else (closed, full) is one line and exit 1."""
    if isinstance(error, BrokenPipeError):
        silence(stream)
        raise SystemExit(0) from None
    if error is None:
        raise OutputError("cannot write the output: standard output is closed")
    # Not silenced: Click probes the stream and swallows an error, and the next write must
    # meet the fault again (the console script says it once, at the latest at its last flush).
    why = error.strerror if isinstance(error, OSError) and error.strerror else error
    raise OutputError(f"cannot write the output: {why}") from None


class GuardedStdout:
    """sys.stdout for a run of the console script, so that every write (ours, Click's help,
    --version) meets `stdout_fault`'s rule; everything else is the real stream's. A stdout
    that was closed when the run started (`>&-`) is None underneath."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            stdout_fault(None, None)
        try:
            return self._stream.write(text)
        except UnicodeEncodeError:
            raise  # not a fault of the stream: the writer shows what it cannot encode
        except (OSError, ValueError) as error:
            stdout_fault(self._stream, error)

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as error:
            stdout_fault(self._stream, error)

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            if name == "encoding":
                return "utf-8"
            stdout_fault(None, None)
        return getattr(self._stream, name)


def silence(stream: object) -> None:
    """Point a broken stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        pass
