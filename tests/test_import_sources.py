"""What `import` reads besides clean text: mis-decoded text, PDFs in ITU-like layouts (built
here from the source text with fpdf2), files and reports holding many profiles, many inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cwprofile.importer.profile import import_text
from cwprofile.importer.repair import repair

from .conftest import BUNDLED, SOURCE_TEXT, screen
from .pdfbuild import build
from .test_importer import as_thailand

SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")
MALAYSIA = (Path(__file__).parent / "data" / "template_malaysia.txt").read_text(encoding="utf-8")


# Mis-decoded text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("Article ¡ì 5 of the Law", "Article § 5 of the Law"),  # GBK read as Latin-1
        ("Cambodia¡¯s CERT", "Cambodia’s CERT"),
        ("the ¡°ALERT¡± exercise ¡ª held", "the “ALERT” exercise — held"),
        ("¡ì5", "§5"),
        ("Cambodiaâ€™s CERT", "Cambodia’s CERT"),  # UTF-8 read as Windows-1252 (ftfy)
        ("CÃ´te dâ€™Ivoire", "Côte d’Ivoire"),
        ("ﬁnancial", "financial"),
    ],
)
def test_mis_decoded_text_is_mended(wrong, right):
    assert repair(wrong) == right


@pytest.mark.parametrize(
    "right",
    [
        SOURCE,
        MALAYSIA,
        "¡Ánimo! ¡Última llamada! ¡ìndole!",  # Spanish: ¡ then a letter that goes on
        "Côte d’Ivoire, São Tomé and Príncipe, Türkiye, Åland",
        "“Quoted” — and ‘single’ … § 5, 10 °C, ± 3, № 7",
        "中华人民共和国网络安全法",
        "Ελληνική Δημοκρατία",
    ],
)
def test_right_text_is_left_alone(right):
    assert repair(right) == right


def test_a_gbk_mis_decoded_profile_imports_as_the_right_one():
    wrong = SOURCE.replace("Cambodia has acceded", "Cambodia¡¯s Government has acceded")
    right = SOURCE.replace("Cambodia has acceded", "Cambodia’s Government has acceded")
    assert import_text(wrong, "kh").yaml == import_text(right, "kh").yaml


# PDFs -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    (folder / "columns.pdf").write_bytes(build(SOURCE))
    (folder / "one-column.pdf").write_bytes(build(SOURCE, columns=False))
    (folder / "header.pdf").write_bytes(build(SOURCE, header="Cyberwellness Profile Cambodia"))
    (folder / "malaysia.pdf").write_bytes(build(MALAYSIA))
    (folder / "report.pdf").write_bytes(build(SOURCE, MALAYSIA, as_thailand(SOURCE)))
    return folder


@pytest.mark.parametrize("name", ["columns.pdf", "one-column.pdf", "header.pdf"])
def test_a_pdf_imports_as_its_text(run, pdfs, name):
    """Title block, the background in two columns (or one), running headers, a footer with
    page numbers, three pages: the same file as the text gives."""
    assert run("import", str(pdfs / name)).stdout == BUNDLED.read_text(encoding="utf-8")


def test_another_countrys_pdf_imports_as_its_text(run, pdfs):
    assert run("import", str(pdfs / "malaysia.pdf")).stdout == import_text(MALAYSIA, "x").yaml


def test_a_pdf_from_stdin(run, pdfs):
    from typer.testing import CliRunner

    from cwprofile.cli import app

    result = CliRunner().invoke(app, ["import", "-"], input=(pdfs / "columns.pdf").read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == BUNDLED.read_text(encoding="utf-8")


def test_without_the_pdf_extra_one_line_names_it(run, pdfs, monkeypatch):
    from cwprofile.importer import pdf

    monkeypatch.setattr(pdf, "available", lambda: False)
    result = run("import", str(pdfs / "columns.pdf"), code=1)
    assert result.stderr == (
        f"Error: {pdfs / 'columns.pdf'}: is a PDF; "
        "install PDF support with: pip install 'cwprofile[pdf]'\n"
    )


# Many profiles --------------------------------------------------------------------------------


def test_a_report_of_many_profiles_imports_one_file_per_country(run, pdfs, tmp_path):
    folder = tmp_path / "profiles"
    result = run("import", str(pdfs / "report.pdf"), "-o", str(folder), "--json")
    summary = json.loads(result.stdout)
    # Each page's header names the country: left out, and said in the gaps.
    assert [(p["country"], p["result"]) for p in summary["profiles"]] == [
        ("Cambodia", "with gaps"),
        ("Malaysia", "with gaps"),
        ("Thailand", "with gaps"),
    ]
    assert summary["counts"] == {"imported": 0, "with gaps": 3, "already there": 0, "failed": 0}
    assert all(
        re.fullmatch(
            r".*: furniture: left out \d lines inside sections as running headers, footers "
            r"or titles \(pages [\d, ]+\); --explain lists them",
            p["detail"],
        )
        for p in summary["profiles"]
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "cambodia.yaml",
        "malaysia.yaml",
        "thailand.yaml",
    ]
    assert (folder / "cambodia.yaml").read_text(encoding="utf-8") == BUNDLED.read_text(
        encoding="utf-8"
    )
    assert (folder / "thailand.yaml").read_text(encoding="utf-8") == (
        import_text(as_thailand(SOURCE), "th").yaml
    )
    countries = run.json("countries", "-p", str(folder))
    # Three profiles: the imported Cambodia takes the bundled one's place (the bundled United
    # Kingdom is still there, last).
    assert [p["origin"].startswith(str(folder)) for p in countries["profiles"]] == [
        *[True] * 3,
        False,
    ]


def test_a_text_of_many_profiles_after_an_introduction(run, tmp_path):
    introduction = (
        "Global Cybersecurity Index & Cyberwellness Profiles\n\nApril 2015\n\n"
        "Cyberwellness profiles are published for every member state.\n\f"
    )
    given = tmp_path / "report.txt"
    given.write_text(introduction + SOURCE + "\f" + MALAYSIA, encoding="utf-8")
    folder = tmp_path / "out"
    run("import", str(given), "-o", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["cambodia.yaml", "malaysia.yaml"]
    refused = run("import", str(given), code=1)
    assert refused.stderr == (
        f"Error: {given} holds 2 profiles; give a folder with -o DIR to write one file per country\n"
    )


def test_many_inputs_a_summary_exit_1_if_any_failed_and_nothing_overwritten(run, pdfs, tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    mine = folder / "malaysia.yaml"
    mine.write_text("my own edits\n", encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(
        as_thailand(SOURCE).replace("1.2.3 CERTIFICATION", "1.2.9 CERTIFICATION"), "utf-8"
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\n", encoding="utf-8")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    inputs = [str(pdfs / "columns.pdf"), str(pdfs / "malaysia.pdf"), str(broken), str(notes)]
    result = run("import", *inputs, str(damaged), "-o", str(folder), "--json", code=1)
    summary = json.loads(result.stdout)
    outcomes = [(p["source"], p["result"]) for p in summary["profiles"]]
    assert outcomes == [
        (str(pdfs / "columns.pdf"), "with gaps"),  # its running header, told
        (str(pdfs / "malaysia.pdf"), "with gaps"),
        (str(broken), "failed"),
        (str(notes), "failed"),
        (str(damaged), "failed"),
    ]
    details = [p["detail"] for p in summary["profiles"]]
    # A file of that name that is not this edition's: the profile goes beside it, dated.
    beside = summary["profiles"][1]["file"]
    updated = import_text(MALAYSIA, "x").document["provenance"]["last_updated"]
    assert beside == str(folder / f"malaysia-{updated}.yaml")
    assert (
        details[2]
        == f"{broken}:47: 1.2.9: unknown section 1.2.9 CERTIFICATION (and 1 more problems)"
    )
    assert (
        details[3]
        == f"{notes}:1: country: found no 'CYBERWELLNESS PROFILE' title naming the country; "
        "give the country with --country CODE (an ISO 3166-1 code: KH, KHM) (and 21 more problems)"
    )
    assert details[4].startswith(f"{damaged}: cannot read the PDF: it is damaged or not a PDF")
    assert mine.read_text(encoding="utf-8") == "my own edits\n"
    assert "Importing" not in result.stderr  # no progress bar off a terminal

    again = run("import", *inputs, "-o", str(folder), code=1)
    assert again.stdout.splitlines()[-1] == "4 profiles: 2 already there, 2 failed."
    lenient = run("import", *inputs, "-o", str(folder), "--lenient", "--force", code=1)
    assert lenient.stdout.splitlines()[-1] == "4 profiles: 3 with gaps, 1 failed."
    assert mine.read_text(encoding="utf-8") == "my own edits\n"  # --force: that edition only
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_two_editions_of_one_country_are_both_kept(run, tmp_path):
    older = tmp_path / "older.txt"
    older.write_text(SOURCE.replace("26th August 2014", "1st March 2013"), encoding="utf-8")
    folder = tmp_path / "out"
    run("import", str(SOURCE_TEXT), str(older), "-o", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == [
        "cambodia-2013-03-01.yaml",
        "cambodia-2014-08-26.yaml",
    ]


def test_a_folder_named_with_a_slash_is_a_folder(run, tmp_path):
    run("import", str(SOURCE_TEXT), "-o", f"{tmp_path / 'new'}/")
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["cambodia.yaml"]


def test_several_inputs_need_a_folder(run):
    result = run("import", str(SOURCE_TEXT), str(SOURCE_TEXT), code=2)
    assert "several inputs need a folder to write to (-o DIR)" in result.stderr


def test_explain_tells_each_status_its_sentence_and_rule(run):
    document = run.json("import", str(SOURCE_TEXT), "--explain")
    (profile,) = document["profiles"]
    rows = {row["id"]: row for row in profile["statuses"]}
    assert len(rows) == 21
    assert rows["cirt"] == {
        "id": "cirt",
        "code": "1.2.1",
        "title": "CIRT",
        "status": True,
        "sentence": "Cambodia has an officially recognized national CIRT (CamCERT).",
        "rule": "states what exists",
    }
    assert rows["policy"]["rule"] == "negative sentence: 'does not'"
    text = run("import", str(SOURCE_TEXT), "--explain").stdout
    assert "How the statuses of Cambodia were read" in text
    assert "1.2.1  CIRT" in text and "states what exists" in text


@pytest.mark.parametrize("columns", [40, 80, 120, 200])
def test_explain_and_the_summary_on_a_terminal(run, tmp_path, columns):
    """Every word of every sentence, code and rule reaches the screen whole."""
    document = run.json("import", str(SOURCE_TEXT), "--explain")
    shown = set(screen(["import", str(SOURCE_TEXT), "--explain"], columns).split())
    for row in document["profiles"][0]["statuses"]:
        words = f"{row['code']} {row['rule']} {row['sentence']}".split()
        assert set(words) <= shown, (row["code"], set(words) - shown)
    folder = tmp_path / "out"
    text = screen(
        ["import", str(SOURCE_TEXT), str(SOURCE_TEXT), "-o", str(folder)], columns, code=1
    )
    assert "2 profiles: 1 imported, 1 failed." in " ".join(text.split())
    assert str(folder / "cambodia.yaml") in text.split()
    assert "the same country and edition as" in text
    assert "Importing" in text  # the progress bar, on a terminal only


def test_import_reports_read_back_by_their_consumers(run, tmp_path):
    """The explanation and the summary: JSON valid against `cwprofile schema import`, CSV
    through pandas and YAML through PyYAML and ruamel.yaml equal to the JSON."""
    import io

    import pandas as pd
    import yaml
    from jsonschema import Draft202012Validator, FormatChecker
    from ruamel.yaml import YAML

    schema = json.loads(run("schema", "import").stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\n", encoding="utf-8")
    runs = [
        ("import", str(SOURCE_TEXT), "--explain"),
        ("import", str(SOURCE_TEXT), str(notes), "-o", str(tmp_path / "a"), "--explain"),
        ("import", str(SOURCE_TEXT), str(notes), "-o", str(tmp_path / "b")),
    ]
    for arguments in runs:
        code = 1 if str(notes) in arguments else 0
        document = json.loads(run(*arguments, "--json", code=code).stdout)
        assert [e.message for e in validator.iter_errors(document)] == []
        text = run(*arguments, "--format", "yaml", "--force", code=code).stdout
        for loaded in (yaml.safe_load(text), YAML(typ="safe", pure=True).load(text)):
            assert loaded == document
        frame = pd.read_csv(
            io.StringIO(run(*arguments, "--format", "csv", "--force", code=code).stdout),
            dtype=str,
            keep_default_na=False,
        )
        if "--explain" in arguments:
            rows = []
            for profile in document["profiles"]:
                rows += [(s["rule"], s["sentence"]) for s in profile["statuses"]]
                if profile["contact"] is not None:
                    rows.append(("the computer-incident sentence", profile["contact"]["sentence"]))
                rows += [
                    (f"{r['reason']}, page {r['page']}", r["text"]) for r in profile["furniture"]
                ]
            assert list(zip(frame["rule"], frame["sentence"], strict=True)) == rows
        else:
            assert frame["result"].tolist() == [p["result"] for p in document["profiles"]]
            assert frame["detail"].tolist() == [p["detail"] or "" for p in document["profiles"]]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "cp1252", "latin-1"])
def test_text_in_other_encodings(run, tmp_path, codec):
    """UTF-16 with its byte-order mark, Windows-1252 and Latin-1 read as UTF-8 does."""
    text = SOURCE.replace("Cambodia has acceded", "Cambodia’s Government has acceded")
    if codec == "latin-1":
        text = text.replace("’", "'")
    given = tmp_path / "kh.txt"
    encoded = text.encode(codec)
    given.write_bytes(b"\xfe\xff" + encoded if codec == "utf-16-be" else encoded)
    assert run("import", str(given)).stdout == import_text(text, "kh").yaml
