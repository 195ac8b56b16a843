"""The user's own library, as a new user meets it: a profile imported once with `--add` and
found by every command without -p; a second edition beside the first; the same edition again
already there; `remove`; a country known but not loaded; several countries where one is
missing; countries counted once; narrowed questions; search as people type; exports as files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from .conftest import ROOT, run_installed

UK_TEXT = ROOT / "tests" / "data" / "united-kingdom-source.txt"


@pytest.fixture
def library(isolated: Path) -> Path:
    """The user's library folder of this test (CWPROFILE_DATA_DIR, set by `isolated`)."""
    return isolated.parent / "library"


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    """The UK text, and the same text as a 2016 edition with its CIRT in place."""
    newer = tmp_path / "uk-2016.txt"
    newer.write_text(
        UK_TEXT.read_text(encoding="utf-8")
        .replace("12th August 2014", "3rd May 2016")
        .replace(
            "United Kingdom will be establishing a national CIRT by end of 2014.",
            "United Kingdom has an officially recognized national CIRT (CERT-UK).",
        ),
        encoding="utf-8",
    )
    return UK_TEXT, newer


def test_added_once_found_by_every_command_without_p(run, library, editions):
    _, newer = editions
    added = run("import", str(newer), "--add")
    assert sorted(p.name for p in library.iterdir()) == ["united-kingdom.yaml"]
    assert added.stderr.rstrip().endswith(
        f"Added to your library ({library}): every command finds it now; "
        "`cwprofile remove COUNTRY` takes one out."
    )
    assert run.json("show", "gb")["provenance"]["last_updated"] == "2016-05-03"
    assert run.json("indicator", "cirt", "gb")["profiles"][0]["status"] is True
    assert run.json("report-contact", "gb")["contacts"][0]["last_updated"] == "2016-05-03"
    compared = run.json("compare", "kh", "gb")
    assert [p["country"]["iso2"] for p in compared["profiles"]] == ["KH", "GB"]
    # as a real process too, the library found by the installed script
    shown = run_installed("show", "gb", "--json")
    assert json.loads(shown.stdout)["provenance"]["last_updated"] == "2016-05-03"


def test_a_second_edition_stands_beside_the_first_and_the_country_counts_once(
    run, library, editions
):
    older, newer = editions
    run("import", str(older), "--add")
    run("import", str(newer), "--add")
    assert sorted(p.name for p in library.iterdir()) == [
        "united-kingdom-2016-05-03.yaml",
        "united-kingdom.yaml",
    ]
    countries = run.json("countries")["profiles"]
    assert [(p["country"]["iso2"], p["last_updated"]) for p in countries] == [
        ("KH", "2014-08-26"),
        ("GB", "2016-05-03"),
        ("GB", "2014-08-12"),
    ]
    assert "3 profiles of 2 countries loaded." in run("countries").stdout
    wide = " ".join(run("countries", "--wide").stdout.split())
    assert (
        "Files are read from the bundled profiles, then your library (import --add), then "
        "CWPROFILE_PATH, then -p; for one country and edition the later wins." in wide
    )
    assert str(library / "united-kingdom.yaml") in wide
    counted = run.json("indicator", "cirt")
    assert counted["tally"] == {"yes": 2, "no": 0, "unknown": 0, "of": 2}
    assert counted["counted"] == "countries"
    assert (
        "2/2 countries yes, 0 no (each country's newest edition" in run("indicator", "cirt").stdout
    )
    every = run.json("indicator", "cirt", "--all-editions")
    assert (every["tally"]["of"], every["counted"]) == (3, "editions")
    assert len(run.json("compare")["profiles"]) == 2
    assert len(run.json("compare", "--all-editions")["profiles"]) == 3
    assert run.json("show", "gb@2014-08-12")["indicators"]["cirt"]["status"] is False


