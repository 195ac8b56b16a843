"""The bundled United Kingdom profile against its source text (ITU's, as found: its quotes and
section signs mis-decoded, GBK read as Latin-1), fact by fact; and the bundled file is what
`cwprofile import` makes of that text, with no hand edits."""

from __future__ import annotations

import json
import re

import pytest

from cwprofile.catalog import INDICATORS

from .conftest import ROOT, run_installed
from .test_profile_data import fold

SOURCE = ROOT / "tests" / "data" / "united-kingdom-source.txt"
BUNDLED = ROOT / "profiles" / "united-kingdom.yaml"

# The statuses as a reader of the source states them.
EXPECTED_STATUS = {
    "1.1.1": True, "1.1.2": True,
    "1.2.1": False, "1.2.2": True, "1.2.3": True,
    "1.3.1": True, "1.3.2": True, "1.3.3": True, "1.3.4": True,
    "1.4.1": False, "1.4.2": True, "1.4.3": True, "1.4.4": True,
    "1.5.1": True, "1.5.2": True, "1.5.3": True, "1.5.4": True,
    "2.1": True, "2.2": True, "2.3": True, "2.4": True,
}  # fmt: skip
# What the text mis-decodes, and what it means.
MENDED = {"¡¯": "’", "¡ì": "§"}


def mended(text: str) -> str:
    for wrong, right in MENDED.items():
        text = text.replace(wrong, right)
    return text


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def profile(run) -> dict:
    return run.json("show", "gb")


def test_the_bundled_file_is_exactly_what_import_makes_of_the_text(run):
    assert run("import", str(SOURCE)).stdout == BUNDLED.read_text(encoding="utf-8")


def test_the_source_is_itus_text_as_found(source):
    assert "United Kingdom¡¯s National Technical Authority" in source
    assert "-¡ì48-¡ì50 of the Sexual Offences Act." in source


def test_every_indicator_has_the_status_the_source_states(profile):
    got = {entry["code"]: entry["status"] for entry in profile["indicators"].values()}
    assert got == EXPECTED_STATUS
    assert profile["derived"]["tally"] == {"yes": 19, "no": 2, "unknown": 0, "of": 21}


def test_figures_dates_and_contact(profile):
    assert profile["country"] == {"name": "United Kingdom", "iso2": "GB", "iso3": "GBR"}
    assert profile["background"]["population"] == {
        "as_printed": "62 798 000",
        "value": 62798000,
        "source": "United Nations Statistics Division",
        "date": "December 2012",
    }
    assert profile["background"]["internet_users"] == {
        "as_printed": "89.84%",
        "value": 89.84,
        "source": "ITU Statistics",
        "date": "2013",
    }
    assert profile["provenance"] == {
        "last_updated": "2014-08-12",
        "disclaimer": "http://www.itu.int/en/Pages/copyright.aspx",
        "more_information": "http://www.itu.int/en/ITU-D/Cybersecurity/Pages/default.aspx",
    }
    assert profile["contact"] == {
        "organisation": "UK Computer Emergency Response Team (GovCertUK)",
        "phone": "01242 709311",
        "email": None,
        "web": None,
    }
    assert profile["derived"]["phone_e164"] == "+441242709311"


def test_the_mis_decoded_characters_are_mended(profile):
    indicators = profile["indicators"]
    assert indicators["agency_certification"]["evidence"].startswith(
        "United Kingdom’s National Technical Authority for Information Assurance (CESG)"
    )
    assert "\n- §48-§50 of the Sexual Offences Act.\n" in indicators["cop_legislation"]["evidence"]
    assert "¡" not in str(profile)


def test_lists_keep_their_items_and_paragraphs_their_breaks(profile):
    indicators = profile["indicators"]
    assert indicators["intra_state_cooperation"]["evidence"].endswith(
        "\n- ITU\n- ENISA\n- TRUSTED Introducer\n- European CERT Group\n- NATO"
    )
    assert indicators["cirt"]["evidence"].endswith(
        "\n- MODCERT (Military Network)\n- cert@cert.mod.uk"
    )
    assert indicators["international_cooperation"]["evidence"].endswith(
        "Foreign Office.\n\nGovCertUK is a member of FIRST."
    )


def test_every_line_of_the_source_is_reachable_in_the_json(run, source):
    """Each line of text in the source (bar the title, headings and the flag's caption) is
    somewhere in `show --json`, word for word once mended; the evidence of each section is
    its text whole."""
    everything = fold(run("show", "gb", "--json").stdout.replace("\\n", " "))
    skipped = re.compile(
        r"^(-{20,}|CYBERWELLNESS PROFILE|UNITED KINGDOM|BACKGROUND|A flag featuring .*"
        r"|\d(\.\d){0,2}\.?\s+[A-Z][A-Z &()-]+)$"
    )
    checked = 0
    for raw in mended(source).splitlines():
        line = fold(raw)
        if not line or skipped.match(line):
            continue
        if line.startswith(("Total Population:", "Internet users")):
            assert line.split(":")[-1].strip() in everything
        elif line.startswith("(data source:"):
            assert line.removeprefix("(data source: ").split(",")[0] in everything
        elif line.startswith(("DISCLAIMER:", "More information")):
            assert line.split()[-1] in everything
        elif line.startswith("Last updated on"):
            assert '"last_updated":"2014-08-12"' in everything
        else:
            assert line.lstrip("-").strip() in everything, line
        checked += 1
    assert checked > 50


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_each_evidence_is_its_section_word_for_word(profile, source, indicator):
    text = mended(source)
    start = re.search(rf"^\s*{re.escape(indicator.code)}\s+[A-Z][A-Z &()-]+\s*$", text, re.M)
    following = re.compile(r"^\s*(\d(\.\d){0,2})\.?\s+[A-Z][A-Z &()-]+\s*$|^-{20,}", re.M)
    end = following.search(text, start.end())
    body = fold(text[start.end() : end.start()]).replace(" -", " - ").replace("- ", "- ")
    evidence = fold(profile["indicators"][indicator.id]["evidence"])
    assert fold(re.sub(r"(^|\s)-\s*", r"\1- ", body)) == evidence


def test_report_contact_names_govcertuk_from_the_installed_command():
    """A real process, as the incident responder runs it."""
    result = run_installed("report-contact", "gb", "--json")
    assert result.returncode == 0, result.stderr
    (contact,) = json.loads(result.stdout)["contacts"]
    assert contact["organisation"] == "UK Computer Emergency Response Team (GovCertUK)"
    assert contact["phone_e164"] == "+441242709311"
    assert contact["tel_uri"] == "tel:+441242709311"
    assert contact["stale"] is True
