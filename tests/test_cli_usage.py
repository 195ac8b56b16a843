"""The CLI as people expect it: global options, errors that point the right way, completion,
help, report-contact for responders, search's exit code, a cache that follows the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cwprofile import cache, library

from .conftest import has_code, make_variant, run_installed


@pytest.fixture
def laos_dir(user_dir: Path) -> Path:
    make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO", {"cirt": "no"})
    make_variant(user_dir / "th.yaml", "Thailand", "TH", "THA")
    return user_dir


def names(document: dict) -> list[str]:
    return [entry["country"]["name"] for entry in document["profiles"]]


def test_profile_options_go_before_or_after_the_command(run, laos_dir):
    before = json.loads(run("-p", str(laos_dir), "countries", "--json").stdout)
    after = json.loads(run("countries", "-p", str(laos_dir), "--json").stdout)
    assert names(before) == names(after) == ["Cambodia", "Laos", "Thailand", "United Kingdom"]
    assert (
        json.loads(run("--no-cache", "-p", str(laos_dir), "show", "la", "--json").stdout)[
            "country"
        ]["iso2"]
        == "LA"
    )
    (laos_dir / "bad.yaml").write_text("- a list\n", encoding="utf-8")
    assert run("--strict", "-p", str(laos_dir), "countries", code=1).stdout == ""


def test_cwprofile_p_dir_countries_as_a_real_process(laos_dir, tmp_path):
    result = run_installed("-p", str(laos_dir), "countries", "--json")
    assert names(json.loads(result.stdout)) == ["Cambodia", "Laos", "Thailand", "United Kingdom"]


@pytest.mark.parametrize(
    ("section", "codes"),
    [("tech", ["1.2.1", "1.2.2", "1.2.3"]), ("Leg", ["1.1.1", "1.1.2"]), ("cap", ["1.4.1", "1.4.2", "1.4.3", "1.4.4"]), ("COP", ["2.1", "2.2", "2.3", "2.4"])],
)  # fmt: skip
def test_section_takes_pillar_abbreviations(run, section, codes):
    text = run("show", "kh", "--section", section).stdout
    assert [
        line.split()[0] for line in text.splitlines() if line[:1].isdigit() and "  " in line
    ] == codes


def test_an_unknown_section_says_what_section_takes(run):
    result = run("show", "kh", "--section", "9", code=1)
    assert result.stderr.startswith("Error: no section, pillar or indicator '9'; sections are 1")
    close = run("show", "kh", "--section", "technicl", code=1)
    assert (
        close.stderr
        == "Error: no section, pillar or indicator 'technicl'; did you mean 'technical'?\n"
    )


@pytest.mark.parametrize("query", ["1.2", "technical", "tech"])
def test_an_indicator_given_a_pillar_names_its_indicators(run, query):
    result = run("indicator", query, code=1)
    assert result.stderr == (
        f"Error: {query!r} is the pillar 1.2 Technical measures, not one indicator; its "
        "indicators are cirt, standards, certification; name one of them, or see them all: "
        "cwprofile show COUNTRY --section 1.2\n"
    )


def complete(run, words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last of `words`."""
    parts = words.split(" ")
    completion = {"_CWPROFILE_COMPLETE": "complete_bash", "COMP_WORDS": words}
    completion["COMP_CWORD"] = str(len(parts) - 1)
    result = run_installed(env={**completion, **(env or {})})
    return result.stdout.split()


def test_completion_offers_iso_codes_from_every_folder_given(laos_dir, isolated):
    env = {"CWPROFILE_CACHE_DIR": str(isolated)}
    assert complete(None, "cwprofile show T", env) == []  # Thailand is not loaded
    assert complete(None, f"cwprofile -p {laos_dir} show T", env) == ["Thailand", "TH", "THA"]
    assert complete(None, f"cwprofile show -p {laos_dir} th", env) == ["thailand", "th", "tha"]
    typed = complete(None, f"cwprofile compare -p {laos_dir} cambodia ", env)
    assert "cambodia" not in typed and "kh" not in typed and "la" in typed