def test_the_same_edition_again_is_already_there_and_force_replaces_only_it(run, library, editions):
    older, newer = editions
    run("import", str(older), "--add")
    run("import", str(newer), "--add")
    kept = library / "united-kingdom.yaml"
    before = {p.name: p.read_bytes() for p in library.iterdir()}
    again = run("import", str(newer), "--add", "--json")
    (row,) = json.loads(again.stdout)["profiles"]
    assert row["result"] == "already there" and again.exit_code == 0
    assert {p.name: p.read_bytes() for p in library.iterdir()} == before
    dated = library / "united-kingdom-2016-05-03.yaml"
    dated.write_text(dated.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    run("import", str(newer), "--add", "--force")
    assert "# my note" not in dated.read_text(encoding="utf-8")  # that edition replaced
    assert kept.read_bytes() == before["united-kingdom.yaml"]  # and no other


def test_remove_takes_one_file_of_the_library_out_and_never_a_bundled_one(run, library, editions):
    _, newer = editions
    run("import", str(newer), "--add")
    removed = run("remove", "gb")
    assert removed.stderr == (
        f"Removed {library / 'united-kingdom.yaml'} from your library ({library}); "
        "still loaded: GB@2014-08-12\n"
    )
    assert list(library.iterdir()) == []
    bundled = run("remove", "gb", code=1)
    assert bundled.stderr == (
        "Error: the profile of United Kingdom (GB, 2014-08-12) is bundled with cwprofile, not "
        "in your library; it cannot be removed (a file of yours of the same edition replaces "
        "it)\n"
    )
    assert run("remove", "atlantis", code=1).stderr.startswith("Error: no profile for country")


def test_a_profile_from_another_folder_is_not_removed(run, tmp_path, monkeypatch):
    mine = tmp_path / "mine"
    run("import", str(UK_TEXT), "-o", f"{mine}/")
    (mine / "united-kingdom.yaml").rename(mine / "gb.yaml")
    monkeypatch.setenv("CWPROFILE_PATH", str(mine))
    refused = run("remove", "gb", code=1)
    assert "not from your library" in refused.stderr
    assert (mine / "gb.yaml").is_file()


def test_a_country_known_but_not_loaded_says_how_to_add_one(run):
    result = run("show", "france", code=1)
    assert result.stderr == (
        "Error: no profile of France (FR) is loaded (asked as 'france'); add one with "
        "`cwprofile import PROFILE.pdf --add` (or give its folder with -p)\n"
    )
    assert "no profile of Germany (DE) is loaded" in run("show", "DEU", code=1).stderr


def test_several_countries_answer_for_those_loaded_and_name_each_missing_one(run):
    result = run("report-contact", "kh", "xx", "fr", code=1)
    assert "Report a computer incident: Cambodia (KH, KHM)" in result.stdout
    assert result.stderr.splitlines() == [
        "Error: no profile for country 'xx'; see `cwprofile countries`",
        "Error: no profile of France (FR) is loaded (asked as 'fr'); add one with "
        "`cwprofile import PROFILE.pdf --add` (or give its folder with -p)",
    ]
    assert [p["country"]["iso2"] for p in run.json("compare", "kh", "gb")["profiles"]] == [
        "KH",
        "GB",
    ]
    partial = run("compare", "kh", "gb", "xx", "--json", code=1)
    assert len(json.loads(partial.stdout)["profiles"]) == 2
    assert run("indicator", "cirt", "xx", code=1).stdout == ""


def test_narrowed_questions(run):
    cirt = run.json("indicator", "cirt", "gb")
    assert [p["country"]["iso2"] for p in cirt["profiles"]] == ["GB"]
    assert cirt["tally"] == {"yes": 0, "no": 1, "unknown": 0, "of": 1}
    found = run.json("search", "NATO", "--country", "gb", "--indicator", "1.5.1")
    assert [(m["country"]["iso2"], m["indicator"]["code"]) for m in found["matches"]] == [
        ("GB", "1.5.1")
    ]
    nothing = run("search", "national", "--status", "unknown", "--json", code=1)
    assert json.loads(nothing.stdout)["count"] == 0
    statuses = {
        m["status"] for m in run.json("search", "cybersecurity", "--status", "no")["matches"]
    }
    assert statuses == {False}
    assert run("search", "x", "--indicator", "contact", code=2).exit_code == 2
    differing = run.json("compare", "kh", "gb", "--differences")
    assert all(i["differs"] for i in differing["indicators"])
    assert differing["agreeing_left_out"] == 21 - len(differing["indicators"])
    shown = run("compare", "kh", "gb", "-d").stdout
    assert f"{differing['agreeing_left_out']} indicators that agree left out." in shown
    for part, words in (
        ("contact", "UK Computer Emergency Response Team (GovCertUK)"),
        ("background", "62 798 000"),
        ("provenance", "2014-08-12"),
    ):
        out = run("show", "gb", "--section", part).stdout
        assert words in out
        assert "1.2.1" not in out.split()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("cyber security", "cybersecurity"),
        ("cyber-security", "cybersecurity"),
        ("cybersecurity", "cyber security"),
        ("Kingdom's", "Kingdom’s"),
        ("KINGDOM’S", "Kingdom’s"),
    ],
)
def test_search_as_people_type(run, query, found):
    document = run.json("search", query, "--country", "gb")
    covered = [
        match["evidence"][start:end]
        for match in document["matches"]
        for start, end in match["matches"]
    ]
    assert found in covered  # the highlight covers the text as written


