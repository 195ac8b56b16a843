"""The importer on the real source and on variants built from it: another country, other
wrapping and pagination, CRLF, double spacing, mis-decoded text, missing sections."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from cwprofile.errors import ImportFailed
from cwprofile.importer.profile import import_text
from cwprofile.importer.status import decide

from .conftest import BUNDLED, SOURCE_TEXT


@pytest.fixture(scope="module")
def source() -> str:
    return SOURCE_TEXT.read_text(encoding="utf-8")


def as_thailand(text: str) -> str:
    """The source made into another country's profile, with some statuses turned."""
    text = text.replace("CAMBODIA", "THAILAND").replace("Cambodia", "Thailand")
    text = text.replace(
        "Thailand has an  \nofficially recognized national CIRT (CamCERT).",
        "Thailand does not \nhave an officially recognized national CIRT.",
    )
    text = text.replace(
        "Thailand does not have any officially recognized national cybersecurity strategy.",
        "Thailand has an officially recognized national cybersecurity strategy.",
    )
    return text


def statuses(document: dict) -> dict[str, bool]:
    return {key: entry["status"] for key, entry in document["indicators"].items()}


def test_the_source_gives_exactly_the_bundled_profile(source):
    result = import_text(source, "cambodia.txt")
    assert result.yaml == BUNDLED.read_text(encoding="utf-8")
    assert result.gaps == []


def test_cli_import_to_stdout_is_the_bundled_file(run):
    assert run("import", str(SOURCE_TEXT)).stdout == BUNDLED.read_text(encoding="utf-8")


def test_cli_import_from_stdin(run, source):
    assert run("import", "-", input=source).stdout == BUNDLED.read_text(encoding="utf-8")


def test_another_country_and_other_statuses(source):
    document = import_text(as_thailand(source), "th.txt").document
    assert document["country"] == {"name": "Thailand", "iso2": "TH", "iso3": "THA"}
    cambodia = import_text(source, "kh.txt").document
    changed = {k for k in statuses(document) if statuses(document)[k] != statuses(cambodia)[k]}
    assert changed == {"cirt", "policy"}
    assert statuses(document)["cirt"] is False
    assert statuses(document)["policy"] is True


def rewrap(text: str, width: int) -> str:
    lines = []
    for line in text.splitlines():
        heading = re.match(r"\s*\d(\.\d)*\s+[A-Z]", line)
        if len(line.strip()) > width and not heading and "-----" not in line:
            lines.extend(
                textwrap.wrap(line.strip(), width, break_long_words=False, break_on_hyphens=False)
            )
        else:
            lines.append(line)
    return "\n".join(lines)


def repaginate(text: str, every: int) -> str:
    """The text on pages of `every` lines: its own page markers and numbers left out, a page
    number at the bottom of each new page and a marker at the top of the next."""
    body = [
        line for line in text.splitlines() if "Page " not in line and not line.strip().isdigit()
    ]
    out = []
    for number, line in enumerate(body, start=1):
        out.append(line)
        if number % every == 0:
            page = number // every
            out += [
                "",
                f"   {page}   ",
                "",
                f"----------------------- Page {page + 1}-----------------------",
                "",
            ]
    return "\n".join(out)


@pytest.mark.parametrize("width", [38, 55, 77])
def test_rewrapped_text_gives_the_same_profile(source, width):
    expected = import_text(source, "kh").document
    assert import_text(rewrap(source, width), "kh").document == expected


@pytest.mark.parametrize("every", [7, 13, 29])
def test_page_breaks_anywhere_give_the_same_profile(source, every):
    expected = import_text(source, "kh").document
    assert import_text(repaginate(rewrap(source, 50), every), "kh").document == expected


def test_crlf_line_endings(source):
    expected = import_text(source, "kh").document
    assert import_text(source.replace("\n", "\r\n"), "kh").document == expected


def test_a_blank_line_between_every_line(source):
    expected = import_text(source, "kh").document
    doubled = "\n\n".join(source.splitlines())
    assert import_text(doubled, "kh").document == expected