def test_completion_offers_indicator_codes_aliases_and_sections(isolated):
    env = {"CWPROFILE_CACHE_DIR": str(isolated)}
    assert complete(None, "cwprofile indicator 1.2.", env) == ["1.2.1", "1.2.2", "1.2.3"]
    assert complete(None, "cwprofile indicator cs", env) == ["csirt"]
    assert complete(None, "cwprofile show kh --section 1.", env)[:3] == ["1.1", "1.2", "1.3"]
    assert "technical" in complete(None, "cwprofile show kh --section te", env)


def test_help_has_one_example_a_line_everywhere(run):
    top = run("--help").stdout
    assert "Examples:\n    cwprofile show cambodia\n    cwprofile indicator cirt\n" in top
    assert "\n  list " in top  # the alias is listed
    for command in ("show", "import", "list", "report-contact", "search", "schema", "validate"):
        text = run(command, "--help").stdout
        examples = text.split("Examples:\n")[1].splitlines()
        assert examples and all(line.startswith("    ") for line in examples if line)
        assert all(line.count("cwprofile ") == 1 for line in examples if line)  # one a line
    assert "cwprofile cache clear" in run("cache", "clear", "--help").stdout


def test_report_contact_for_several_countries_with_age_and_caution(run, laos_dir):
    result = run("report-contact", "kh", "la", "-p", str(laos_dir))
    cards = result.stdout.split("\n\n")
    assert cards[0].startswith("Report a computer incident: Cambodia (KH, KHM)")
    assert cards[1].startswith("Report a computer incident: Laos (LA, LAO)")
    assert result.stdout.count("Last updated:  2014-08-26 (") == 2
    assert (
        result.stdout.rstrip()
        .splitlines()[-1]
        .startswith("Caution: 2 of these contacts are more than two years old")
    )
    document = json.loads(run("report-contact", "kh", "la", "-p", str(laos_dir), "--json").stdout)
    assert [c["country"]["iso2"] for c in document["contacts"]] == ["KH", "LA"]
    assert all(c["age_days"] > 730 for c in document["contacts"])


def test_a_recent_contact_gets_no_caution(run, user_dir):
    import datetime as dt

    recent = make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO")
    today = dt.date.today().isoformat()
    recent.write_text(recent.read_text(encoding="utf-8").replace("2014-08-26", today), "utf-8")
    out = run("report-contact", "la", "-p", str(user_dir)).stdout
    assert f"Last updated:  {today} (0 days old)" in out and "Caution" not in out


def test_search_exits_1_when_nothing_matches(run):
    result = run("search", "zzzz", code=1)
    assert result.stdout == "No match for 'zzzz'\n"
    assert json.loads(run("search", "zzzz", "--json", code=1).stdout)["count"] == 0
    assert run("search", "CamCERT", code=0).stdout


def test_search_snippets_are_cut_between_words(run):
    out = run("search", "Article 349").stdout
    assert "…has been enacted through" in out  # not "…ection has been"


def test_a_change_of_the_code_rebuilds_the_cache(run, monkeypatch):
    run("countries")
    compiled = []
    real = library.build

    def counting(*args, **kwargs):
        compiled.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "build", counting)
    run("countries")
    assert compiled == []  # warm
    monkeypatch.setattr(cache, "code_checksum", lambda: "another build")
    run("countries")
    assert compiled == [1]  # the code changed: compiled afresh


def test_every_command_lists_only_the_formats_it_has(run):
    assert "csv" not in run("show", "--help").stdout.split("--format")[1].split("\n")[0]
    assert "csv" in run("validate", "--help").stdout.split("--format")[1].split("\n")[0]


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html", "svg", "table", "text"])
def test_import_refuses_a_format_a_profile_is_not_written_in_before_reading(run, fmt):
    result = run("import", "no-such-file.txt", "--format", fmt, code=2)
    assert f"a profile is written as yaml or json, not {fmt}" in result.stderr
    assert "no-such-file" not in result.stderr  # refused before anything was read


