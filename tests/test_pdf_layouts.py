"""Only the profile's words from a PDF: for the same profile, what is read from a PDF equals,
word for word, what is read from its text, whatever the layout puts around it. PDFs are built
(tests/pdfbuild.py) with page numbers at the bottom left, centre and right and at the top, in
their usual forms; with and without a running header (the country's, or a report's title,
with a page number too) and footer; one and two columns in the background box; and a page
break forced after each heading in turn. The text is read in-process (`pdf._read`, what the
bounded child runs), so that the matrix stays quick; the child is tested in
test_import_sources.py and the adversarial corpus."""

from __future__ import annotations

import itertools

import pytest

from cwprofile.importer.lines import clean_lines
from cwprofile.importer.pdf import _read
from cwprofile.importer.profile import import_lines, import_text, split_profiles

from .conftest import ROOT, SOURCE_TEXT
from .pdfbuild import Layout, build, pieces
from .test_import_sources import MALAYSIA
from .test_importer import as_thailand

SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")
HEADINGS = [piece.texts[0] for piece in pieces(SOURCE) if piece.kind == "heading"]
NUMBERS = [
    ("bottom-left", "{n}"),
    ("bottom-center", "- {n} -"),
    ("bottom-right", "{n}"),
    ("bottom-center", "Page {n} of {nb}"),
    ("top-right", "Page {n}"),
    ("bottom-right", "{n} of {nb}"),
    (None, ""),
]
FURNITURE = [  # running header, running footer
    (None, None),
    ("", None),  # the country's: "ITU Cyberwellness Profile CAMBODIA"
    ("Global Cybersecurity Index & Cyberwellness Profiles", "ITU 2015"),
    ("Global Cybersecurity Index & Cyberwellness Profiles {n}", None),
]
WANTED = {}


def wanted(text: str) -> dict:
    if text not in WANTED:
        WANTED[text] = import_text(text, "profile").document
    return WANTED[text]


def read_from_pdf(text: str, layout: Layout) -> dict:
    return import_text(_read(build(text, layout=layout)), "profile").document


def layouts(every: bool) -> list[Layout]:
    """Every page number with every kind of furniture and a page break after each heading in
    turn (`every`), or a sample: each page number with each kind of furniture, and a page
    break after every other heading, the rest turning round. One column or two, turn about."""
    combinations = list(itertools.product(NUMBERS, FURNITURE))
    if every:
        breaks = [None, *HEADINGS]
        return [
            Layout(number, form, header, footer, heading, turn % 2 == 0)
            for turn, (((number, form), (header, footer)), heading) in enumerate(
                itertools.product(combinations, breaks)
            )
        ]
    sample = [
        Layout(number, form, header, footer, None, turn % 2 == 0)
        for turn, ((number, form), (header, footer)) in enumerate(combinations)
    ]
    for turn, heading in enumerate(HEADINGS[::2]):  # every other heading: all, `exhaustive`
        (number, form), (header, footer) = combinations[turn * 5 % len(combinations)]
        sample.append(Layout(number, form, header, footer, heading, turn % 2 == 1))
    return sample


def name(layout: Layout) -> str:
    return ",".join(str(part) for part in layout)


@pytest.mark.parametrize("layout", layouts(every=False), ids=name)
def test_the_pdf_gives_the_texts_profile_word_for_word(layout):
    assert read_from_pdf(SOURCE, layout) == wanted(SOURCE)


@pytest.mark.exhaustive
@pytest.mark.parametrize("layout", layouts(every=True), ids=name)
def test_every_layout_gives_the_texts_profile(layout):
    assert read_from_pdf(SOURCE, layout) == wanted(SOURCE)


@pytest.mark.parametrize("heading", HEADINGS[2::9])
@pytest.mark.parametrize("header", ["", "Global Cybersecurity Index & Cyberwellness Profiles {n}"])
def test_a_report_of_profiles_in_any_layout(header, heading):
    """ITU's 2015 report: the profiles one after another, a header on every page."""
    texts = [SOURCE, MALAYSIA, as_thailand(SOURCE)]
    layout = Layout("bottom-center", "{n}", header, None, heading, True)
    lines = clean_lines(_read(build(*texts, layout=layout)))
    found = [import_lines(part, "report").document for part in split_profiles(lines)]
    assert found == [wanted(text) for text in texts]


def test_the_malaysian_template_in_a_layout_with_everything():
    layout = Layout(
        "bottom-right", "Page {n} of {nb}", "", "ITU 2015", "1.3.4 NATIONAL BENCHMARKING"
    )
    assert read_from_pdf(MALAYSIA, layout) == wanted(MALAYSIA)


UNITED_KINGDOM = (ROOT / "tests" / "data" / "united-kingdom-source.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "layout",
    [
        Layout(number, form, header, footer, heading, turn % 2 == 0)
        for turn, ((number, form), (header, footer), heading) in enumerate(
            zip(
                NUMBERS,
                itertools.cycle(FURNITURE),
                [None, "1.5.1 INTRA-STATE COOPERATION", "1.2.1 CIRT", "2.4 REPORTING MECHANISM"]
                * 2,
                strict=False,
            )
        )
    ],
    ids=name,
)
def test_the_united_kingdoms_text_with_a_blank_line_after_its_lines(layout):
    """The UK's text puts a blank line after most lines, list items bare of bullets in the
    PDF's own drawing; its PDF gives the text's profile, paragraphs and list items kept."""
    assert read_from_pdf(UNITED_KINGDOM, layout) == wanted(UNITED_KINGDOM)


# The body's own lines at the top of pages, in a PDF: a template sentence opening two sections
# in a row, bare list items (a PDF that draws its bullets as pictures), numbers that are text.
EDGES = [
    (
        "template",
        SOURCE,
        ("Cambodia does not have any officially recognized national or sector-specific programs",),
    ),
    (
        "list items",
        UNITED_KINGDOM.replace("-NATO", "NATO").replace("-ENISA", "ENISA"),
        ("NATO", "ENISA"),
    ),
    (
        "numbers",
        SOURCE.replace(
            "national CIRT (CamCERT).", "national CIRT (CamCERT) which operates\n\n24/7\n\n432"
        ),
        ("24/7", "432"),
    ),
]


@pytest.mark.parametrize(("case", "text", "before"), EDGES, ids=[case for case, *_ in EDGES])
@pytest.mark.parametrize("header", [None, ""])
def test_the_bodys_own_lines_at_the_top_of_pages(case, text, before, header):
    layout = Layout("bottom-center", "{n}", header, None, None, True, before)
    assert read_from_pdf(text, layout) == wanted(text)
