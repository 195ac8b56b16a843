"""Users' own profile folders: --profiles-dir, CWPROFILE_PATH, precedence, bad files."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import BUNDLED, make_variant


def test_imported_file_renamed_to_another_country_plus_a_broken_file(run, user_dir):
    make_variant(user_dir / "laos.yaml", "Laos", "LA", "LAO", {"cirt": "no"})
    (user_dir / "broken.yaml").write_text("schema_version: 1\ncountry: [\n", encoding="utf-8")
    result = run("indicator", "cirt", "--profiles-dir", str(user_dir))
    lines = result.stdout.splitlines()
    rows = [line.split() for line in lines if line.startswith(("Cambodia ", "Laos "))]
    assert [(row[0], row[1]) for row in rows] == [("Cambodia", "yes"), ("Laos", "no")]
    assert "CIRT (1.2.1): 1/3 countries yes, 2 no" in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"Warning: skipped {user_dir / 'broken.yaml'}:3: is not valid YAML"
    )


def test_strict_makes_a_bad_file_an_error(run, user_dir):
    (user_dir / "broken.yaml").write_text("- just a list\n", encoding="utf-8")
    result = run("countries", "--profiles-dir", str(user_dir), "--strict", code=1)
    assert result.stdout == ""
    assert (
        result.stderr
        == f"Error: {user_dir / 'broken.yaml'}:1: expected a mapping, found a list; --strict "
        "stops at a profile file that cannot be used; fix it or leave --strict out\n"
    )


def test_a_users_profile_replaces_the_bundled_one_and_countries_says_where_from(run, user_dir):
    text = BUNDLED.read_text(encoding="utf-8").replace(
        "    status: false\n    evidence: Cambodia does not have any officially recognized national cybersecurity strategy.",
        "    status: yes\n    evidence: Cambodia adopted a strategy (my correction).",
    )
    (user_dir / "kh-corrected.yaml").write_text(text, encoding="utf-8")
    document = json.loads(run("countries", "--json", "-p", str(user_dir)).stdout)
    assert [
        (p["country"]["name"], p["origin"], p["tally"]["yes"]) for p in document["profiles"]
    ] == [
        ("Cambodia", str(user_dir / "kh-corrected.yaml"), 8),
        ("United Kingdom", "bundled:united-kingdom.yaml", 19),
    ]
    shown = json.loads(run("show", "kh", "--json", "-p", str(user_dir)).stdout)
    assert (
        shown["indicators"]["policy"]["evidence"] == "Cambodia adopted a strategy (my correction)."
    )


def test_json_profile_files_load_too(run, user_dir):
    document = json.loads(run("show", "kh", "--json").stdout)
    document["country"] = {"name": "Viet Nam", "iso2": "VN", "iso3": "VNM"}
    (user_dir / "vn.json").write_text(json.dumps(document), encoding="utf-8")
    names = [
        p["country"]["name"]
        for p in json.loads(run("countries", "--json", "-p", str(user_dir)).stdout)["profiles"]
    ]
    assert names == ["Cambodia", "United Kingdom", "Viet Nam"]
    assert (
        json.loads(run("show", "VNM", "--json", "-p", str(user_dir)).stdout)["country"]["iso2"]
        == "VN"
    )


def test_cwprofile_path_variable(run, user_dir, tmp_path, monkeypatch):
    other = tmp_path / "other"
    other.mkdir()
    make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO")
    make_variant(other / "th.yaml", "Thailand", "TH", "THA")
    monkeypatch.setenv(
        "CWPROFILE_PATH", os.pathsep.join([str(user_dir), str(tmp_path / "missing"), str(other)])
    )
    result = run("countries", "--json")
    names = [p["country"]["name"] for p in json.loads(result.stdout)["profiles"]]
    assert names == ["Cambodia", "Laos", "Thailand", "United Kingdom"]
    assert (
        result.stderr
        == f"Warning: CWPROFILE_PATH: {tmp_path / 'missing'}: no such folder, skipped\n"
    )


def test_same_country_and_edition_twice_keeps_the_later_source(run, user_dir, tmp_path):
    second = tmp_path / "second"
    second.mkdir()
    make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO", {"cirt": "no"})
    make_variant(second / "la.yaml", "Laos", "LA", "LAO", {"cirt": "yes"})
    result = run("indicator", "cirt", "--json", "-p", str(user_dir), "-p", str(second))
    laos = [p for p in json.loads(result.stdout)["profiles"] if p["country"]["iso3"] == "LAO"]
    assert [p["status"] for p in laos] == [True]
    assert result.stderr == (
        f"Warning: {user_dir / 'la.yaml'}: same country and edition as {second / 'la.yaml'}, which is used\n"
    )


def test_two_editions_of_a_country_show_the_newest_and_list_both(run, user_dir):
    make_variant(user_dir / "la-2014.yaml", "Laos", "LA", "LAO")
    newer = (
        (user_dir / "la-2014.yaml").read_text(encoding="utf-8").replace("2014-08-26", "2016-01-31")
    )
    (user_dir / "la-2016.yaml").write_text(newer, encoding="utf-8")
    assert (
        json.loads(run("show", "laos", "--json", "-p", str(user_dir)).stdout)["provenance"][
            "last_updated"
        ]
        == "2016-01-31"
    )
    out = run("indicator", "cirt", "-p", str(user_dir)).stdout
    assert "Laos" in out and "2014-08-26" not in out  # a country once: its newest edition
    assert "CIRT (1.2.1): 2/3 countries yes, 1 no (each country's newest edition" in out
    every = run("indicator", "cirt", "-p", str(user_dir), "--all-editions").stdout
    assert "Laos (2016-01-31)" in every and "Laos (2014-08-26)" in every  # which is which
    assert "CIRT (1.2.1): 3/4 editions yes, 1 no" in every


def test_a_missing_profiles_folder_is_one_line_exit_1(run, tmp_path):
    result = run("countries", "-p", str(tmp_path / "nowhere"), code=1)
    assert result.stderr == (
        f"Error: profiles folder {str(tmp_path / 'nowhere')!r} does not exist; "
        "check the --profiles-dir option and the CWPROFILE_PATH variable\n"
    )


def test_an_unreadable_profiles_folder_is_one_line_exit_1(run, user_dir):
    if os.geteuid() == 0:
        # root reads everything; a folder that is a file stands in for an unreadable one.
        target = user_dir / "not-a-folder.yaml"
        target.write_text("x: [", encoding="utf-8")
        result = run("countries", "-p", str(target))
        assert "Warning: skipped" in result.stderr
        return
    user_dir.chmod(0)
    try:
        result = run("countries", "-p", str(user_dir), code=1)
        assert "cannot be read" in result.stderr
    finally:
        user_dir.chmod(0o755)


@pytest.mark.parametrize(
    ("name", "told"),
    [
        ("shadow", "is not a profile file (a profile file ends in .yaml, .yml or .json)"),
        ("shadow.yaml", "is not a profile: it has none of country, indicators, schema_version"),
        ("shadow.json", "is not valid JSON: Expecting value"),
    ],
)
def test_a_file_that_is_not_a_profile_is_named_without_its_contents(run, tmp_path, name, told):
    """`-p /etc/shadow`: one line that names the file, and not a word of what it holds."""
    secret = tmp_path / name
    secret.write_text(
        "root:$6$s3cretSalt$h4sh:19000:0:99999:7:::\nadmin: hunter2-password\n", encoding="utf-8"
    )
    for arguments in (["countries", "-p", str(secret)], ["validate", str(secret)]):
        result = run(*arguments, code=None)
        said = result.stdout + result.stderr
        assert told in said, said
        for word in ("s3cretSalt", "h4sh", "root", "hunter2", "admin"):
            assert word not in said.replace(str(secret), ""), (arguments, said)
