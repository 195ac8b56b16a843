"""Importing many profiles at once: several inputs, and inputs that hold several profiles (ITU's
2015 report printed every profile one after another), each profile read, and the file each
would be written to in a folder: one per country, with the date where there are several
editions. Nothing here writes or prints: the `import` command does (`import_command.py`)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cwprofile.errors import CwprofileError, ImportFailed
from cwprofile.importer.profile import Result, import_lines, split_profiles

if TYPE_CHECKING:
    from cwprofile.countries import Country

STATES = ("imported", "with gaps", "already there", "failed")


class Outcome(NamedTuple):
    """What became of one profile read: imported, with gaps, already there, or failed and why."""

    source: str  # the input's name
    country: str | None
    path: str | None  # the file written, or that would have been
    state: str  # one of STATES
    detail: str  # why it failed, or what the gaps are
    result: Result | None = None

    @classmethod
    def read(cls, source: str, result: Result, path: str | None) -> Outcome:
        """A profile read (and written to `path`): imported, or with the gaps told."""
        country = result.document["country"]["name"]
        if not result.gaps:
            return cls(source, country, path, "imported", "", result)
        more = len(result.gaps) - 1
        told = result.gaps[0] + (
            f" (and {more} more, listed at the top of the file)" if more else ""
        )
        return cls(source, country, path, "with gaps", told, result)

    @classmethod
    def there(cls, source: str, path: Path, result: Result) -> Outcome:
        """The same country and edition is in the folder already: nothing written."""
        country = result.document["country"]["name"]
        detail = f"this edition is in {str(path)!r} already; --force replaces it"
        return cls(source, country, str(path), "already there", detail, result)

    @classmethod
    def failed(cls, source: str, why: str, country: str | None = None) -> Outcome:
        return cls(source, country, None, "failed", why)


class Imported(NamedTuple):
    """One input, and each profile it held (or why it could not be read)."""

    source: str
    results: list[Result | ImportFailed | CwprofileError]


def read_all(
    sources: Sequence[str],
    lenient: bool,
    country: Country | None = None,
    advance: Callable[[str], None] = lambda _: None,
    force: bool = False,
) -> list[Imported]:
    """Every profile of every input, read (or why it could not be). `country` states the
    country of a profile whose title cannot (`import --country`). Each input is read within
    the PDF reader's time bound, all of it: the reading, the parsing and the making of each
    profile file's text (writing it is the command's, and quick)."""
    out = []
    for source in sources:
        advance(source)
        try:
            with time_bound(source):
                out.append(_read_one(source, lenient, country, force))
        except CwprofileError as error:
            out.append(Imported(source, [error]))
        except MemoryError:
            out.append(Imported(source, [CwprofileError(f"{source}: ran out of memory")]))
    return out


def _read_one(source: str, lenient: bool, country: Country | None, force: bool) -> Imported:
    from cwprofile.importer.inputs import read_source
    from cwprofile.importer.lines import clean_lines

    text, name = read_source(source)
    profiles = split_profiles(clean_lines(text))
    del text
    if country is not None and len(profiles) > 1:
        why = f"{name}: holds {len(profiles)} profiles; --country states the country of one"
        return Imported(name, [CwprofileError(why)])
    results: list[Result | ImportFailed | CwprofileError] = []
    for lines in profiles:
        try:
            results.append(import_lines(lines, name, lenient, country, force))
        except ImportFailed as error:
            results.append(error)
    return Imported(name, results)


@contextlib.contextmanager
def time_bound(source: str) -> Iterator[None]:
    """Stop reading an input after the PDF reader's time bound (`pdf.SECONDS`), with one
    line. An interval timer (SIGALRM): only in the main thread, where a command runs."""
    import signal
    import threading

    from cwprofile.importer import pdf

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return
    seconds = pdf.SECONDS

    def expired(signum: int, frame: object) -> None:
        raise CwprofileError(f"{source}: reading it took longer than {seconds} s; stopped")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def file_stem(result: Result) -> str:
    """`cambodia`, `korea-republic-of`: the country's name as a file name."""
    import unicodedata

    name = result.document["country"]["name"] or "unknown"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "profile"


class Placed(NamedTuple):
    """A profile read and the file it goes to in the folder, or the outcome that stops it."""

    source: str
    result: Result | None
    path: Path | None
    outcome: Outcome | None  # already decided: it failed, or repeats one placed before


def place_all(imported: list[Imported], folder: Path, force: bool = False) -> list[Placed]:
    """Where each profile read goes in `folder`: one file per country, editions side by side.
    A country with another edition in the folder already (or among the inputs) gets the
    edition's date in its file name; the same edition again is already there (nothing
    written), unless `force`, which replaces that one file; a country and edition met twice
    among the inputs goes once."""
    held = _editions_in(folder)  # (country, edition) -> the file that holds it
    countries = {country for country, _ in held}
    stems = {
        id(result): file_stem(result)
        for entry in imported
        for result in entry.results
        if isinstance(result, Result)
    }
    editions: dict[str, set[str | None]] = {}
    for entry in imported:
        for result in entry.results:
            if isinstance(result, Result):
                updated = result.document["provenance"]["last_updated"]
                editions.setdefault(stems[id(result)], set()).add(updated)
    placed = []
    taken: dict[Path, str] = {}  # the files of this run, and the input each came from
    for entry in imported:
        for result in entry.results:
            if not isinstance(result, Result):  # its one line: the first problem, and how many
                placed.append(
                    Placed(entry.source, None, None, Outcome.failed(entry.source, str(result)))
                )
                continue
            iso3 = result.document["country"]["iso3"]
            updated = result.document["provenance"]["last_updated"]
            country = result.document["country"]["name"]
            there = held.get((iso3, updated))
            if there is not None and not force:
                placed.append(
                    Placed(entry.source, result, None, Outcome.there(entry.source, there, result))
                )
                continue
            stem = stems[id(result)]
            dated = folder / f"{stem}-{updated or 'undated'}.yaml"
            plain = folder / f"{stem}.yaml"
            if there is not None:
                path = there  # --force replaces that one edition's file, and no other
            elif iso3 in countries or len(editions[stem]) > 1 or plain.exists():
                path = dated  # beside another edition (or a file of that name not ours)
            else:
                path = plain
            if path in taken:
                detail = f"the same country and edition as {taken[path]}, written to {path}"
                placed.append(
                    Placed(
                        entry.source, result, None, Outcome.failed(entry.source, detail, country)
                    )
                )
                continue
            taken[path] = entry.source
            placed.append(Placed(entry.source, result, path, None))
    return placed


def _editions_in(folder: Path) -> dict[tuple[str | None, str | None], Path]:
    """The country and edition each profile file in the folder holds (a file that cannot be
    read holds none: it is never replaced by mistake, for its name is taken)."""
    from cwprofile.folders import is_profile_name
    from cwprofile.profile_file import read_document

    found: dict[tuple[str | None, str | None], Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if not is_profile_name(path.name) or not path.is_file():
            continue
        try:
            data = read_document(str(path), str(path))[0].data
            country, provenance = data.get("country") or {}, data.get("provenance") or {}
            edition = provenance.get("last_updated")
            found.setdefault((country.get("iso3"), str(edition) if edition else None), path)
        except (CwprofileError, OSError, AttributeError, ValueError):
            continue
    return found
