"""The `import` command's controller: it reads the inputs with the importer (a library that
returns what it read), draws the progress, writes the files, and hands the explanation or
the summary back as a Report. Exit 1 when any profile failed."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from cwprofile.countries import Country
from cwprofile.errors import CwprofileError, OutputError
from cwprofile.files import write_file
from cwprofile.importer.many import Imported, Outcome, place_all, read_all
from cwprofile.reports.report import Report


def run(
    sources: Sequence[str],
    named: str | None,
    force: bool,
    lenient: bool,
    explain: bool,
    country: Country | None,
    warn: Callable[[str], None],
    add: bool = False,
) -> Report:
    """`cwprofile import`: what to show, and its exit code. One profile is the report itself
    (or goes to the file `-o` names); many go one file per country into the folder `-o`
    names, and the report is their summary; `add` puts them in the user's own library, where
    every command finds them."""
    if add:
        from cwprofile.folders import DATA_VARIABLE, library_dir

        folder = library_dir()
        if folder is None:
            raise CwprofileError(
                f"no folder for your library: HOME is not a full path; set {DATA_VARIABLE}"
            )
        named = os.path.join(str(folder), "")
    output = Path(named) if named else None
    with _progress(len(sources)) as advance:
        imported = read_all(sources, lenient, country, advance, force)
    count = sum(len(entry.results) for entry in imported)
    if output is not None and _is_folder(named or "", output, len(sources), count):
        report, written = _into_folder(imported, output, force, explain)
        if written and add:
            warn(
                f"Added to your library ({output}): every command finds "
                f"{'them' if written > 1 else 'it'} now; `cwprofile remove COUNTRY` takes one out."
            )
        elif written:
            warn(
                f"To use {'them' if written > 1 else 'it'}: cwprofile -p {output} COMMAND, or "
                "import with --add into your own library, which every command reads."
            )
        return report
    if count > 1 and not (output is None and explain):
        raise CwprofileError(
            f"{imported[0].source} holds {count} profiles; "
            "give a folder with -o DIR to write one file per country"
        )
    return _one_by_one(imported, output, force, explain, warn)


def _is_folder(named: str, output: Path, inputs: int, profiles: int) -> bool:
    """Whether `-o` names a folder: one that exists, a name ending in /, or a new name given
    for several inputs or profiles."""
    if output.is_dir() or named.endswith(("/", os.sep)):
        return True
    return (inputs > 1 or profiles > 1) and not output.exists()


def _into_folder(
    imported: list[Imported], folder: Path, force: bool, explain: bool
) -> tuple[Report, int]:
    """The summary (failing when any profile failed), and how many files were written."""
    _make_folder(folder)
    outcomes = []
    for placed in place_all(imported, folder, force):
        if placed.outcome is not None:
            outcomes.append(placed.outcome)
            continue
        assert placed.result is not None and placed.path is not None
        try:
            write_file(placed.path, placed.result.yaml, force)
        except OutputError as error:
            country = placed.result.document["country"]["name"]
            outcomes.append(Outcome.failed(placed.source, str(error), country))
            continue
        outcomes.append(Outcome.read(placed.source, placed.result, str(placed.path)))
    report = _report(outcomes, explain, summary=True)
    written = sum(1 for o in outcomes if o.state in ("imported", "with gaps"))
    return report.failing(any(o.state == "failed" for o in outcomes)), written


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot make the folder {str(folder)!r}: {error.strerror}") from None


def _one_by_one(
    imported: list[Imported],
    output: Path | None,
    force: bool,
    explain: bool,
    warn: Callable[[str], None],
) -> Report:
    """One profile as the report, or to the file `-o` names (with --explain, the report is
    the explanation of each profile read)."""
    from cwprofile.importer.profile import Result

    outcomes = []
    for entry in imported:
        for result in entry.results:
            if not isinstance(result, Result):
                raise result
            for gap in result.gaps:
                warn(f"Warning: {gap}")
            if output is not None:
                _make_folder(output.parent)  # `-o new/laos.yaml`, as `-o new/` does
                write_file(output, result.yaml, force)
                warn(f"Wrote {output}")
            path = str(output) if output is not None else None
            outcomes.append(Outcome.read(entry.source, result, path))
    if explain:
        return _report(outcomes, explain, summary=False)
    if output is not None:
        return Report.nothing("Import")  # what was written, it said on stderr
    (result,) = (outcome.result for outcome in outcomes)
    assert result is not None
    # The profile file itself: as JSON, its document; as YAML, the file as written, with
    # the header that lists its gaps.
    return Report(
        f"Profile: {result.document['country']['name']}", result.document, yaml=result.yaml
    )


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