def test_no_page_markers_at_all(source):
    """Without pages, nothing is furniture: the text without its markers and page numbers
    gives the same profile, and a number alone on a line is the profile's own text."""
    expected = import_text(source, "kh").document
    stripped = "\n".join(
        line
        for line in source.splitlines()
        if "Page " not in line and not re.fullmatch(r"\s*\d\s*", line)
    )
    assert import_text(stripped, "kh").document == expected
    numbered = stripped.replace(
        "the phone number (855) 92 335 536", "the emergency number:\n\n119\n\nor (855) 92 335 536"
    )
    document = import_text(numbered, "kh").document
    assert "the emergency number: 119 or (855)" in " ".join(
        document["indicators"]["reporting_mechanism"]["evidence"].split()
    )
    assert document["contact"]["phone"] == "119"


def test_mis_decoded_punctuation_and_stray_caption(source):
    text = source.replace(
        "Cambodia does not have any national governance roadmap for cybersecurity.",
        "Cambodia¡¯s government does not have any national governance roadmap for cybersecurity.\n[image: ITU logo]",
    )
    document = import_text(text, "kh").document
    assert document["indicators"]["roadmap"]["evidence"] == (
        "Cambodia’s government does not have any national governance roadmap for cybersecurity."
    )
    assert document["indicators"]["roadmap"]["status"] is False


def test_hyphenated_line_ends_are_mended_only_when_the_word_is_whole_elsewhere(source):
    text = source.replace(
        "Cambodia does not have any officially recognized national cybersecurity strategy.",
        "Cambodia does not have any officially recognized national cyber-\nsecurity strategy for sector-\nspecific work.",
    )
    evidence = import_text(text, "kh").document["indicators"]["policy"]["evidence"]
    assert evidence == (
        "Cambodia does not have any officially recognized national cybersecurity strategy "
        "for sector-specific work."
    )


def test_bullet_lines_with_other_bullet_marks(source):
    text = source.replace("-  Criminal Court", "•  Criminal Court")
    document = import_text(text, "kh").document
    assert document["indicators"]["criminal_legislation"]["evidence"].endswith(
        ":\n- Criminal Court of the Kingdom of Cambodia: Articles 317-320 and Articles 427-432"
    )


def test_a_missing_optional_section(source):
    start = source.index("BACKGROUND")
    end = source.index("1.      CYBERSECURITY")
    document = import_text(source[:start] + source[end:], "kh").document
    assert document["background"] == {"population": None, "internet_users": None}
    assert statuses(document) == statuses(import_text(source, "kh").document)


def test_a_missing_indicator_section_is_reported_with_its_code(source):
    start = source.index("1.2.3 CERTIFICATION")
    end = source.index("1.3  ORGANIZATION MEASURES")
    with pytest.raises(ImportFailed) as failure:
        import_text(source[:start] + source[end:], "kh.txt")
    assert [str(p) for p in failure.value.problems] == [
        "kh.txt: indicators.certification: found no section 1.2.3 CERTIFICATION"
    ]


def test_information_not_available_is_unknown_and_an_empty_section_is_a_gap(source, run, tmp_path):
    text = source.replace(
        "Cambodia does not have any national governance roadmap for cybersecurity.",
        "Information on a national governance roadmap is not available.",
    )
    result = import_text(text, "kh.txt")
    assert result.gaps == []
    assert result.document["indicators"]["roadmap"]["status"] is None
    assert result.decisions["roadmap"].rule == "information not available: 'not available'"
    assert "    status: null\n" in result.yaml

    empty = source.replace(
        "Cambodia does not have any national governance roadmap for cybersecurity.", ""
    )
    with pytest.raises(ImportFailed) as failure:
        import_text(empty, "kh.txt")
    problem = failure.value.problems[0]
    assert (problem.field, problem.message) == ("indicators.roadmap.status", "the section is empty")
    assert problem.line == next(
        n for n, line in enumerate(empty.splitlines(), 1) if "1.3.2 ROADMAP" in line
    )
    given = tmp_path / "kh.txt"
    given.write_text(empty, encoding="utf-8")
    result = run("import", str(given), code=1)
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Error: {given}:{problem.line}: indicators.roadmap.status: the section is empty"
    )
    lenient = run("import", str(given), "--lenient")
    assert "# GAPS: what the importer could not read is left empty (null) below:" in lenient.stdout
    assert "    status: null\n" in lenient.stdout
    assert "Warning:" in lenient.stderr