def test_search_exact_is_the_literal_text(run):
    assert run("search", "Kingdom's", "--exact", code=1).stdout.startswith("No match")
    assert run.json("search", "Kingdom’s", "--exact")["count"] == 1
    assert run("search", "kingdom’s", "--exact", code=1).exit_code == 1


@pytest.mark.parametrize(
    ("ending", "check"),
    [
        (".md", lambda text: text.startswith("| Code | Indicator | KH | GB |")),
        (".csv", lambda text: text.startswith('"code","indicator","title","pillar","KH","GB"')),
        (".json", lambda text: json.loads(text)["profiles"][1]["country"]["iso2"] == "GB"),
        (".yaml", lambda text: "iso2: GB" in text),
        (".txt", lambda text: text.startswith("Code   Indicator")),
        (
            ".html",
            lambda text: (
                "<title>Comparison of 2 profiles: Cambodia, United Kingdom</title>" in text
            ),
        ),
        (".svg", lambda text: text.startswith("<svg")),
    ],
)
def test_an_export_is_the_file_only_in_the_format_of_its_ending(run, tmp_path, ending, check):
    target = tmp_path / f"x{ending}"
    result = run("compare", "kh", "gb", "--export", str(target))
    assert result.stdout == ""
    assert result.stderr == f"Wrote {target}\n"
    assert check(target.read_text(encoding="utf-8"))


def test_an_exported_csv_reads_back_in_pandas(run, tmp_path):
    import pandas as pd

    target = tmp_path / "x.csv"
    run("indicator", "cirt", "--export", str(target))
    frame = pd.read_csv(io.StringIO(target.read_text(encoding="utf-8")))
    assert frame["iso2"].tolist() == ["KH", "GB"]


def test_validate_says_no_such_file_and_reads_stdin(run):
    missing = run("validate", "/no/such/file", code=1)
    assert missing.stdout.startswith("/no/such/file: no such file\n")
    profile = run("import", str(UK_TEXT)).stdout
    assert run("validate", "-", input=profile).stdout.startswith("1 file checked: 1 valid")
    assert "-:1:" in run("validate", "-", input="- a list\n", code=1).stdout


@pytest.mark.parametrize("name", ["Britain", "Great Britain", "UK", "gbr"])
def test_common_english_names_of_a_country(run, name):
    assert run.json("show", name)["country"]["iso2"] == "GB"


def test_holland_is_the_netherlands_in_the_table():
    from cwprofile.countries import by_name

    assert by_name("Holland").iso2 == "NL"
    assert by_name("England") is None  # a part of the United Kingdom, not a country


def test_every_example_in_the_help_runs_on_the_bundled_profiles(run, tmp_path, monkeypatch):
    """What `--help` shows a new user works as shown, with no folder of their own (but the
    examples that name files of theirs: import, validate, schema, cache)."""
    import re
    import shlex

    from cwprofile.cli import app

    monkeypatch.chdir(tmp_path)
    helps = [run("--help").stdout] + [
        run(name, "--help").stdout for name in app.commands if name not in ("cache",)
    ]
    examples = [
        line.strip()
        for text in helps
        for line in text.split("Examples:")[-1].splitlines()
        if line.strip().startswith("cwprofile ")
    ]
    skipped = re.compile(r"^cwprofile (import|validate|schema|cache|remove|-p|.*\|)")
    ran = 0
    for example in examples:
        if skipped.match(example) or "|" in example or ">" in example:
            continue
        result = run(*shlex.split(example)[1:], code=None)
        assert result.exit_code == 0, (example, result.stderr)
        ran += 1
    assert ran >= 15
