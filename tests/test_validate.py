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
    "bad-status": ("    status: false\n    evidence: Cambodia does not have any national governance", "    status: maybe\n    evidence: Cambodia does not have any national governance", "status: maybe", "indicators.roadmap.status", "expected yes, no or unknown (null), found 'maybe'"),
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
            "message": "expected yes, no or unknown (null), found 'maybe'",
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
        == f"{target}:{line}: indicators.cirt.status: expected yes, no or unknown (null), found 'perhaps'"
    )


def test_nothing_to_validate(run, tmp_path):
    result = run("validate", str(tmp_path), code=1)
    assert result.stdout == "No profile files found (looked for .yaml, .yml and .json).\n"


def _mutations() -> list[tuple[str, object]]:
    """Profile documents near the bundled one, valid and not, as JSON data."""
    import copy

    import yaml

    base = yaml.safe_load(GOOD)
    changes = {
        "as it is": lambda d: None,
        "status Yes": lambda d: d["indicators"]["cirt"].update(status="Yes"),
        "status ' off '": lambda d: d["indicators"]["cirt"].update(status=" off "),
        "status maybe": lambda d: d["indicators"]["cirt"].update(status="maybe"),
        "status 1": lambda d: d["indicators"]["cirt"].update(status=1),
        "status missing": lambda d: d["indicators"]["cirt"].pop("status"),
        "code wrong": lambda d: d["indicators"]["cirt"].update(code="1.2.9"),
        "code null": lambda d: d["indicators"]["cirt"].update(code=None),
        "title in other case": lambda d: d["indicators"]["cirt"].update(title="cirt"),
        "unknown indicator": lambda d: d["indicators"].update(cirtt={"status": True}),
        "missing indicator": lambda d: d["indicators"].pop("roadmap"),
        "version 1": lambda d: d.update(schema_version=1),
        "version '2'": lambda d: d.update(schema_version="2"),
        "version 3": lambda d: d.update(schema_version=3),
        "version true": lambda d: d.update(schema_version=True),
        "iso2 lower case": lambda d: d["country"].update(iso2="kh", iso3="khm"),
        "iso codes of two countries": lambda d: d["country"].update(iso3="THA"),
        "iso2 not a code": lambda d: d["country"].update(iso2="XQ"),
        "blank name": lambda d: d["country"].update(name="  "),
        "web with a quote": lambda d: d["contact"].update(web='https://x.example/"><b>'),
        "web blank": lambda d: d["contact"].update(web="  "),
        "web javascript": lambda d: d["contact"].update(web="javascript:alert(1)"),
        "email mailto:": lambda d: d["contact"].update(email="mailto:a@b.example"),
        "email bad": lambda d: d["contact"].update(email="a at b"),
        "date basic form": lambda d: d["provenance"].update(last_updated="20140826"),
        "date 30 February": lambda d: d["provenance"].update(last_updated="2014-02-30"),
        "value as text": lambda d: d["background"]["population"].update(value="14 478 000"),
        "value bad": lambda d: d["background"]["population"].update(value="many"),
        "value true": lambda d: d["background"]["population"].update(value=True),
        "population negative": lambda d: d["background"]["population"].update(value=-5),
        "population negative, as text": lambda d: d["background"]["population"].update(value="-5"),
        "population of 19 digits": lambda d: d["background"]["population"].update(value=10**18),
        "population of 18 digits": lambda d: d["background"]["population"].update(value=10**18 - 1),
        "population of 19 digits, as text": lambda d: d["background"]["population"].update(
            value="1" + "0" * 18
        ),
        "population of 18 digits, as text": lambda d: d["background"]["population"].update(
            value="9" * 18
        ),
        "population a fraction": lambda d: d["background"]["population"].update(value=1.5),
        "population '1.5'": lambda d: d["background"]["population"].update(value="1.5"),
        "population 14478000.0": lambda d: d["background"]["population"].update(value=14478000.0),
        "population with separators": lambda d: d["background"]["population"].update(
            value="1,234,567"
        ),
        "internet users 100": lambda d: d["background"]["internet_users"].update(value=100),
        "internet users 100.5": lambda d: d["background"]["internet_users"].update(value=100.5),
        "internet users '150'": lambda d: d["background"]["internet_users"].update(value="150"),
        "internet users '-1'": lambda d: d["background"]["internet_users"].update(value="-1"),
        "name ISO gives": lambda d: d["country"].update(name="Kingdom of Cambodia"),
        "date as a number": lambda d: d["background"]["population"].update(date=2012),
        "unknown field": lambda d: d.update(colour="blue"),
        "derived null": lambda d: d.update(derived=None),
        "derived a list": lambda d: d.update(derived=[]),
        "warnings": lambda d: d.update(warnings=["x"]),
        "evidence a number": lambda d: d["indicators"]["cirt"].update(evidence=3),
        "contact null": lambda d: d.update(contact=None),
        "indicators a list": lambda d: d.update(indicators=[]),
    }
    out = []
    for name, change in changes.items():
        document = copy.deepcopy(base)
        change(document)
        out.append((name, document))
    return out


@pytest.mark.parametrize(("name", "document"), _mutations(), ids=[n for n, _ in _mutations()])
def test_the_profile_schema_and_validate_accept_the_same_files(run, name, document, tmp_path):
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(run("schema").stdout)
    by_schema = Draft202012Validator(schema, format_checker=FormatChecker()).is_valid(document)
    target = tmp_path / "p.json"
    target.write_text(json.dumps(document), encoding="utf-8")
    by_validate = run("validate", str(target), code=None).exit_code == 0
    assert by_schema == by_validate, name