# The template rule (README, "How import reads a status"), one case a line.
RULE_CASES = [
    ("Thailand is the leading member of the ASEAN CERT network.", True),
    ("Thailand will be establishing a national CIRT by end of 2014.", False),
    (
        "Thailand has officially recognized partnerships with the following organizations:\n- ASEAN\n- APCERT",
        True,
    ),
    ("- FIRST\n- APCERT", True),
    ("Thailand does not have any officially recognized national CIRT.", False),
    (
        "Thailand has acceded, with no declarations or reservations to articles 16, to the Convention.",
        True,
    ),
    ("Computer incidents can be reported to ThaiCERT.", True),
    ("Information is not available.", None),
    ("There is no available information on certified professionals.", None),
    ("The exact number of certified professionals is not known.", None),
    ("", None),
    # Verbs no list of positive phrases holds: what exists is a yes.
    ("The National Cyber Security Policy contains a roadmap for governance.", True),
    ("CyberSecurity Malaysia conducts the national benchmarking exercise every year.", True),
    ("The CyberSAFE programme raises awareness among the general public.", True),
    ("Twelve government agencies are certified under ISO/IEC 27001.", True),
    # The opening statement decides; a later qualification does not turn it.
    ("Malaysia implements the Common Criteria. However, no figures were collected.", True),
    ("Thailand does not have a CIRT. ThaiCERT however handles incidents for banks.", False),
    # ITU's own work is context; the statement after it decides.
    (
        "ITU completed a CIRT readiness assessment for Zambia in 2012. Zambia does not have an officially recognized national CIRT.",
        False,
    ),
    (
        "ITU completed a CIRT readiness assessment for Cambodia in 2011. Cambodia has an officially recognized national CIRT (CamCERT).",
        True,
    ),
    # An abbreviation does not end the sentence; an aside does not turn it.
    ("St. Kitts and Nevis does not have any officially recognized national CIRT.", False),
    ("Lao P.D.R. participated in the ALERT at Vientiane, Lao P.D.R., in December 2013.", True),
    (
        "Mauritius has adopted a National Cybersecurity Strategy, which will be reviewed in 2020.",
        True,
    ),
    ("A national CIRT, which will be hosted by the Ministry, is under development.", False),
    ("There are currently no officially recognized national programs.", False),
    ("Specific legislation on child online protection has not been enacted.", False),
    ("The Ministry is drafting a cybersecurity strategy.", False),
    ("A draft cybercrime bill is under consideration by Parliament.", False),
    ("Peru is not only a member of FIRST but also of LACNIC.", True),
    ("Currently, no officially recognized national CIRT exists.", False),
    ("Chad lacks a national cybersecurity strategy.", False),
]


@pytest.mark.parametrize(("text", "status"), RULE_CASES)
def test_the_template_rule(text, status):
    assert decide(text).status is status


def test_every_decision_says_its_sentence_and_rule():
    decision = decide(
        "ITU completed a CIRT readiness assessment for Zambia in 2012. "
        "Zambia does not have an officially recognized national CIRT. It will have one."
    )
    assert decision == (
        False,
        "Zambia does not have an officially recognized national CIRT.",
        "negative sentence: 'does not'",
    )


def test_web_form_and_national_phone_without_email(source):
    text = as_thailand(source).replace(
        "Computer incidents can be reported to the  National Thailand Computer Emergency Response Team (CamCERT) on  \n"
        "the phone number (855) 92 335 536 and by the email incident@camcert.gov.kh",
        "Computer incidents can be reported to ThaiCERT through the web form at\nhttps://www.thaicert.or.th/report and on the phone number 02 123 4567.",
    )
    document = import_text(text, "th").document
    assert document["contact"] == {
        "organisation": "ThaiCERT",
        "phone": "02 123 4567",
        "email": None,
        "web": "https://www.thaicert.or.th/report",
    }


