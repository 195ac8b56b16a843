"""The Python API against the command line: the same profiles, the same documents, rows that
pivot into `compare`'s matrix, problems as objects, and no file written unless asked for."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import cwprofile
from cwprofile.errors import InvalidProfile

from .conftest import BUNDLED, ROOT, SOURCE_TEXT, make_variant


def test_the_public_names_are_exported_and_typed():
    assert set(cwprofile.__all__) >= {
        "Profiles", "Profile", "Problem", "read_profile", "validate", "import_text",
    }  # fmt: skip
    for name in cwprofile.__all__:
        assert getattr(cwprofile, name) is not None
    assert (Path(cwprofile.__file__).parent / "py.typed").is_file()
    with pytest.raises(AttributeError):
        cwprofile.nothing_of_that_name  # noqa: B018


def test_importing_the_package_loads_no_api_for_the_command_line():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, cwprofile.cli; print('cwprofile.api' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"


def test_profiles_are_the_command_lines(run):
    profiles = cwprofile.Profiles()
    assert [(p.iso2, p.last_updated) for p in profiles] == [
        (e["country"]["iso2"], e["last_updated"]) for e in run.json("countries")["profiles"]
    ]
    assert profiles["kh"] == profiles["Cambodia"] == profiles["KHM"]
    assert profiles["gb@2014-08-12"].name == "United Kingdom"
    assert "gb" in profiles and "fr" not in profiles and profiles.get("fr") is None
    with pytest.raises(KeyError, match=r"no profile of France \(FR\) is loaded"):
        profiles["fr"]


@pytest.mark.parametrize("country", ["kh", "gb"])
def test_to_dict_is_show_json(run, country):
    shown = run.json("show", country)
    del shown["warnings"]
    assert cwprofile.Profiles()[country].to_dict() == shown


def test_the_rows_pivot_into_compares_matrix(run):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(cwprofile.Profiles().rows())
    pivot = frame.pivot(index="code", columns="iso2", values="status")
    compared = run.json("compare")
    codes = [i["code"] for i in compared["indicators"]]
    iso2 = [p["country"]["iso2"] for p in compared["profiles"]]
    expected = {
        i["code"]: dict(zip(iso2, i["statuses"], strict=True)) for i in compared["indicators"]
    }
    assert sorted(pivot.index) == sorted(codes)
    for code in codes:
        for country in iso2:
            assert pivot.loc[code, country] == expected[code][country], (code, country)
    assert set(frame.columns) == {
        "iso2", "iso3", "country", "last_updated", "indicator", "code", "title", "pillar",
        "status", "evidence",
    }  # fmt: skip


def test_summary_contacts_and_search_are_the_commands_documents(run):
    profiles = cwprofile.Profiles()
    assert profiles.summary() == run.json("countries")["profiles"]
    assert profiles.contacts() == run.json("report-contact")["contacts"]
    found = profiles.search("cyber security", countries=["gb"], statuses=[True])
    assert (
        found
        == run.json("search", "cyber security", "--country", "gb", "--status", "yes")["matches"]
    )
    assert profiles.search("NATO", indicators=["cooperation"])[0]["indicator"]["code"] == "1.5.1"


def test_warnings_are_problems_with_their_file_line_and_field(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    make_variant(folder / "la.yaml", "Laos", "LA", "LAO", {"cirt": "maybe"})
    (problem,) = cwprofile.Profiles([folder]).warnings
    assert isinstance(problem, cwprofile.Problem)
    assert (problem.path, problem.field) == (str(folder / "la.yaml"), "indicators.cirt.status")
    assert isinstance(problem.line, int) and "maybe" in problem.message


def test_a_library_caller_gets_no_cache_unless_it_asks(isolated):
    cwprofile.Profiles()
    assert not isolated.exists() or list(isolated.iterdir()) == []
    cwprofile.Profiles(cache=True)
    assert [p.name for p in isolated.iterdir()]


def test_read_profile_validate_and_import_text(tmp_path):
    profile = cwprofile.read_profile(BUNDLED)
    assert (profile.iso2, profile.statuses["cirt"]) == ("KH", True)
    assert cwprofile.validate(BUNDLED) == []
    broken = tmp_path / "broken.yaml"
    broken.write_text(BUNDLED.read_text(encoding="utf-8").replace("iso2: KH", "iso2: XX"), "utf-8")
    problems = cwprofile.validate(broken)
    assert problems and all(p.path == str(broken) for p in problems)
    with pytest.raises(InvalidProfile):
        cwprofile.read_profile(broken)
    imported = cwprofile.import_text(SOURCE_TEXT.read_text(encoding="utf-8"))
    assert imported.profile == profile.__class__(imported.profile.model)
    assert (
        imported.profile.to_dict()["indicators"]
        == cwprofile.Profiles()["kh"].to_dict()["indicators"]
    )
    assert imported.decisions["cirt"].rule == "states what exists"
    assert imported.gaps == []


def test_a_notebook_shows_a_profile_and_the_profiles_as_html():
    html5lib = pytest.importorskip("html5lib")
    for shown in (cwprofile.Profiles()._repr_html_(), cwprofile.Profiles()["gb"]._repr_html_()):
        tree = html5lib.parse(shown, namespaceHTMLElements=False)
        assert tree.find(".//table") is not None
    assert "GovCertUK" in cwprofile.Profiles()["gb"]._repr_html_()


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    """The README's Python section, run as a notebook would run it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    # what the README's comments say each line prints
    said = re.findall(r"print\(.*\)\s+# (<Profile.*|\{'GB'.*)$", code, re.M)
    assert printed[:2] == said
    assert printed[2:5] == [
        "UK Computer Emergency Response Team (GovCertUK)",
        str(len(cwprofile.Profiles().search("cyber security", countries=["gb"]))),
        str({"name": "United Kingdom", "iso2": "GB", "iso3": "GBR"}),
    ]
