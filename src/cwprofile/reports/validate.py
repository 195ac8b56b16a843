"""`cwprofile validate`: every problem of every file, with its line, as a Report (the files
are read by `profile_file`, not here)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cwprofile import SCHEMA_VERSION
from cwprofile.blocks import Lines, Paragraph
from cwprofile.errors import Problem
from cwprofile.reports.report import Records, Report


def validate_paths(checked: Sequence[tuple[Path, list[Problem]]]) -> Report:
    """Every problem of every file (as `profile_file.problems_of` found them); the report
    exits 1 unless there were files and every one is valid."""
    files = [path for path, _ in checked]
    results = []
    problems_text = []
    for path, problems in checked:
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