@pytest.mark.parametrize(
    ("sentence", "contact"),
    [
        (
            "Computer incidents can be reported via a form on the website of the Swiss Reporting and Analysis Centre for Information Assurance (MELANI) at https://www.melani.admin.ch/form.",
            (
                "Swiss Reporting and Analysis Centre for Information Assurance (MELANI)",
                None,
                None,
                "https://www.melani.admin.ch/form",
            ),
        ),
        (
            "Computer incidents can be reported through MyCERT's website at http://www.mycert.org.my, by phone at +603 8992 6969, or by email to cyber999@cybersecurity.my.",
            ("MyCERT", "+603 8992 6969", "cyber999@cybersecurity.my", "http://www.mycert.org.my"),
        ),
        (
            "Computer incidents can be reported by a form of CERT.br at https://cert.br/report.",
            ("CERT.br", None, None, "https://cert.br/report"),
        ),
        (
            "Computer incidents can be reported on the website of GovCERT.ch: http://www.govcert.ch",
            ("GovCERT.ch", None, None, "http://www.govcert.ch"),
        ),
        (
            "Computer incidents can be reported via the hotline of the National CERT on 1-300-88-2999 or through the email cert@example.gov.",
            ("National CERT", "1-300-88-2999", "cert@example.gov", None),
        ),
        (
            "Incidents can be reported via email to cert@cert.at.",
            (None, None, "cert@cert.at", None),
        ),
        (
            "Computer incidents can be reported to CERT-In by filling a form at https://www.cert-in.org.in/report or on +91 11 2436 8572.",
            ("CERT-In", "+91 11 2436 8572", None, "https://www.cert-in.org.in/report"),
        ),
        (
            "Computer incidents can be reported to the BruCERT at cert@brucert.org.bn.",
            ("BruCERT", None, "cert@brucert.org.bn", None),
        ),
        ("No reporting mechanism is known.", (None, None, None, None)),
    ],
)
def test_contacts_as_itu_writes_them(sentence, contact):
    from cwprofile.importer.contact import read_contact

    found = read_contact(sentence)
    assert (found["organisation"], found["phone"], found["email"], found["web"]) == contact


def test_a_profile_in_itus_template_of_another_country(run, tmp_path):
    """A profile written for the tests in ITU's template (not ITU's text): sections that
    describe what exists in many verbs, a qualification, ITU's own work as context, a plan,
    information not available, a form, a national phone number and an email."""
    sample = Path(__file__).parent / "data" / "template_malaysia.txt"
    result = import_text(sample.read_text(encoding="utf-8"), "my.txt")
    assert result.gaps == []
    found = statuses(result.document)
    assert [key for key, status in found.items() if status is not True] == [
        "benchmarking",
        "professional_certification",
        "cop_legislation",
    ]
    assert (found["benchmarking"], found["professional_certification"]) == (None, False)
    assert result.document["contact"] == {
        "organisation": "CyberSecurity Malaysia",
        "phone": "03 8992 6969",
        "email": "cyber999@cybersecurity.my",
        "web": "https://www.mycert.org.my/report",
    }
    assert result.document["background"]["internet_users"]["value"] == 66.97
    folder = tmp_path / "profiles"
    folder.mkdir()
    run("import", str(sample), "-o", str(folder / "malaysia.yaml"))
    shown = run.json("show", "my", "-p", str(folder))
    assert shown["derived"]["phone_e164"] == "+60389926969"  # the national number, in E.164
    assert shown["derived"]["tally"] == {"yes": 18, "no": 2, "unknown": 1, "of": 21}
    assert "18 yes, 1 unknown of 21" in run("show", "my", "-p", str(folder)).stdout


