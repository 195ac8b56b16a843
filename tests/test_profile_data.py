"""The bundled Cambodia profile against its source text, fact by fact."""

from __future__ import annotations

import json
import re

import pytest

from cwprofile.catalog import INDICATORS, PILLARS, SECTIONS

from .conftest import SOURCE_TEXT

# The statuses as a reader of the source states them (the specification, read by a person).
EXPECTED_STATUS = {
    "1.1.1": True, "1.1.2": False,
    "1.2.1": True, "1.2.2": False, "1.2.3": False,
    "1.3.1": False, "1.3.2": False, "1.3.3": True, "1.3.4": False,
    "1.4.1": False, "1.4.2": False, "1.4.3": False, "1.4.4": False,
    "1.5.1": False, "1.5.2": False, "1.5.3": False, "1.5.4": True,
    "2.1": True, "2.2": True, "2.3": False, "2.4": True,
}  # fmt: skip


def fold(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture
def profile(run) -> dict:
    return run.json("show", "cambodia")


def test_every_indicator_has_the_status_the_source_states(profile):
    got = {entry["code"]: entry["status"] for entry in profile["indicators"].values()}
    assert got == EXPECTED_STATUS
    assert profile["derived"]["tally"] == {"yes": 7, "no": 14, "unknown": 0, "of": 21}


def test_every_indicator_carries_the_catalog_code_title_pillar_and_section(profile):
    assert list(profile["indicators"]) == [i.id for i in INDICATORS]
    for indicator in INDICATORS:
        entry = profile["indicators"][indicator.id]
        assert entry["code"] == indicator.code
        assert entry["title"] == indicator.title
        assert entry["pillar"] == indicator.pillar.id
        assert entry["section"] == indicator.section.id


def _section_text(source: str, code: str) -> str:
    """The source's text between one numbered heading and the next, folded."""
    headings = [i.code for i in INDICATORS] + [p.code for p in PILLARS] + [s.code for s in SECTIONS]
    pattern = re.compile(
        r"^\s*(" + "|".join(re.escape(h) for h in headings) + r")\.?\s+[A-Z][A-Z -]+\s*$", re.M
    )
    marks = [(m.group(1), m.start(), m.end()) for m in pattern.finditer(source)]
    for index, (found, _, end) in enumerate(marks):
        if found == code:
            stop = (
                marks[index + 1][1]
                if index + 1 < len(marks)
                else source.index("-----------------------------------------------------------")
            )
            body = re.sub(r"-+ Page \d+-+", " ", source[end:stop])
            body = re.sub(r"^\s*\d{1,2}\s*$", " ", body, flags=re.M)
            return fold(body)
    raise AssertionError(f"no section {code} in the source")


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_evidence_is_the_source_text_word_for_word(profile, source, indicator):
    evidence = profile["indicators"][indicator.id]["evidence"]
    assert fold(evidence) == _section_text(source, indicator.code)


def test_paragraphs_and_instrument_lines_are_kept(profile):
    indicators = profile["indicators"]
    assert indicators["criminal_legislation"]["evidence"].endswith(
        "legal instrument:\n- Criminal Court of the Kingdom of Cambodia: Articles 317-320 and Articles 427-432"
    )
    assert indicators["cop_legislation"]["evidence"].endswith(
        "\n- Article 349 of the Criminal Code."
    )
    first, second = indicators["un_convention"]["evidence"].split("\n\n")
    assert first.endswith(
        "to articles 16, 17(e) and 34(c), to the Convention on the Rights of the Child."
    )
    assert second.startswith(
        "Cambodia has signed and ratified, with no declarations or reservations to articles 2 and 3"
    )


def test_background_figures_and_their_sources(profile):
    population = profile["background"]["population"]
    assert population == {
        "as_printed": "14 478 000",
        "value": 14478000,
        "source": "United Nations Statistics Division",
        "date": "December 2012",
    }
    internet = profile["background"]["internet_users"]
    assert internet == {
        "as_printed": "6.00%",
        "value": 6.0,
        "source": "ITU Statistics",
        "date": "2013",
    }


def test_country_contact_and_provenance(profile):
    assert profile["country"] == {"name": "Cambodia", "iso2": "KH", "iso3": "KHM"}
    assert profile["contact"] == {
        "organisation": "National Cambodia Computer Emergency Response Team (CamCERT)",
        "phone": "(855) 92 335 536",
        "email": "incident@camcert.gov.kh",
        "web": None,
    }
    assert profile["derived"]["phone_e164"] == "+85592335536"
    assert profile["provenance"] == {
        "last_updated": "2014-08-26",
        "disclaimer": "http://www.itu.int/en/Pages/copyright.aspx",
        "more_information": "http://www.itu.int/en/ITU-D/Cybersecurity/Pages/default.aspx",
    }


def test_every_line_of_the_source_is_reachable_in_the_json(run, source):
    """Completeness: each line of text in the source (bar headings and page furniture) is
    somewhere in `show --json`, word for word."""
    everything = fold(run("show", "cambodia", "--json").stdout.replace("\\n", " "))
    furniture = re.compile(
        r"^(-+ Page \d+-+|\d{1,2}|-{20,}|CYBERWELLNESS PROFILE|CAMBODIA|BACKGROUND"
        r"|\d(\.\d){0,2}\.?\s+[A-Z][A-Z &()-]+)$"
    )
    checked = 0
    for raw in source.splitlines():
        line = fold(raw)
        if not line or furniture.match(line):
            continue
        if line.startswith("Total Population:"):
            assert "14 478 000" in everything and "6.00%" in everything
        elif line.startswith("(data source:"):
            for part in (
                "United Nations Statistics Division",
                "December 2012",
                "ITU Statistics",
                '"2013"',
            ):
                assert part in everything
        elif line.startswith(("DISCLAIMER:", "More information")):
            assert line.split()[-1] in everything
        elif line.startswith("Last updated on"):
            assert '"last_updated":"2014-08-26"' in everything
        else:
            assert line in everything, line
        checked += 1
    assert checked > 40


def test_json_document_is_one_valid_profile_file(run, tmp_path):
    """The output of `show --json` can itself be loaded as a profile file."""
    document = run("show", "kh", "--json").stdout
    target = tmp_path / "from-json.json"
    target.write_text(document, encoding="utf-8")
    result = run("validate", str(target), "--json")
    assert json.loads(result.stdout)["files"][0]["valid"] is True
