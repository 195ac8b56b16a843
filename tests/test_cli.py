"""The commands through Typer's CliRunner: exit codes, stdout, stderr, JSON shapes."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from cwprofile import __version__
from cwprofile.catalog import INDICATORS
from cwprofile.cli import app

from .conftest import has_code

COMMANDS = [
    "show", "indicator", "indicators", "countries", "list", "report-contact", "compare",
    "search", "validate", "schema", "import", "remove", "database", "cache",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run, command):
    result = run(command, "--help")
    assert "Usage: cwprofile " + command in " ".join(result.stdout.split())
    assert "Examples:\n    cwprofile " in result.stdout


def test_the_command_list_is_complete(run):
    listed = run("--help").stdout
    registered = {c.name or c.callback.__name__ for c in app.registered_commands if not c.hidden}
    registered |= {"cache"}
    for name in registered:
        assert f"\n  {name} " in listed
    assert set(COMMANDS) == registered
    assert "..." not in listed.split("Commands:")[1]  # every summary whole


def test_version(run):
    assert run("--version").stdout == f"cwprofile {__version__}\n"


def test_no_arguments_prints_help_and_exits_2(run):
    result = run(code=2)
    assert "Usage" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "query", ["cambodia", "Cambodia", "CAMBODIA", "kh", "KH", "khm", "KhM", " cambodia "]
)
def test_show_finds_the_country_by_name_or_iso_code(run, query):
    document = run.json("show", query)
    assert document["country"]["iso3"] == "KHM"


def test_show_prints_every_section_with_marks_and_contact(run):
    out = run("show", "cambodia").stdout
    assert out.startswith("Cyberwellness profile: Cambodia (KH, KHM)\n")
    for indicator in INDICATORS:
        assert has_code(out, indicator.code) and indicator.title in out
    for heading in (
        "1.1 Legal measures: 1/2 yes",
        "1.4 Capacity building: 0/4 yes",
    ):
        assert heading in out
    heading = "2. Child online protection: 3/4 yes"  # the pillar's tally in its section's heading
    assert f"{heading}\n{'-' * len(heading)}\n\nCode " in out
    assert "Indicators:        7/21 yes" in out
    assert "Phone:         (855) 92 335 536\nE.164:         +85592335536\n" in out
    assert "Last updated:      2014-08-26 (" in out
    assert "\x1b" not in out


def test_show_reports_the_age_of_the_data(run):
    import datetime as dt

    days = (dt.date.today() - dt.date(2014, 8, 26)).days
    document = run.json("show", "kh")
    assert document["derived"]["age_days"] == days
    assert f"({days // 365} years old)" in run("show", "kh").stdout


@pytest.mark.parametrize(
    ("section", "codes"),
    [
        ("1.2", ["1.2.1", "1.2.2", "1.2.3"]),
        ("technical", ["1.2.1", "1.2.2", "1.2.3"]),
        ("2", ["2.1", "2.2", "2.3", "2.4"]),
        ("child online protection", ["2.1", "2.2", "2.3", "2.4"]),
        ("cirt", ["1.2.1"]),
        ("1.5.4", ["1.5.4"]),
    ],
)
def test_show_one_section(run, section, codes):
    text = run("show", "kh", "--section", section).stdout
    shown = [i.code for i in INDICATORS if f"\n{i.code} " in text]
    assert shown == codes
    assert "Report a computer incident" not in text
    document = run.json("show", "kh", "--section", section)
    assert len(document["indicators"]) == 21  # the JSON is always the whole profile


def test_show_unknown_section_is_one_line_and_exit_1(run):
    result = run("show", "kh", "--section", "nonsense", code=1)
    assert result.stderr.startswith("Error: no section, pillar or indicator 'nonsense'; ")
    assert result.stderr.count("\n") == 1


def test_unknown_country_suggests_the_closest(run):
    result = run("show", "cambodja", code=1)
    assert result.stderr == "Error: no profile for country 'cambodja'; did you mean 'Cambodia'?\n"
    assert result.stdout == ""


def test_unknown_country_without_close_match_points_to_countries(run):
    result = run("report-contact", "atlantis", code=1)
    assert result.stderr == "Error: no profile for country 'atlantis'; see `cwprofile countries`\n"


@pytest.mark.parametrize("query", ["cirt", "CIRT", "1.2.1", "cert", "csirt", "Incident Response"])
def test_indicator_by_id_code_alias_or_title(run, query):
    document = run.json("indicator", query)
    assert document["indicator"] == {
        "id": "cirt", "code": "1.2.1", "title": "CIRT", "pillar": "technical", "section": "cybersecurity",
    }  # fmt: skip
    assert document["profiles"] == [
        {
            "country": {"name": "Cambodia", "iso2": "KH", "iso3": "KHM"},
            "last_updated": "2014-08-26",
            "origin": "bundled:cambodia.yaml",
            "status": True,
            "evidence": "ITU completed a CIRT readiness assessment for Cambodia at Yangon, Myanmar in "
            "October 2011. Cambodia has an officially recognized national CIRT (CamCERT).",
        },
        {
            "country": {"name": "United Kingdom", "iso2": "GB", "iso3": "GBR"},
            "last_updated": "2014-08-12",
            "origin": "bundled:united-kingdom.yaml",
            "status": False,
            "evidence": "United Kingdom will be establishing a national CIRT by end of 2014. It has "
            "the 3 following governmental CIRTs:\n- CSIRTUK (Critical Infrastructure)\n"
            "- csirtuk@cpni.gsi.gov.uk\n- GovCertUK (Govt Networks)\n"
            "- enquiries@govcertuk.gov.uk\n- MODCERT (Military Network)\n- cert@cert.mod.uk",
        },
    ]
    assert document["tally"] == {"yes": 1, "no": 1, "unknown": 0, "of": 2}
    assert document["schema_version"] == 3
    assert document["warnings"] == []


def test_indicator_by_title_word(run):
    assert run.json("indicator", "roadmap")["indicator"]["code"] == "1.3.2"
    assert run.json("indicator", "benchmarking")["indicator"]["code"] == "1.3.4"


def test_indicator_table_and_tally(run):
    out = run("indicator", "policy").stdout
    assert out.splitlines()[0] == "1.3.1 Policy (Organization measures)"
    assert re.search(
        r"\nCambodia +no +Cambodia does not have any officially recognized national\s+cybersecurity\s+strategy\.",
        out,
    )
    assert re.search(r"\nUnited Kingdom +yes +United Kingdom has an officially recognized", out)
    assert out.rstrip().endswith("Policy (1.3.1): 1/2 countries yes, 1 no")


def test_ambiguous_indicator_lists_candidates(run):
    result = run("indicator", "development", code=1)
    assert result.stderr == (
        "Error: 'development' matches 2 indicators: standardisation_development, "
        "manpower_development; name one of them\n"
    )


def test_unknown_indicator_suggests(run):
    result = run("indicator", "cirtt", code=1)
    assert result.stderr == "Error: no indicator 'cirtt'; did you mean 'cirt'?\n"


def test_indicators_catalog(run):
    document = run.json("indicators")
    assert [entry["code"] for entry in document["indicators"]] == [i.code for i in INDICATORS]
    assert document["indicators"][2]["aliases"] == ["cert", "csirt", "incident response"]
    out = run("indicators").stdout
    assert "1.2.1  cirt" in out and "1.2    technical" in out  # under each pillar
    assert out.rstrip().endswith("21 indicators in 6 pillars; their aliases: --wide")
    wide = run("indicators", "--wide").stdout
    assert "cert, csirt, incident response" in wide


def test_countries(run):
    document = run.json("countries")
    assert document["profiles"] == [
        {
            "country": {"name": "Cambodia", "iso2": "KH", "iso3": "KHM"},
            "last_updated": "2014-08-26",
            "origin": "bundled:cambodia.yaml",
            "tally": {"yes": 7, "no": 14, "unknown": 0, "of": 21},
            "pillars": {
                "legal": {"yes": 1, "no": 1, "unknown": 0, "of": 2},
                "technical": {"yes": 1, "no": 2, "unknown": 0, "of": 3},
                "organizational": {"yes": 1, "no": 3, "unknown": 0, "of": 4},
                "capacity_building": {"yes": 0, "no": 4, "unknown": 0, "of": 4},
                "cooperation": {"yes": 1, "no": 3, "unknown": 0, "of": 4},
                "child_online_protection": {"yes": 3, "no": 1, "unknown": 0, "of": 4},
            },
        },
        {
            "country": {"name": "United Kingdom", "iso2": "GB", "iso3": "GBR"},
            "last_updated": "2014-08-12",
            "origin": "bundled:united-kingdom.yaml",
            "tally": {"yes": 19, "no": 2, "unknown": 0, "of": 21},
            "pillars": {
                "legal": {"yes": 2, "no": 0, "unknown": 0, "of": 2},
                "technical": {"yes": 2, "no": 1, "unknown": 0, "of": 3},
                "organizational": {"yes": 4, "no": 0, "unknown": 0, "of": 4},
                "capacity_building": {"yes": 3, "no": 1, "unknown": 0, "of": 4},
                "cooperation": {"yes": 4, "no": 0, "unknown": 0, "of": 4},
                "child_online_protection": {"yes": 4, "no": 0, "unknown": 0, "of": 4},
            },
        },
    ]
    assert document["warnings"] == []
    assert run("list").stdout == run("countries").stdout


def test_report_contact_for_all_and_for_one(run):
    everyone = run.json("report-contact")
    one = run.json("report-contact", "KHM")
    assert [c["country"]["iso2"] for c in everyone["contacts"]] == ["KH", "GB"]
    assert everyone["contacts"][:1] == one["contacts"]
    assert one["contacts"] == [
        {
            "country": {"name": "Cambodia", "iso2": "KH", "iso3": "KHM"},
            "last_updated": "2014-08-26",
            "origin": "bundled:cambodia.yaml",
            "age_days": (dt.date.today() - dt.date(2014, 8, 26)).days,
            "stale": True,
            "organisation": "National Cambodia Computer Emergency Response Team (CamCERT)",
            "phone": "(855) 92 335 536",
            "phone_e164": "+85592335536",
            "email": "incident@camcert.gov.kh",
            "web": None,
            "tel_uri": "tel:+85592335536",
            "mailto_uri": "mailto:incident@camcert.gov.kh",
        }
    ]
    card = run("report-contact", "kh").stdout
    assert card.splitlines()[:2] == [
        "Report a computer incident: Cambodia (KH, KHM)",
        "Organisation:  National Cambodia Computer Emergency Response Team (CamCERT)",
    ]
    assert "Phone:         (855) 92 335 536\nE.164:         +85592335536\n" in card
    assert "Email:         incident@camcert.gov.kh\n" in card
    assert "Last updated:  2014-08-26 (" in card


def test_json_and_format_must_agree(run):
    result = run("indicators", "--json", "--format", "csv", code=2)
    assert "--json and --format do not agree" in result.stderr
    assert (
        run("indicators", "--json", "--format", "json").stdout == run("indicators", "--json").stdout
    )


def test_json_output_is_one_document_and_nothing_else(run):
    for args in (
        ["show", "kh"],
        ["indicator", "cirt"],
        ["indicators"],
        ["countries"],
        ["report-contact"],
        ["compare"],
        ["search", "CamCERT"],
    ):
        result = run(*args, "--json")
        json.loads(result.stdout)
        assert result.stderr == ""


def test_plain_output_has_no_escape_codes_even_with_colour_terminals_set(run, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    for args in (
        ["show", "kh"],
        ["indicator", "cirt"],
        ["countries"],
        ["report-contact"],
        ["compare"],
    ):
        assert "\x1b" not in run(*args).stdout


def test_force_color_gives_rich_output_with_marks(run, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("indicator", "cirt").stdout
    assert "\x1b[" in out
    assert "✓ yes" in out


def test_no_color_is_honoured_on_a_terminal(run, monkeypatch):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    out = run("indicator", "cirt").stdout
    assert "✓ yes" in out
    assert "\x1b[32m" not in out and "\x1b[1;32m" not in out


def test_show_offers_no_csv_and_usage_errors_come_before_the_data(run):
    result = run("show", "kh", "--format", "csv", code=2)
    assert "'csv' is not one of" in result.stderr
    assert "csv" not in run("show", "--help").stdout.split("--format")[1].split("\n\n")[0]
    # the unknown country is never looked up: the usage error is found first
    assert "do not agree" in run("show", "atlantis", "--json", "--format", "yaml", code=2).stderr
    assert "must end in one of" in run("show", "atlantis", "--export", "x.pdf", code=2).stderr
    assert ", .csv" not in run("show", "atlantis", "--export", "x.csv", code=2).stderr


def test_export_svg_and_html_and_never_overwrite(run, tmp_path):
    svg = tmp_path / "cirt.svg"
    html = tmp_path / "cirt.html"
    written = run("indicator", "cirt", "--export", str(svg))
    assert (written.stdout, written.stderr) == ("", f"Wrote {svg}\n")  # the file only
    run("indicator", "cirt", "--export", str(html))
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert "CamCERT" in html.read_text(encoding="utf-8")
    svg.write_text("mine", encoding="utf-8")
    result = run("indicator", "cirt", "--export", str(svg), code=1)
    assert "already exists; use --force to replace it" in result.stderr
    assert svg.read_text(encoding="utf-8") == "mine"
    run("indicator", "cirt", "--export", str(svg), "--force")
    assert svg.read_text(encoding="utf-8").startswith("<svg")


def test_export_needs_a_known_ending(run, tmp_path):
    result = run("indicators", "--export", str(tmp_path / "out.pdf"), code=2)
    assert (
        "Invalid value for --export: 'out.pdf' must end in one of .txt, .json, .yaml, .yml, .csv, .md, .markdown, .html, .htm, .svg"
        in result.stderr
    )
    assert not (tmp_path / "out.pdf").exists()


def test_schema_is_json_schema(run):
    document = json.loads(run("schema").stdout)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["indicators"]["required"] == [i.id for i in INDICATORS]


def test_json_is_compact_for_programs_and_indented_on_a_terminal(run, monkeypatch):
    compact = run("indicator", "cirt", "--json").stdout
    assert compact.count("\n") == 1
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    pretty = run("indicator", "cirt", "--json").stdout
    assert pretty.startswith('{\n  "schema_version": 3,\n')
    assert json.loads(pretty) == json.loads(compact)


@pytest.mark.parametrize("command", sorted(app.commands))
def test_the_one_command_app_reads_the_same_as_the_full_app(command):
    from typer.testing import CliRunner

    from cwprofile.cli import _app_for

    single = _app_for([command])
    assert single is not app
    runner = CliRunner()
    for arguments in ([command, "--help"], [command, "--no-such-option"], [command, "-f", "bogus"]):
        full_result = runner.invoke(app, arguments)
        single_result = runner.invoke(single, arguments)
        assert (single_result.exit_code, single_result.stdout, single_result.stderr) == (
            full_result.exit_code,
            full_result.stdout,
            full_result.stderr,
        )


def test_top_level_options_and_groups_get_the_full_app():
    from cwprofile.cli import _app_for

    for arguments in ([], ["--help"], ["--debug", "show", "kh"], ["cache", "clear"], ["nonsense"]):
        assert _app_for(arguments) is app


def test_every_command_returns_a_report_and_declares_only_its_own_options():
    """The CLI's commands, as written: each returns a Report (which carries its exit code),
    and takes the option groups (`Request`, `ProfileOptions`, ...) and the run's
    `Environment` as one parameter each, never their options one by one."""
    import inspect

    from cwprofile.cli import GROUPS, Environment, cache_app

    group_options = {p.name for group in GROUPS.values() for p in group.options}
    for typer_app in (app, cache_app):
        for name, (_, _, function) in typer_app.commands.items():
            signature = inspect.signature(function)
            assert signature.return_annotation == "Report", name
            own = {
                p.name
                for p in signature.parameters.values()
                if p.annotation not in (*GROUPS, Environment)
            }
            # `import` writes files of its own: its --force is its, not the export's.
            assert own & group_options <= ({"force"} if name in ("import", "database") else set())


def test_a_code_is_found_as_a_token_never_inside_another():
    assert has_code("1.2.1 CIRT", "1.2.1") and has_code("(2.1)", "2.1")
    assert not has_code("1.2.1 CIRT", "2.1") and not has_code("1.2.1", "1.2")
    assert not has_code("2.1.3", "2.1") and not has_code("12.1", "2.1")