def test_a_lenient_import_writes_a_file_that_loads_in_the_canonical_form(source, run, tmp_path):
    broken = source.replace("1.2.3 CERTIFICATION", "1.2.9 CERTIFICATION").replace(
        "(855) 92 335 536", "(855) 9"
    )
    given = tmp_path / "kh.txt"
    given.write_text(broken, encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("import", str(given), "--lenient", "-o", str(folder / "kh.yaml"))
    assert f"Warning: {given}: contact.phone: cannot read '(855) 9'" in result.stderr
    written = (folder / "kh.yaml").read_text(encoding="utf-8")
    assert "# GAPS: what the importer could not read is left empty (null) below:" in written
    lenient = yaml.safe_load(written)
    strict = yaml.safe_load(import_text(source, "kh.txt").yaml)
    # The same canonical form as a strict import (catalog fields, figures parsed), with
    # only the gaps empty: the lost section and the unreadable phone number.
    strict["indicators"]["certification"].update(status=None, evidence="")
    strict["contact"]["phone"] = None
    mechanism = strict["indicators"]["reporting_mechanism"]
    mechanism["evidence"] = mechanism["evidence"].replace("(855) 92 335 536", "(855) 9")
    assert lenient == strict
    shown = run.json("show", "kh", "-p", str(folder))
    assert shown["indicators"]["certification"]["status"] is None
    assert shown["indicators"]["certification"]["code"] == "1.2.3"
    assert shown["background"]["population"]["value"] == 14478000
    assert shown["contact"]["phone"] is None  # unreadable: emptied and listed with the gaps


def test_import_writes_a_file_and_never_overwrites(run, tmp_path):
    target = tmp_path / "kh.yaml"
    result = run("import", str(SOURCE_TEXT), "-o", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == BUNDLED.read_text(encoding="utf-8")
    target.write_text("my edits\n", encoding="utf-8")
    refused = run("import", str(SOURCE_TEXT), "-o", str(target), code=1)
    assert refused.stderr == f"Error: {str(target)!r} already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "my edits\n"
    run("import", str(SOURCE_TEXT), "-o", str(target), "--force")
    assert target.read_text(encoding="utf-8") == BUNDLED.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["kh.yaml"]


def test_imported_variant_loads_beside_the_bundled_profile(run, source, tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "th.txt").write_text(as_thailand(source), encoding="utf-8")
    run("import", str(folder / "th.txt"), "-o", str(folder / "thailand.yaml"))
    document = json.loads(run("indicator", "cirt", "--json", "--profiles-dir", str(folder)).stdout)
    assert [(p["country"]["name"], p["status"]) for p in document["profiles"]] == [
        ("Cambodia", True),
        ("Thailand", False),
        ("United Kingdom", False),
    ]


def test_import_of_text_that_is_not_a_profile(run, tmp_path):
    given = tmp_path / "notes.txt"
    given.write_text("Shopping list\n- milk\n", encoding="utf-8")
    result = run("import", str(given), code=1)
    assert result.stderr.startswith(
        f"Error: {given}:1: country: found no 'CYBERWELLNESS PROFILE' title"
    )


def test_import_of_a_missing_file(run):
    result = run("import", "no-such-file.txt", code=1)
    assert result.stderr == "Error: cannot read 'no-such-file.txt': No such file or directory\n"


@pytest.mark.parametrize(
    ("printed", "codes"),
    [
        ("CAMBODIA", ("KH", "KHM")),
        ("LAO P.D.R.", ("LA", "LAO")),
        ("KOREA (REP. OF)", ("KR", "KOR")),
        ("DEM. PEOPLE'S REP. OF KOREA", ("KP", "PRK")),
        ("DEM. REP. OF THE CONGO", ("CD", "COD")),
        ("CONGO (REP. OF THE)", ("CG", "COG")),
        ("IRAN (ISLAMIC REPUBLIC OF)", ("IR", "IRN")),
        ("ST. KITTS AND NEVIS", ("KN", "KNA")),
        ("CENTRAL AFRICAN REP.", ("CF", "CAF")),
        ("THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", ("MK", "MKD")),
        ("SWAZILAND", ("SZ", "SWZ")),
        ("TURKEY", ("TR", "TUR")),
        ("ATLANTIS", None),
    ],
)
def test_country_names_as_itu_prints_them(printed, codes):
    from cwprofile.countries import by_name

    found = by_name(printed)
    assert (found and (found.iso2, found.iso3)) == codes


def test_a_title_with_an_itu_abbreviation(source):
    text = source.replace("CAMBODIA", "LAO P.D.R.").replace("Cambodia", "Lao P.D.R.")
    assert import_text(text, "la.txt").document["country"] == {
        "name": "Laos",  # ISO 3166's common name
        "iso2": "LA",
        "iso3": "LAO",
    }


GUTTER = " " * 49


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A label apart from its value by a gap narrower than the gutter.
        ("Total Population:  14 478 000", "Total Population:       14 478 000"),
        # The left column's source wrapped onto a line of its own.
        (
            f"December 2012){GUTTER}",
            f"December{GUTTER}      ",
        ),
        # The right column's source wrapped, its second line under it.
        (
            "(data source: ITU Statistics, 2013)",
            "(data source: ITU Statistics,\n" + " " * 114 + "2013)",
        ),
    ],
)
def test_the_background_in_two_columns_laid_out_as_on_the_page(source, old, new):
    expected = import_text(source, "kh").document["background"]
    changed = source.replace(old, new, 1)
    if "December" in new:  # the wrapped part goes under the left column
        changed = changed.replace(
            "(data source: ITU Statistics, 2013)  \n",
            "(data source: ITU Statistics, 2013)  \n2012)\n",
            1,
        )
    assert changed != source
    assert import_text(changed, "kh").document["background"] == expected


