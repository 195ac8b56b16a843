"""`cwprofile validate`: every problem of every file, with its line, as a Report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cwprofile import SCHEMA_VERSION
from cwprofile.blocks import Lines, Paragraph
from cwprofile.errors import InvalidProfile, Problem
from cwprofile.folders import PROFILE_SUFFIXES, is_profile_name
from cwprofile.profile_schema import from_document
from cwprofile.reader import not_a_profile_file, read_file, read_yaml
from cwprofile.reports.report import Records, Report


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the profile files inside folders (sorted by name)."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.is_file() and is_profile_name(child.name)
                )
            )
        else:
            files.append(path)
    return files


def check_file(path: Path) -> list[Problem]:
    if str(path) != "-" and not path.exists() and not path.is_symlink():
        return [Problem(str(path), None, "", "no such file")]
    try:
        if str(path) == "-":
            return _check_stdin()
        if not path.name.lower().endswith(PROFILE_SUFFIXES):
            raise not_a_profile_file(str(path))
        from_document(read_file(path))
    except InvalidProfile as error:
        if path.suffix.lower() == ".json" and all(p.line is None for p in error.problems):
            return _with_lines(path, error.problems)
        return error.problems
    return []


def _check_stdin() -> list[Problem]:
    """A profile file on standard input (`cwprofile import x.txt | cwprofile validate -`),
    JSON or YAML as its first character says."""
    import sys

    from cwprofile.reader import read_bytes

    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read(MAX_STDIN + 1) if stream is not None else b""
    if len(raw) > MAX_STDIN:
        return [Problem("-", None, "", f"is larger than {MAX_STDIN // (1024 * 1024)} MiB")]
    from_document(read_bytes(raw, "-", json_first=raw.lstrip()[:1] in (b"{", b"[")))
    return []


MAX_STDIN = 64 * 1024 * 1024  # a profile is some kilobytes


def _with_lines(path: Path, problems: list[Problem]) -> list[Problem]:
    """JSON is read by the json module, which keeps no lines; YAML can read most JSON and does."""
    try:
        from_document(read_yaml(path.read_text(encoding="utf-8-sig"), str(path)))
    except InvalidProfile as error:
        # Only when YAML found the very same problems do its line numbers apply.
        same = [(p.field, p.message) for p in error.problems] == [
            (p.field, p.message) for p in problems
        ]
        if same:
            return error.problems
    except (OSError, UnicodeDecodeError):
        pass
    return problems


def validate_paths(paths: Iterable[Path]) -> Report:
    """Every problem of every file; the report exits 1 unless there were files and every one
    is valid."""
    files = expand(paths)
    results = []
    problems_text = []
    for path in files:
        problems = check_file(path)
        results.append(
            {
                "file": str(path),
                "valid": not problems,
                "problems": [
                    {"line": p.line, "field": p.field, "message": p.message} for p in problems
                ],
            }
        )
        problems_text.extend(str(problem) for problem in problems)
    invalid = sum(1 for result in results if not result["valid"])
    document = {
        "schema_version": SCHEMA_VERSION,
        "files": results,
        "valid": len(results) - invalid,
        "invalid": invalid,
        "warnings": [],
    }
    if not files:
        summary = "No profile files found (looked for .yaml, .yml and .json)."
    else:
        count = sum(len(result["problems"]) for result in results)
        summary = (
            f"{len(files)} file{'s' * (len(files) != 1)} checked: {len(files) - invalid} valid, "
            f"{invalid} invalid, {count} problem{'s' * (count != 1)}."
        )
    blocks = (
        (Lines(tuple(problems_text)), Paragraph(summary))
        if problems_text
        else (Paragraph(summary),)
    )
    rows = [
        (result["file"], result["valid"], problem["line"], problem["field"], problem["message"])
        for result in results
        for problem in result["problems"] or [{"line": None, "field": None, "message": None}]
    ]
    records = Records(("file", "valid", "line", "field", "message"), rows)
    ok = bool(files) and invalid == 0
    return Report(
        "Validation of profile files", document, blocks, records, exit_code=0 if ok else 1
    )
