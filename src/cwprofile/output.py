"""The one place that decides where a Report goes (stdout, a pager, an export file) and
writes it."""

from __future__ import annotations

import contextlib
import os
import stat
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
        write_file(request.export, render(report, request.export_format, target), request.force)
    terminal = stdout_is_terminal()
    fmt = request.format or (Format.table if terminal else Format.text)
    text = render(report, fmt, Target(terminal=terminal))
    if fmt is Format.table and request.pager and _page(text):
        return
    write_stdout(text, utf8=fmt in PROGRAM_FORMATS)


# The pager -------------------------------------------------------------------------------

PAGER_VARIABLE = "CWPROFILE_PAGER"


def _page(text: str) -> bool:
    """Show text taller than the screen through a pager, as git does: `$CWPROFILE_PAGER`, else
    `$PAGER`, else `less` (with LESS=FRX unless set: quit if one screen, keep colours, leave
    the text on screen). Only when stdout is a real terminal. True when the pager showed it."""
    import shlex
    import shutil
    import subprocess

    try:
        if not (sys.stdout.isatty() and sys.stdin.isatty()):
            return False
    except (AttributeError, ValueError):
        return False
    rows = shutil.get_terminal_size().lines
    if text.count("\n") < rows:
        return False
    command = os.environ.get(PAGER_VARIABLE, os.environ.get("PAGER", "less"))
    if not command.strip() or command.strip() == "cat":
        return False
    try:
        arguments = shlex.split(command)
    except ValueError:
        return False
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(arguments, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False  # no such pager: print as usual
    import signal

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
    try:
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            pager.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit early (q): done, as with `| head`
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


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


def write_file(path: Path, text: str, force: bool) -> None:
    """Write a whole file or nothing: a temporary file renamed into place, never overwriting
    what is there unless `force`."""
    import tempfile

    mode = 0o644 & ~_umask()
    if os.path.lexists(path):
        if not force:
            raise OutputError(f"{str(path)!r} already exists; use --force to replace it")
        if not path.is_file() or path.is_symlink():
            # --force replaces a file, never a device, a folder or what a link points at.
            raise OutputError(f"{str(path)!r} is not a regular file; not replacing it")
        mode = stat.S_IMODE(os.stat(path).st_mode)  # a private file stays private
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
        os.chmod(temporary, mode)
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