@pytest.mark.parametrize("fmt", ["csv", "markdown", "text"])
def test_import_takes_the_report_formats_for_the_explanation(run, fmt):
    from .conftest import SOURCE_TEXT

    out = run("import", str(SOURCE_TEXT), "--explain", "--format", fmt).stdout
    assert has_code(out, "1.2.1") and "states what exists" in out


def test_import_writes_yaml_or_json(run):
    import json

    from .conftest import BUNDLED, SOURCE_TEXT

    assert run("import", str(SOURCE_TEXT), "--format", "yaml").stdout == BUNDLED.read_text(
        encoding="utf-8"
    )
    assert json.loads(run("import", str(SOURCE_TEXT), "--json").stdout)["country"]["iso2"] == "KH"


def test_compare_gives_one_column_per_profile_however_it_is_named(run):
    document = run.json("compare", "kh", "khm", "cambodia", "Cambodia (Kingdom of)")
    assert [p["country"]["iso2"] for p in document["profiles"]] == ["KH"]
    assert run("compare", "kh", "KHM").stdout.count(" KH ") <= 1
    contacts = run.json("report-contact", "kh", "cambodia")["contacts"]
    assert len(contacts) == 1


def test_import_into_a_new_folder_named_with_its_file(run, tmp_path):
    from .conftest import BUNDLED, SOURCE_TEXT

    target = tmp_path / "my-profiles" / "deeper" / "kh.yaml"
    result = run("import", str(SOURCE_TEXT), "-o", str(target))
    assert result.stderr == f"Wrote {target}\n"
    assert target.read_text(encoding="utf-8") == BUNDLED.read_text(encoding="utf-8")


def test_a_suggestion_never_repeats_an_option_already_given(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\n", encoding="utf-8")
    strict = run("import", str(notes), code=1).stderr
    assert "use --lenient" not in strict  # it cannot help a text that is no profile
    assert strict.rstrip().endswith("is not a profile, even with --lenient")
    damaged = tmp_path / "th.txt"
    from .conftest import SOURCE_TEXT

    damaged.write_text(
        SOURCE_TEXT.read_text(encoding="utf-8").replace("1.2.3 CERTIFICATION", "1.2.9 X"), "utf-8"
    )
    assert "use --lenient" in run("import", str(damaged), code=1).stderr  # there it helps
    lenient = run("import", str(notes), "--lenient", code=1).stderr
    assert "--lenient to" not in lenient
    assert lenient.rstrip().endswith(
        "a text with no country or no sections is not a profile, even with --lenient"
    )


def test_debug_after_the_command_shows_the_traceback(monkeypatch):
    from typer.testing import CliRunner

    from cwprofile import cli
    from cwprofile.reports import indicators

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(indicators, "catalog", broken)
    environment = cli.Environment()  # what a run knows travels in one object: the test's own
    assert environment.debug is False
    result = CliRunner().invoke(cli.app, ["indicators", "--debug"], obj=environment)
    assert isinstance(result.exception, RuntimeError)
    assert environment.debug is True


def test_completion_offers_the_names_a_country_is_found_by(laos_dir, isolated):
    words = f"cwprofile -p {laos_dir} show Lao"
    completion = {
        "_CWPROFILE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        "CWPROFILE_CACHE_DIR": str(isolated),
    }
    offered = run_installed(env=completion).stdout.splitlines()
    # bash inserts a completion as it is: spaces and quotes escaped, one word on the line
    assert {"Laos", "Lao\\ P.D.R.", "Lao\\ People\\'s\\ Democratic\\ Republic"} <= set(offered)
