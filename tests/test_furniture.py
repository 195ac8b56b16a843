"""Import drops nothing and flips nothing: page furniture is only what cannot be the profile's
own text. The bundled texts (Cambodia's and the United Kingdom's) are cut into pages anywhere,
with page numbers, running headers and footers, and with the body's own lines (a template
sentence, a bare list item, a number) at the pages' edges; each must import to the words and
statuses of the plain text. PDFs of the same cases are in test_pdf_layouts.py."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cwprofile.importer.lines import clean_lines
from cwprofile.importer.profile import import_text

from .conftest import ROOT, SOURCE_TEXT

UK = (ROOT / "tests" / "data" / "united-kingdom-source.txt").read_text(encoding="utf-8")


def plain(text: str) -> str:
    """The text without its page markers and page numbers: one page."""
    return "\n".join(
        line
        for line in text.splitlines()
        if "Page " not in line and not re.fullmatch(r"\s*\d\s*", line)
    )


KH = plain(SOURCE_TEXT.read_text(encoding="utf-8"))
WANTED = {name: import_text(text, name).document for name, text in (("kh", KH), ("uk", UK))}
TEXTS = {"kh": KH, "uk": UK}


def paged(
    text: str,
    cuts: list[int],
    number: str | None = "{n}",
    header: str | None = None,
    footer: str | None = None,
) -> str:
    """The text cut into pages after the given lines (indexes), each page with its number at
    the bottom (`number`, None for none) and a running header and footer."""
    lines = text.split("\n")
    pages, start = [], 0
    for cut in [*sorted(set(cuts)), len(lines)]:
        if cut > start:
            pages.append(lines[start:cut])
            start = cut
    out = []
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        top = [header.format(n=n), ""] if header is not None else []
        bottom = [""] + ([footer] if footer is not None else [])
        bottom += [number.format(n=n, nb=total)] if number is not None else []
        out.append("\n".join([*top, *page, *bottom]))
    return "\f".join(out)


def imported(text: str) -> dict:
    return import_text(text, "paged").document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(TEXTS)),
    data=st.data(),
    number=st.sampled_from([None, "{n}", "- {n} -", "Page {n} of {nb}"]),
    furniture=st.sampled_from([(None, None), ("ITU Cyberwellness Profile", "ITU 2014")]),
)
def test_pages_cut_anywhere_give_the_plain_texts_profile(name, data, number, furniture):
    text = TEXTS[name]
    count = len(text.split("\n"))
    cuts = data.draw(st.lists(st.integers(1, count - 1), min_size=2, max_size=7, unique=True))
    lines = text.split("\n")
    bounds = [0, *sorted(cuts), count]
    # A document long enough to tell: three pages or more that hold text.
    assume(sum(any(s.strip() for s in lines[a:b]) for a, b in pairwise(bounds)) >= 3)
    header, footer = furniture
    assert imported(paged(text, cuts, number, header, footer)) == WANTED[name]


def test_a_title_split_by_an_empty_page_still_names_the_country():
    """Found by the property above: the United Kingdom's title, `CYBERWELLNESS PROFILE` on
    one page and `UNITED KINGDOM` two pages on, an empty page between (the page breaks bring
    blank lines the plain text does not have)."""
    text = TEXTS["uk"]
    cuts = [3, 4, 5]
    assert [line.strip() for line in text.split("\n")[2:5]] == [
        "CYBERWELLNESS PROFILE",
        "",
        "UNITED KINGDOM",
    ]
    furniture = ("ITU Cyberwellness Profile", "ITU 2014")
    assert imported(paged(text, cuts, None, *furniture)) == WANTED["uk"]


def _line_of(text: str, words: str, after: int = -1) -> int:
    """The index of the first line (after `after`) holding the words, spaces folded."""
    return next(
        n
        for n, line in enumerate(text.split("\n"))
        if words in " ".join(line.split()) and n > after
    )


def test_a_template_sentence_at_the_bottom_of_two_pages_in_a_row_is_the_profiles():
    """Cambodia's 1.5.2 and 1.5.3 open with the same words; laid out so that the line falls
    at the bottom of two pages in a row, it stays, and both statuses stay no."""
    text = KH.replace("COOPERATION  \n", "COOPERATION  \n\n")  # a blank line after each heading
    template = (
        "Cambodia does not have any officially recognized national or sector-specific programs"
    )
    first = _line_of(text, template)
    second = _line_of(text, template, first)
    cuts = [first + 1, second + 1, *range(8, first, 12)]
    document = imported(paged(text, cuts))
    wanted = import_text(text, "kh").document
    assert document == wanted
    for indicator in ("intra_agency_cooperation", "public_sector_partnership"):
        assert document["indicators"][indicator]["status"] is False
        assert document["indicators"][indicator]["evidence"].startswith(template)


def test_a_line_twice_in_four_pages_is_not_furniture():
    text = KH
    template = (
        "Cambodia does not have any officially recognized national or sector-specific programs"
    )
    at = [_line_of(text, template), _line_of(text, template, _line_of(text, template))]
    cuts = [at[0], at[1], len(text.split("\n")) // 4]  # at the top of two of the four pages
    assert imported(paged(text, cuts)) == WANTED["kh"]


@pytest.mark.parametrize("side", ["top", "bottom"])
def test_a_bare_list_item_at_the_edge_of_two_pages_in_a_row(side):
    """A PDF that draws its bullets as pictures leaves a list item a bare short line."""
    text = UK.replace("-NATO", "NATO").replace("ENISA, NATO, and OSCE.", "ENISA,\nNATO")
    first = _line_of(text, "NATO")
    second = _line_of(text, "NATO", first)
    cuts = [first, second] if side == "top" else [first + 1, second + 1]
    cuts.append(first // 2)
    assert imported(paged(text, cuts)) == import_text(text, "uk").document


@pytest.mark.parametrize("content", ["24/7", "432", "7", "2013"])
def test_a_number_at_a_pages_edge_that_breaks_the_sequence_is_text(content):
    text = KH.replace(
        "national CIRT (CamCERT).", f"national CIRT (CamCERT) which operates\n{content}"
    )
    at = _line_of(text, content) if content != "7" else _line_of(text, "which operates") + 1
    document = imported(paged(text, [at + 1, 20, 90]))
    assert document == import_text(text, "kh").document
    assert document["indicators"]["cirt"]["evidence"].endswith(f"which operates {content}")


def test_a_number_range_broken_at_a_line_end_is_joined():
    text = KH.replace("Articles 427-432", "Articles 427-\n432")
    document = imported(paged(text, [_line_of(text, "Articles 427-") + 1, 60]))
    assert document["indicators"]["criminal_legislation"]["evidence"].endswith(
        "Articles 317-320 and Articles 427-432"
    )


def test_a_figure_line_in_a_body_is_text_and_a_bracketed_caption_is_not():
    text = KH.replace(
        "national CIRT (CamCERT).", "national CIRT (CamCERT) shown in\nFigure 3\n[image: logo]"
    )
    evidence = imported(text)["indicators"]["cirt"]["evidence"]
    assert evidence.endswith("national CIRT (CamCERT) shown in Figure 3")


def test_a_body_line_that_opens_with_the_title_words_is_no_title():
    text = KH.replace(
        "national CIRT (CamCERT).",
        "national CIRT (CamCERT), as the\nCyberwellness Profile of 2013 for Cambodia. stated.",
    )
    document = imported(text)
    assert document["indicators"]["cirt"]["evidence"].endswith(
        "as the Cyberwellness Profile of 2013 for Cambodia. stated."
    )
    assert len(_profiles(text)) == 1


def _profiles(text: str) -> list:
    from cwprofile.importer.profile import split_profiles

    return split_profiles(clean_lines(text))


def test_every_line_left_out_is_listed_with_its_page_and_why():
    text = paged(KH, [40, 90], "Page {n} of {nb}", "ITU Cyberwellness Profile", "ITU 2014")
    result = import_text(text, "kh")
    assert result.document == WANTED["kh"]
    reasons = [(r.page, r.reason, r.text) for r in result.furniture]
    assert reasons == [
        (1, "running header", "ITU Cyberwellness Profile"),
        (1, "running footer", "ITU 2014"),
        (1, "page number", "Page 1 of 3"),
        (2, "running header", "ITU Cyberwellness Profile"),
        (2, "running footer", "ITU 2014"),
        (2, "page number", "Page 2 of 3"),
        (3, "running header", "ITU Cyberwellness Profile"),
        (3, "running footer", "ITU 2014"),
        (3, "page number", "Page 3 of 3"),
    ]
    (gap,) = result.gaps
    assert gap.endswith(
        "furniture: left out 4 lines inside sections as running headers, footers or titles "
        "(pages 1, 2, 3); --explain lists them"
    )


def test_explain_lists_what_was_left_out(run, tmp_path):
    given_file = tmp_path / "kh.txt"
    given_file.write_text(paged(KH, [40, 90], "{n}", "ITU Cyberwellness Profile"), "utf-8")
    explained = run.json("import", str(given_file), "--explain")["profiles"][0]
    # (the header over the title stands before the profile, which starts at its title)
    assert [(r["page"], r["reason"], r["text"]) for r in explained["furniture"]][:2] == [
        (1, "page number", "1"),
        (2, "running header", "ITU Cyberwellness Profile"),
    ]
    shown = run("import", str(given_file), "--explain", "--format", "text").stdout
    assert "Lines left out of Cambodia as page furniture" in shown


def test_country_that_contradicts_the_title_is_refused_unless_forced(run, tmp_path):
    given_file = tmp_path / "kh.txt"
    given_file.write_text(KH, encoding="utf-8")
    refused = run("import", str(given_file), "--country", "gb", code=1)
    assert refused.stdout == ""
    assert refused.stderr.startswith(f"Error: {given_file}:")
    assert refused.stderr.endswith(
        "the title names Cambodia (KH) but --country says United Kingdom (GB); leave --country "
        "out, or add --force to import it as United Kingdom\n"
    )
    assert len(refused.stderr.splitlines()) == 1
    forced = run("import", str(given_file), "--country", "gb", "--force")
    assert "iso2: GB" in forced.stdout
    assert (
        run("import", str(given_file), "--country", "kh").stdout
        == run("import", str(given_file)).stdout
    )
