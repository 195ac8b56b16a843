"""Where profiles come from, in this order (a later one wins for the same country and edition):
the bundled folder, the user's own library (`library_dir()`), CWPROFILE_PATH and
--profiles-dir; and the profile files in each."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from cwprofile.errors import CwprofileError

# A profile file's kind is its ending: whether its text is read as JSON first (YAML reads
# most JSON, but the json module is faster and exact about numbers). A new kind is a line
# here and its reader in reader.py (read_bytes).
KINDS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}  # ending: its reader (`reader.py`)
PROFILE_SUFFIXES = tuple(KINDS)


def kind_of(name: str) -> str | None:
    """The kind of profile file a name is, by its ending; None: not a profile file's name."""
    lowered = name.lower()
    for suffix, kind in KINDS.items():
        if lowered.endswith(suffix):
            return kind
    return None


PATH_VARIABLE = "CWPROFILE_PATH"
DATA_VARIABLE = "CWPROFILE_DATA_DIR"


def library_dir() -> Path | None:
    """The user's own library of profiles (`import --add`): `$CWPROFILE_DATA_DIR`, else the
    user's data folder as the XDG rule says on Linux (`$XDG_DATA_HOME/cwprofile/profiles`,
    `~/.local/share/cwprofile/profiles`) and platformdirs elsewhere; None when there is no
    sensible place (no home)."""
    configured = os.environ.get(DATA_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser()
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        # As platformdirs does on these systems, without importing it on every run.
        xdg = os.environ.get("XDG_DATA_HOME", "").strip()
        if xdg and os.path.isabs(xdg):
            return Path(xdg) / "cwprofile" / "profiles"
        home = os.environ.get("HOME", "")
        if home and os.path.isabs(home) and home != "/":
            return Path(home) / ".local" / "share" / "cwprofile" / "profiles"
        return None
    from platformdirs import user_data_dir

    return Path(user_data_dir("cwprofile", appauthor=False)) / "profiles"


def bundled_dir() -> Path:
    """The bundled profiles: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "profiles"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "profiles"


class Source(NamedTuple):
    """A folder (or single file) that profiles are read from; a higher rank wins."""

    path: Path
    rank: int  # 0 bundled, 1 the user's library, then CWPROFILE_PATH, then --profiles-dir
    kind: str = "folder"  # "bundled", "library", "path" (CWPROFILE_PATH) or "folder" (-p)

    @property
    def bundled(self) -> bool:
        return self.kind == "bundled"


class MissingProfilesDir(CwprofileError):
    def hint(self) -> str:
        return "check the --profiles-dir option and the CWPROFILE_PATH variable"


def sources(profiles_dirs: Iterable[Path] = ()) -> tuple[list[Source], list[str]]:
    """The sources in rank order, and warnings for CWPROFILE_PATH entries that are not there."""
    found = [Source(bundled_dir(), 0, "bundled")]
    warnings = []
    library = library_dir()
    if library is not None and library.is_dir():
        found.append(Source(library, 1, "library"))
    rank = 2
    for entry in os.environ.get(PATH_VARIABLE, "").split(os.pathsep):
        if not entry:
            continue
        path = Path(entry).expanduser()
        if path.exists():
            found.append(Source(path, rank, "path"))
            rank += 1
        else:
            warnings.append(f"{PATH_VARIABLE}: {entry}: no such folder, skipped")
    for path in profiles_dirs:
        if not path.exists():
            raise MissingProfilesDir(f"profiles folder {str(path)!r} does not exist")
        found.append(Source(path, rank))
        rank += 1
    return found, warnings


def is_profile_name(name: str) -> bool:
    """A file name that is read as a profile: a YAML or JSON ending, not hidden."""
    return not name.startswith(".") and name.lower().endswith(PROFILE_SUFFIXES)


def profile_files(source: Source) -> list[str]:
    """The profile files of a source, by name, as plain strings (the cache checks them on
    every warm run). A source that is a file is its own one file."""
    folder = str(source.path)
    if not os.path.isdir(folder):
        return [folder]
    try:
        names = sorted(name for name in os.listdir(folder) if is_profile_name(name))
    except OSError as error:
        raise MissingProfilesDir(
            f"profiles folder {folder!r} cannot be read: {error.strerror}"
        ) from None
    prefix = os.path.join(folder, "")
    return [prefix + name for name in names]


def display_path(path: str, source: Source) -> str:
    return f"bundled:{os.path.basename(path)}" if source.bundled else path
