"""Every format of every command, exactly: one test per (command, format) pair renders the
command's Report (built in-process from the bundled Cambodia and a test profile of Laos,
on a fixed day) and compares it with the file in tests/expected/, byte for byte. A change of
output shows as a diff to read; `pytest tests/test_formats.py --update-expected` rewrites the
files after a change that was meant.

These are the fast unit tests of reports and formats; the pseudo-terminal tests
(test_fidelity.py) keep to the layout a terminal gets at each width."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cwprofile.formats import FORMATS, Format, Target, facts, render

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "expected"
TODAY = dt.date(2026, 11, 29)  # the ages in the expected files are counted to this day
WIDTH = 80


@pytest.fixture(scope="module")
def library():
    import os

    from cwprofile.library import load

    here = os.getcwd()
    os.chdir(ROOT)  # the test profile's origin is its path from the repository's top
    try:
        return load([Path("tests/data/profiles")], use_cache=False)
    finally:
        os.chdir(here)


def report_of(command: str, library):
    from cwprofile.catalog import BY_ID

    if command == "show":
        from cwprofile.reports.show import show

        return show(library.profile(library.find("kh")), today=TODAY)
    if command == "show-section":
        from cwprofile.catalog import find_part
        from cwprofile.reports.show import show

        return show(library.profile(library.find("la")), find_part("technical"), today=TODAY)
    if command == "indicator":
        from cwprofile.reports.indicator import indicator

        return indicator(library, BY_ID["cirt"])
    if command == "indicators":
        from cwprofile.reports.indicators import catalog

        return catalog()
    if command == "countries":
        from cwprofile.reports.countries import countries

        return countries(library)
    if command in ("report-contact", "report-contact-kh"):
        from cwprofile.reports.contacts import contacts

        entries = [library.find("kh")] if command.endswith("-kh") else library.entries
        return contacts(library.contacts(entries), card=command.endswith("-kh"), today=TODAY)
    if command == "compare":
        from cwprofile.reports.compare import compare

        return compare(list(library.entries))
    if command == "search":
        from cwprofile.reports.search import search

        return search(library, "ALERT")
    if command == "validate":
        import os

        from cwprofile.reports.validate import validate_paths

        here = os.getcwd()
        os.chdir(ROOT)
        try:
            from cwprofile.profile_file import expand, problems_of

            files = expand([Path("profiles/cambodia.yaml"), Path("tests/data/profiles")])
            return validate_paths([(path, problems_of(path)) for path in files])
        finally:
            os.chdir(here)
    raise AssertionError(command)


COMMANDS = [
    "show",
    "show-section",
    "indicator",
    "indicators",
    "countries",
    "report-contact",
    "report-contact-kh",
    "compare",
    "search",
    "validate",
]
ENDINGS = {"table": "txt", "text": "txt", "markdown": "md"}
PAIRS = [
    (command, name)
    for command in COMMANDS
    for name in FORMATS
    if not (command.startswith("show") and FORMATS[name].one_table)
]


@pytest.mark.parametrize(("command", "name"), PAIRS, ids=[f"{c}-{n}" for c, n in PAIRS])
def test_every_format_of_every_command_exactly(command, name, library, request):
    fmt = Format(name)
    text = render(report_of(command, library), fmt, Target(terminal=False, width=WIDTH))
    expected = EXPECTED / f"{command}.{name}.{ENDINGS.get(name, name)}"
    if request.config.getoption("--update-expected"):
        expected.write_text(text, encoding="utf-8")
    assert expected.exists(), f"no {expected.name}: run with --update-expected, then read it"
    assert text == expected.read_text(encoding="utf-8")


def test_every_expected_file_is_a_pair_tested():
    tested = {f"{c}.{n}.{ENDINGS.get(n, n)}" for c, n in PAIRS}
    assert {path.name for path in EXPECTED.iterdir()} == tested


def test_a_block_no_format_knows_fails_at_once(library):
    """Formats that show blocks match the block types exhaustively: a new block type is
    never left out. (The others never read the blocks: the next test.)"""
    from cwprofile.reports.report import Report

    class Chart:
        pass

    report = Report("a chart", {}, (Chart(),))
    showing = [name for name, format_facts in FORMATS.items() if format_facts.reads == "blocks"]
    assert len(showing) >= 2  # the table and the text, at least
    for name in showing:
        with pytest.raises(TypeError, match="no format shows a Chart block"):
            render(report, Format(name))


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_format_builds_only_the_part_of_the_report_it_reads(name, library):
    """What a format reads (`FormatFacts.reads`) is what it is: the parts it says it does not
    read are never built (compare's matrix over 400 profiles is not drawn for --json)."""
    from cwprofile.reports.report import Report

    real = report_of("compare", library)
    parts = {"document": real.document, "blocks": real.blocks, "records": real.records}

    def never(part: str):
        def build():
            raise AssertionError(f"{name} built the {part}, which it does not read")

        return build

    reads = FORMATS[name].reads
    built = {part: (value if part == reads else never(part)) for part, value in parts.items()}
    report = Report(real.title, built["document"], built["blocks"], built["records"])
    assert render(report, Format(name)) == render(real, Format(name))


def test_the_table_of_formats_is_what_the_commands_offer(run):
    assert [f.value for f in Format] == list(FORMATS)
    for name in FORMATS:
        assert facts(Format(name)).module
    show_help = run("show", "--help").stdout.split("--format")[1].split("\n\n")[0]
    assert "csv" not in show_help and "markdown" in show_help
