"""`cwprofile validate` finds every planted error, each with its line."""

from __future__ import annotations

import json

import pytest

from .conftest import BUNDLED


def planted(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


GOOD = BUNDLED.read_text(encoding="utf-8")

# name: (old, new, fragment whose line the problem is on, field, message)
CASES = {
    "unknown-indicator": ("  cirt:\n", "  cirtt:\n", "  cirtt:", "indicators.cirtt", "unknown indicator (did you mean 'cirt'?)"),
    "missing-indicator": ("  roadmap:\n    code: 1.3.2\n", "  roadmap_x:\n    code: 1.3.2\n", "indicators:", "indicators.roadmap", "missing indicator 1.3.2 Roadmap for governance"),
    "duplicate-key": ("  policy:\n", "  policy:\n    status: true\n    status: false\n  policy_dup:\n", "    status: false\n  policy_dup", "", "duplicate key 'status' (first on line {first})"),
    "bad-status": ("    status: false\n    evidence: Cambodia does not have any national governance", "    status: maybe\n    evidence: Cambodia does not have any national governance", "status: maybe", "indicators.roadmap.status", "expected yes or no, found 'maybe'"),
    "bad-iso": ("  iso2: KH\n", "  iso2: XQ\n", "iso2: XQ", "country.iso2", "'XQ' is not an ISO 3166-1 alpha-2 code"),
    "mismatched-iso": ("  iso3: KHM\n", "  iso3: THA\n", "iso3: THA", "country.iso3", "'THA' is Thailand, but iso2 'KH' is Cambodia"),
    "bad-phone": ("  phone: (855) 92 335 536\n", "  phone: call us maybe\n", "phone: call us", "contact.phone", "cannot read 'call us maybe' as a phone number"),
    "bad-email": ("  email: incident@camcert.gov.kh\n", "  email: incident at camcert\n", "email: incident at", "contact.email", "'incident at camcert' is not an email address"),
    "bad-date": ("  last_updated: '2014-08-26'\n", "  last_updated: 26th August 2014\n", "last_updated: 26th", "provenance.last_updated", "expected a date as YYYY-MM-DD, found '26th August 2014'"),
    "wrong-code": ("    code: 1.2.1\n", "    code: 1.2.9\n", "code: 1.2.9", "indicators.cirt.code", "expected '1.2.1' for indicator cirt, found '1.2.9'"),
    "unknown-field": ("country:\n", "colour: blue\ncountry:\n", "colour: blue", "colour", "unknown field (expected one of: schema_version, country, background, indicators, contact, provenance, derived, warnings)"),
}  # fmt: skip


@pytest.fixture
def broken_folder(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    expected = {}
    for name, (old, new, fragment, field, message) in CASES.items():
        text = planted(GOOD, old, new)
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        line = line_of(text, fragment)
        if name == "duplicate-key":
            first = line_of(text, "  policy:\n    status: true") + 1
            message, line = message.format(first=first), first + 1
        where = f"{path}:{line}"
        expected[name] = f"{where}: {field}: {message}" if field else f"{where}: {message}"
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    return folder, expected


def test_every_planted_error_is_found_with_its_line(run, broken_folder):
    folder, expected = broken_folder
    result = run("validate", str(folder), code=1)
    lines = result.stdout.splitlines()
    for name, line in expected.items():
        assert line in lines, (name, line, lines)
    # A renamed indicator is both unknown and missing: two of the files have two problems.
    problems = len(CASES) + 2
    assert (
        lines[-1]
        == f"{len(CASES) + 1} files checked: 1 valid, {len(CASES)} invalid, {problems} problems."
    )
    assert len([line for line in lines if line]) == problems + 1


def test_validate_json(run, broken_folder):
    folder, _ = broken_folder
    document = json.loads(run("validate", str(folder), "--json", code=1).stdout)
    assert document["valid"] == 1
    assert document["invalid"] == len(CASES)
    by_file = {entry["file"]: entry for entry in document["files"]}
    bad = by_file[str(folder / "bad-status.yaml")]
    assert bad["valid"] is False
    assert bad["problems"] == [
        {
            "line": line_of(planted(GOOD, *CASES["bad-status"][:2]), "status: maybe"),
            "field": "indicators.roadmap.status",
            "message": "expected yes or no, found 'maybe'",
        }
    ]


def test_a_valid_file_exits_0(run):
    result = run("validate", str(BUNDLED))
    assert result.stdout == "1 file checked: 1 valid, 0 invalid, 0 problems.\n"


def test_yes_no_written_any_way_validate(run, tmp_path):
    text = GOOD.replace("status: true", "status: 'Yes'", 1).replace(
        "status: false", "status: no", 1
    )
    target = tmp_path / "spelled.yaml"
    target.write_text(text, encoding="utf-8")
    run("validate", str(target))


def test_json_problems_get_line_numbers(run, tmp_path):
    document = json.loads(run("show", "kh", "--json").stdout)
    document["indicators"]["cirt"]["status"] = "perhaps"
    target = tmp_path / "kh.json"
    target.write_text(json.dumps(document, indent=2), encoding="utf-8")
    result = run("validate", str(target), code=1)
    line = json.dumps(document, indent=2).splitlines().index('      "status": "perhaps",') + 1
    assert (
        result.stdout.splitlines()[0]
        == f"{target}:{line}: indicators.cirt.status: expected yes or no, found 'perhaps'"
    )


def test_nothing_to_validate(run, tmp_path):
    result = run("validate", str(tmp_path), code=1)
    assert result.stdout == "No profile files found (looked for .yaml, .yml and .json).\n"