def test_soft_hyphens_at_line_ends(source):
    expected = import_text(source, "kh").document
    soft = source.replace(
        "Response Team (CamCERT) on  \nthe phone", "Response Team (Cam\u00adCERT) on  \nthe phone"
    )
    soft = soft.replace("Cambodia has an  \nofficially", "Cambodia has an offi\u00ad\ncially")
    assert soft.count("\u00ad") == 2
    assert import_text(soft, "kh").document["indicators"] == expected["indicators"]


@pytest.mark.parametrize(
    ("section", "contact"),
    [
        (  # the case: another body first, the CERT in the computer-incident sentence
            "Offensive content can be reported to the Ministry of Information on 023 724 159. "
            "Computer incidents can be reported by a form on the website of the national CERT "
            "(KH-CERT) or by phone on +855 23 880 920.",
            ("KH-CERT", "+855 23 880 920", None, None),
        ),
        (
            "Online child abuse can be reported to the Internet Hotline of APLE at "
            "http://www.aple.example or by email to hotline@aple.example. Cyber incidents can "
            "be reported to CamCERT on (855) 92 335 536 and by the email cert@camcert.example.",
            ("CamCERT", "(855) 92 335 536", "cert@camcert.example", None),
        ),
        (  # the channels in the sentences right after the computer-incident one
            "Computer incidents can be reported to the CIRT of the Ministry. Its hotline is "
            "+855 23 880 920 and its email is cirt@mptc.example. Fraud can be reported to "
            "the police on 117 or by email to fraud@police.example.",
            ("CIRT of the Ministry", "+855 23 880 920", "cirt@mptc.example", None),
        ),
        (  # the CERT named first, content after: the content body stays in the evidence
            "Cybersecurity incidents can be reported to MyCERT via https://www.mycert.example. "
            "Illegal content can be reported to the Communications Commission on 1800 888 030.",
            ("MyCERT", None, None, "https://www.mycert.example"),
        ),
        (  # only other kinds of report: no contact for computer incidents
            "Child sexual abuse material can be reported to the police hotline on 117 or to "
            "report@police.example.",
            (None, None, None, None),
        ),
        (  # no kind of report named: the section read whole
            "Incidents can be reported via email to cert@cert.at.",
            (None, None, "cert@cert.at", None),
        ),
    ],
)
def test_the_contact_is_the_body_the_computer_incident_sentence_names(section, contact):
    from cwprofile.importer.contact import read_contact

    found = read_contact(section)
    assert (found["organisation"], found["phone"], found["email"], found["web"]) == contact


def test_explain_shows_the_sentence_the_contact_came_from(run, source, tmp_path):
    several = as_thailand(source).replace(
        "Computer incidents can be reported to",
        "Offensive content can be reported to the Ministry of Digital Economy on 1212. "
        "Computer incidents can be reported to",
    )
    given = tmp_path / "th.txt"
    given.write_text(several, encoding="utf-8")
    explained = run.json("import", str(given), "--explain")["profiles"][0]["contact"]
    assert (
        explained["organisation"] == "National Thailand Computer Emergency Response Team (CamCERT)"
    )
    assert explained["sentence"].startswith("Computer incidents can be reported to the National")
    assert "Ministry of Digital Economy" not in explained["sentence"]
    shown = run("import", str(given), "--explain", "--format", "text").stdout
    assert re.search(
        r"Read from: +Computer incidents can be reported to the National Thailand", shown
    )


