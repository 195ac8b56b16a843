"""Importing many profiles at once: several inputs, and inputs that hold several profiles (ITU's
2015 report printed every profile one after another), written one file per country into a
folder. Nothing there is overwritten without --force; a profile that fails does not stop
the others, and the summary says what became of each."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cwprofile.errors import CwprofileError, ImportFailed, OutputError
from cwprofile.importer.profile import Result, import_lines, split_profiles

if TYPE_CHECKING:
    from cwprofile.output import Request
    from cwprofile.report import Report


STATES = ("imported", "with gaps", "failed")


class Outcome(NamedTuple):
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


class Imported(NamedTuple):
    source: str
    results: list[Result | ImportFailed | CwprofileError]


def read_all(
    sources: Sequence[str], lenient: bool, advance: Callable[[str], None] = lambda _: None
) -> list[Imported]:
    """Every profile of every input, read (or why it could not be)."""
    from cwprofile.importer.lines import clean_lines
    from cwprofile.importer.source import read_source

    out = []
    for source in sources:
        advance(source)
        try:
            text, name = read_source(source)
        except CwprofileError as error:
            out.append(Imported(source, [error]))
            continue
        results: list[Result | ImportFailed | CwprofileError] = []
        for lines in split_profiles(clean_lines(text)):
            try:
                results.append(import_lines(lines, name, lenient))
            except ImportFailed as error:
                results.append(error)
        out.append(Imported(name, results))
    return out


def file_stem(result: Result) -> str:
    """`cambodia`, `korea-republic-of`: the country's name as a file name."""
    import unicodedata

    name = result.document["country"]["name"] or "unknown"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "profile"


def write_all(imported: list[Imported], folder: Path, force: bool) -> list[Outcome]:
    """Write each profile read into `folder`, one file per country (with the date when the
    inputs hold several editions of one country)."""
    from cwprofile.files import write_file

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
    outcomes = []
    written: dict[str, str] = {}  # the files of this run, and the input each came from
    for entry in imported:
        for result in entry.results:
            if not isinstance(result, Result):  # its one line: the first problem, and how many
                outcomes.append(Outcome(entry.source, None, None, "failed", str(result)))
                continue
            stem = stems[id(result)]
            if len(editions[stem]) > 1:
                stem += "-" + (result.document["provenance"]["last_updated"] or "undated")
            path = folder / f"{stem}.yaml"
            country = result.document["country"]["name"]
            if str(path) in written:
                detail = f"the same country and edition as {written[str(path)]}, written to {path}"
                outcomes.append(Outcome(entry.source, country, None, "failed", detail))
                continue
            written[str(path)] = entry.source
            try:
                write_file(path, result.yaml, force)
            except OutputError as error:
                outcomes.append(Outcome(entry.source, country, str(path), "failed", str(error)))
                continue
            outcomes.append(Outcome.read(entry.source, result, str(path)))
    return outcomes


def run(
    sources: Sequence[str],
    named: str | None,
    force: bool,
    lenient: bool,
    explain: bool,
    request: Request,
    warn: Callable[[str], None],
) -> int:
    """`cwprofile import`: the exit code. One profile goes to stdout (or to the file `-o`
    names); many go one file per country into the folder `-o` names, with a summary."""
    output = Path(named) if named else None
    with _progress(len(sources)) as advance:
        imported = read_all(sources, lenient, advance)
    count = sum(len(entry.results) for entry in imported)
    if output is not None and _is_folder(named or "", output, len(sources), count):
        return _into_folder(imported, output, force, explain, request)
    if count > 1 and not (output is None and explain):
        raise CwprofileError(
            f"{imported[0].source} holds {count} profiles; "
            "give a folder with -o DIR to write one file per country"
        )
    return _one_by_one(imported, output, force, explain, request, warn)


def _is_folder(named: str, output: Path, inputs: int, profiles: int) -> bool:
    """Whether `-o` names a folder: one that exists, a name ending in /, or a new name given
    for several inputs or profiles."""
    import os

    if output.is_dir() or named.endswith(("/", os.sep)):
        return True
    return (inputs > 1 or profiles > 1) and not output.exists()


def _into_folder(
    imported: list[Imported], folder: Path, force: bool, explain: bool, request: Request
) -> int:
    from cwprofile.output import emit

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot make the folder {str(folder)!r}: {error.strerror}") from None
    outcomes = write_all(imported, folder, force)
    emit(_report(outcomes, explain, summary=True), request)
    return 1 if any(o.state == "failed" for o in outcomes) else 0


def _one_by_one(
    imported: list[Imported],
    output: Path | None,
    force: bool,
    explain: bool,
    request: Request,
    warn: Callable[[str], None],
) -> int:
    """One profile to stdout or to the file `-o` names (or, with --explain and no -o, the
    explanation of each profile read)."""
    from cwprofile.formats import Format
    from cwprofile.output import emit, write_stdout

    outcomes = []
    for entry in imported:
        for result in entry.results:
            if not isinstance(result, Result):
                raise result
            for gap in result.gaps:
                warn(f"Warning: {gap}")
            if output is not None:
                from cwprofile.files import write_file

                write_file(output, result.yaml, force)
                warn(f"Wrote {output}")
            path = str(output) if output is not None else None
            outcomes.append(Outcome.read(entry.source, result, path))
    if explain:
        emit(_report(outcomes, explain, summary=False), request)
    elif output is None:
        (result,) = (outcome.result for outcome in outcomes)
        assert result is not None
        if request.format is Format.json:
            from cwprofile.formats.json import dumps

            write_stdout(dumps(result.document), utf8=True)
        else:
            write_stdout(result.yaml)
    return 0


def _report(outcomes: list[Outcome], explain: bool, summary: bool) -> Report:
    from cwprofile.reports.imports import imports

    return imports(outcomes, explain, summary)


class _progress:
    """A progress bar on stderr while many inputs are read, when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self) -> Callable[[str], None]:
        import sys

        stream = sys.stderr
        if self.total < 2 or stream is None or not stream.isatty():
            return lambda _: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("Importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}", markup=False),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("", total=self.total)
        started = [False]

        def advance(name: str) -> None:
            from cwprofile.textsafe import safe_line

            if started[0]:
                self.bar.advance(task)
            started[0] = True
            self.bar.update(task, description=safe_line(name))

        return advance

    def __exit__(self, *_: object) -> None:
        if self.bar is not None:
            self.bar.stop()
