"""The reports' parts, each alone, on the bundled profiles: what a piece of a view says
follows from the data it is given, not from the rest of the report."""

from __future__ import annotations

import pytest

from cwprofile.catalog import BY_ID, INDICATORS, PILLARS


@pytest.fixture(scope="module")
def library():
    from cwprofile.library import load

    return load(use_cache=False)


def test_compared_keeps_every_indicator_or_only_those_that_differ(library):
    from cwprofile.reports.compare import compare_document, compared

    entries = list(library.entries)
    every = compared(entries)
    differing = compared(entries, differences=True)
    assert [row.indicator for row in every] == list(INDICATORS)
    both = [row for row in every if True in row.statuses and False in row.statuses]
    assert [(r.indicator, r.statuses) for r in differing] == [
        (r.indicator, r.statuses) for r in both
    ]
    assert all(row.differs for row in differing)
    assert 0 < len(differing) < len(every)  # Cambodia and the United Kingdom differ somewhere
    document = compare_document(entries, differing, differences=True)
    assert document["agreeing_left_out"] == len(INDICATORS) - len(differing)


def test_the_note_of_a_comparison_counts_what_it_shows(library):
    from cwprofile.reports.compare import compare_note, compared

    entries = list(library.entries)
    rows = compared(entries)
    differing = sum(row.differs for row in rows)
    assert compare_note(len(entries), rows).startswith(f"{differing} of {len(INDICATORS)} ")
    assert compare_note(1, compared(entries[:1])) == "One profile: nothing to compare it with."


def test_the_indicator_blocks_are_the_chosen_indicators_under_their_pillars(library):
    from cwprofile.blocks import Heading, Table
    from cwprofile.reports.show import indicator_blocks

    profile = library.profile(library.find("kh"))
    blocks = indicator_blocks(profile, {BY_ID["cirt"]})
    headings = [b for b in blocks if isinstance(b, Heading)]
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [h.text for h in headings] == ["1. Cybersecurity"]
    (table,) = tables
    assert [row[0] for row in table.rows] == [BY_ID["cirt"].code]
    everything = indicator_blocks(profile, set(INDICATORS))
    shown = [row[0] for b in everything if isinstance(b, Table) for row in b.rows]
    assert shown == [i.code for i in INDICATORS]
    assert len([b for b in everything if isinstance(b, Table)]) == len(PILLARS)


def test_a_snippet_highlights_the_query_where_it_stands(library):
    from cwprofile.reports.search import find_matches, shown_snippet

    found = find_matches(library, "computer incidents")
    assert found
    for match in found:
        snippet = shown_snippet(match, "computer incidents")
        assert snippet.spans
        for start, end in snippet.spans:
            assert snippet.text[start:end].lower() == "computer incidents"


def test_an_import_row_says_what_became_of_the_profile():
    from cwprofile.importer.many import Outcome
    from cwprofile.importer.profile import import_text
    from cwprofile.reports.imports import explained_blocks, import_row, summary_blocks

    from .conftest import SOURCE_TEXT

    result = import_text(SOURCE_TEXT.read_text(encoding="utf-8"), "kh")
    outcome = Outcome.read("kh.txt", result, None)
    plain = import_row(outcome, explain=False)
    assert "statuses" not in plain and plain["result"] == outcome.state
    explained = import_row(outcome, explain=True)
    assert [s["id"] for s in explained["statuses"]] == [i.id for i in INDICATORS]
    assert explained["contact"]["email"] == result.document["contact"]["email"]
    assert explained_blocks(explained)[0].title.startswith("How the statuses of Cambodia")
    table, paragraph = summary_blocks([plain], {"imported": 1})
    assert table.rows == (("kh.txt", "Cambodia", None, outcome.state, None),)
    assert paragraph.text == "1 profile: 1 imported."


def test_the_countries_note_counts_profiles_and_countries(library):
    from cwprofile.reports.countries import countries_note

    entries = list(library.entries)
    assert countries_note(entries).startswith(f"{len(entries)} profiles loaded. Tallies of the 21")
    twice = [*entries, entries[0]]  # a second edition of one country
    assert countries_note(twice).startswith(f"{len(twice)} profiles of {len(entries)} countries")
    assert countries_note(entries, wide=True).endswith(
        "for one country and edition the later wins."
    )


def test_a_caution_for_old_contacts_says_how_many():
    from cwprofile.reports.contacts import caution

    assert caution(0) is None
    assert caution(1).startswith("Caution: this contact is more than two years old")
    assert caution(3).startswith("Caution: 3 of these contacts are more than two years old")