# The claim, not a clause: a negative or a plan inside a relative or subordinate clause
# qualifies the claim; in the claim itself it is a no. In ITU's style, each way.
CLAUSE_YES = [
    "Chad has an officially recognized national cybersecurity strategy that is not yet fully implemented.",
    "Chad has an officially recognized national CIRT which does not yet cover the private sector.",
    "Chad has an officially recognized national CIRT, which does not yet have a website.",
    "Chad has certified professionals who are not yet numerous enough.",
    "Chad has public sector professionals whose certifications have not been renewed since 2012.",
    "Chad participates in regional forums where members do not share classified assets.",
    "Chad has an officially recognized agency that is not responsible for child online protection alone.",
    "Chad has a national cybersecurity strategy that will be reviewed in 2016.",
    "Chad has an officially recognized national CIRT that does not yet operate around the clock.",
    "Chad has a framework for the certification of agencies that has not been updated since 2010.",
    "Chad has officially recognized programs for sharing assets that are not limited to the public sector.",
    "Although Chad does not have a national strategy, the Ministry of ICT has adopted a cybersecurity policy.",
    "Though Chad has no CIRT of its own, it is a member of the ITU-IMPACT initiative.",
    "While Chad does not have a national roadmap, the Cybersecurity Council oversees governance.",
    "Even though no national figures exist, Chad conducts an annual benchmarking exercise.",
    "Chad has an officially recognized national CIRT, but it is not yet fully staffed.",
    "Chad has enacted a cybercrime law, although it does not cover online fraud.",
    "Chad has an officially recognized national CIRT, however it is not yet operational.",
    "Chad has an officially recognized national CIRT, yet it does not have a website.",
    "Chad has adopted a national strategy because it does not want to lag behind.",
    "Chad is a member of FIRST, whose members do not disclose incidents publicly.",
    "The Ministry of Posts, which does not regulate content, is the agency responsible for cybersecurity.",
    "Chad has a national CIRT (which is not yet accredited by FIRST).",
    "Chad has signed the Convention, which it has not yet ratified.",
    "Chad has certified government agencies that have not all renewed their certification.",
    "Specific legislation on child protection has been enacted through the Penal Code, which does not yet mention online grooming.",
    "Chad has an officially recognized framework that does not apply to the military.",
    "The National Agency for ICT is the agency responsible for cybersecurity, although it has no budget of its own.",
    "Chad has an officially recognized national benchmarking exercise that has not been published.",
    "Chad has a national governance roadmap that was not yet adopted by parliament in 2014.",
    "Chad participates in the ALERT exercises, which are not held every year.",
    "Chad has officially recognized partnerships with states that are not members of ITU.",
    "Chad has research programs for standards that will be extended to the private sector.",
    "Chad has an officially recognized agency that plans to open a second office.",
    "Chad has a CIRT that is being expanded.",
    "Chad has a cybersecurity strategy whose action plan is under development.",
    "Chad has training programs for professionals who do not work in the public sector.",
    "Chad has enacted regulation that forbids providers not to report incidents.",
    "Chad conducts awareness campaigns that do not target children only.",
    "Chad has a national CIRT, although there is no sector-specific CIRT.",
    "Chad has acceded to the Convention on the Rights of the Child, with no declarations or reservations.",
]
CLAUSE_NO = [
    "Chad does not have any officially recognized national cybersecurity strategy.",
    "Chad does not have an officially recognized national CIRT that responds to incidents.",
    "Chad does not have any officially recognized agency that offers institutional support on child online protection.",
    "There is no officially recognized national CIRT that serves the public sector.",
    "There are no public sector professionals who are certified under international programs.",
    "Chad has not enacted any legislation that pertains to cybercrime.",
    "Chad has no officially recognized framework that implements international standards.",
    "Chad does not have a national roadmap, although a draft exists.",
    "Chad does not have a CIRT, but it participates in ALERT exercises.",
    "Chad does not have a strategy, which is being drafted.",
    "Chad reported that it does not have a national CIRT.",
    "Chad stated that there is no national strategy.",
    "Chad indicated that it has no certified agencies.",
    "Chad will be establishing a national CIRT that covers all sectors by end of 2015.",
    "Chad is drafting a national strategy that will cover cybersecurity.",
    "Chad plans to establish an agency that will be responsible for cybersecurity.",
    "Chad intends to adopt a roadmap that sets out national governance.",
    "A national strategy, which will be adopted in 2016, is under development.",
    "Chad is in the process of setting up a CIRT that will serve the government.",
    "Chad lacks an officially recognized national CIRT that responds to incidents.",
    "Chad does not have any officially recognized partnerships that facilitate sharing of assets.",
    "Chad does not have any certified agencies, although some are preparing for it.",
    "Chad doesn't have an officially recognized CIRT which coordinates response.",
    "Chad has not yet adopted the strategy that was drafted in 2012.",
    "Chad does not have any officially recognized benchmarking exercises that measure development.",
    "Chad does not participate in any regional forum where assets are shared.",
    "No officially recognized national CIRT exists.",
    "Chad does not currently have any programs that raise awareness.",
    "There is currently no agency that is responsible for cybersecurity.",
    "Chad has not signed the Convention, which most states have ratified.",
    "Because Chad has no CIRT, it does not have any incident response capacity.",
    "Although ITU completed an assessment, Chad does not have a national CIRT.",
    "While a draft exists, Chad does not have an officially recognized strategy.",
    "Chad does not have officially recognized programs that share cybersecurity assets within the public sector.",
    "The national CIRT that Chad plans to establish will be hosted by the regulator.",
    "Chad will adopt a cybercrime law which criminalizes unauthorized access.",
    "Chad is developing a framework that will certify agencies.",
    "Chad does not have any public sector professionals who are certified.",
    "Chad has not ratified the Optional Protocol, which it signed in 2002.",
    "There is no legislation that specifically addresses child online protection.",
    "Chad has no officially recognized national or sector-specific research programs that develop standards.",
]


