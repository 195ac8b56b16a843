"""Writing a file whole or not at all (exports, `import -o`): never over what is there
without --force, never over anything but a regular file, a replaced file's mode kept."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from cwprofile.errors import OutputError


def write_file(path: Path, text: str, force: bool) -> None:
    """Write a whole text file or nothing, never overwriting what is there unless `force`."""

    def fill(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    write_whole(path, fill, force)


def write_whole(path: Path, fill: Callable[[str], None], force: bool) -> None:
    """Write a file whole or not at all: `fill` writes a temporary file beside `path` (by its
    name), which is synced and renamed into place; never over what is there unless `force`.
    An OutputError says why not."""
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
        os.close(descriptor)
    except OSError as error:
        raise OutputError(f"cannot write in {str(folder)!r}: {error.strerror}") from None
    placed = False
    try:
        fill(temporary)
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
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