@pytest.mark.parametrize(
    ("sentence", "status"), [(s, True) for s in CLAUSE_YES] + [(s, False) for s in CLAUSE_NO]
)
def test_the_claim_not_a_clause(sentence, status):
    decision = decide(sentence)
    assert decision.status is status, (decision.rule, sentence)
    # A yes is read from the main claim, or by the rule that sets a clause's "no" aside.
    assert (
        not status
        or decision.rule == "states what exists"
        or decision.rule.endswith("is in a relative or subordinate clause)")
    )


def test_explain_names_the_clause_rule(run, tmp_path, source):
    text = as_thailand(source).replace(
        "Thailand has an officially recognized national cybersecurity strategy.",
        "Thailand has an officially recognized national cybersecurity strategy that is not "
        "yet fully implemented.",
    )
    given = tmp_path / "th.txt"
    given.write_text(text, encoding="utf-8")
    statuses = run.json("import", str(given), "--explain")["profiles"][0]["statuses"]
    policy = next(s for s in statuses if s["id"] == "policy")
    assert (policy["status"], policy["rule"]) == (
        True,
        "states what exists ('is not' is in a relative or subordinate clause)",
    )


def test_furniture_is_found_by_position_not_by_content():
    """A number on a line of its own is a page number at the top or the bottom of a page,
    and text in the middle of one; a line at the same place on the pages is furniture, and
    the same words in the body are not."""
    from cwprofile.importer.lines import clean_lines

    pages = [
        "Global Cybersecurity Index 4\n\nThe strategy was adopted in\n2013\nand revised.\n\n- 4 -",
        "Global Cybersecurity Index 5\n\nGlobal Cybersecurity Index\nis a report.\n\n5 of 9",
        "Page 6\nGlobal Cybersecurity Index 6\n\nIts last lines.\n\n",
    ]
    kept = [line.text for line in clean_lines("\f".join(pages)) if line.text]
    assert kept == [
        "The strategy was adopted in",
        "2013",
        "and revised.",
        "Global Cybersecurity Index",
        "is a report.",
        "Its last lines.",
    ]
