"""PDFs of profiles built from their text, in ITU-like layouts, for the importer's tests and
for choosing a PDF library (benchmarks/pdf_libraries.py).

The layout is rebuilt, not copied: the title block right-aligned in large type, the
background's two figures side by side in two columns with their sources under them, bold
section headings, body text re-wrapped to the page's width, a running header and a footer
with the page number on every page, the disclaimer under a rule at the end.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# The sources' own page markers and page numbers (one or two digits: `432` is text).
_FURNITURE = re.compile(r"^-*\s*page\s*\d+\s*-*$|^\d{1,2}$", re.IGNORECASE)
_HEADING = re.compile(r"^\d(?:\.\d){0,2}\.?\s+[A-Z][A-Z0-9 &/,()'\-.]*$")


class Piece(NamedTuple):
    kind: str  # title, country, background, columns, heading, paragraph, rule, end
    texts: tuple[str, ...]


def pieces(text: str) -> list[Piece]:
    """The profile's text as the pieces a layout places: its lines read once, page
    furniture dropped, paragraphs joined (the PDF wraps them again)."""
    out: list[Piece] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(Piece("paragraph", (" ".join(paragraph),)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or _FURNITURE.match(line):
            flush()
            continue
        cells = tuple(cell.strip() for cell in re.split(r"\s{3,}", line) if cell.strip())
        if line.upper() == line and "CYBERWELLNESS PROFILE" in line:
            flush()
            out.append(Piece("title", (line,)))
        elif out and out[-1].kind == "title" and not any(p.kind == "country" for p in out):
            out.append(Piece("country", (line,)))
        elif line == "BACKGROUND":
            flush()
            out.append(Piece("background", (line,)))
        elif _HEADING.match(" ".join(line.split())):
            flush()
            out.append(Piece("heading", (" ".join(line.split()),)))
        elif len(cells) == 2 and not any(p.kind == "heading" for p in out):
            out.append(Piece("columns", cells))
        elif re.fullmatch(r"-{10,}", line):
            flush()
            out.append(Piece("rule", ()))
        elif (
            line.startswith("- ")
            or (out and out[-1].kind == "rule")
            or line.startswith(("DISCLAIMER", "More information", "Last updated"))
        ):
            flush()
            out.append(Piece("paragraph", (" ".join(line.split()),)))
        else:
            paragraph.append(" ".join(line.split()))
    flush()
    return out


class Layout(NamedTuple):
    """Where a PDF puts its page furniture: the page number (`None`, or where: `bottom-left`,
    `bottom-center`, `bottom-right`, `top-right`), its form (`{n}` is the page, `{nb}` the
    pages), a running header and footer (`None`: none; `""` for the header: the title and
    the country; `{n}` in the header: the page), a page break forced after one heading, the
    background's columns, and page breaks forced before the paragraphs (or list items) that
    open with the given words: the body's own lines at the top of a page."""

    number: str | None = "bottom-center"
    number_form: str = "Page {n} of {nb}"
    header: str | None = ""
    footer: str | None = None
    break_after: str | None = None
    columns: bool = True
    break_before: tuple[str, ...] = ()


def build(
    *texts: str, header: str | None = "", columns: bool = True, layout: Layout | None = None
) -> bytes:
    """A PDF of the profiles' `texts`, each from a new page (as ITU's 2015 report printed
    them one after another), laid out as `layout` says (or, for short: `header`, the running
    header, "" for the title and the country, None for none; `columns=False` puts the
    background's figures one under the other)."""
    from fpdf import FPDF

    layout = layout or Layout(header=header, columns=columns)
    running = [""]

    class Profile(FPDF):
        def header(self) -> None:
            if layout.header is not None:
                self.set_font("Helvetica", "I", 8)
                header = running[0].replace("{n}", str(self.page_no()))
                self.cell(0, 6, header, align="R", new_x="LMARGIN", new_y="NEXT")
            if layout.number == "top-right":
                self.set_xy(self.l_margin, 5)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, _number(self), align="R")
                self.set_xy(self.l_margin, 16)
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            if layout.footer is not None:
                self.cell(0, 5, layout.footer, align="L", new_x="LMARGIN", new_y="NEXT")
            if layout.number and layout.number.startswith("bottom"):
                align = {"bottom-left": "L", "bottom-center": "C", "bottom-right": "R"}
                self.cell(0, 5, _number(self), align=align[layout.number])

    def _number(pdf) -> str:
        return layout.number_form.format(n=pdf.page_no(), nb="{nb}")

    pdf = Profile(format="A4")
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_title("Cyberwellness Profiles")
    for text in texts:
        parts = pieces(text)
        country = next((p.texts[0] for p in parts if p.kind == "country"), "")
        running[0] = layout.header or f"ITU Cyberwellness Profile {country}"
        pdf.add_page()
        _lay_out(pdf, parts, layout.columns, layout.break_after, layout.break_before)
    return bytes(pdf.output())


def _lay_out(
    pdf,
    parts: list[Piece],
    columns: bool,
    break_after: str | None = None,
    break_before: tuple[str, ...] = (),
) -> None:
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pending_columns: list[tuple[str, ...]] = []

    def place_columns() -> None:
        if not pending_columns:
            return
        pdf.set_font("Helvetica", "", 9)
        if columns:
            for left, right in pending_columns:
                y = pdf.get_y()
                pdf.multi_cell(half - 4, 5, left, new_x="LMARGIN", new_y="NEXT")
                below = pdf.get_y()
                pdf.set_xy(pdf.l_margin + half, y)
                pdf.multi_cell(half - 4, 5, right, new_x="LMARGIN", new_y="NEXT")
                pdf.set_y(max(below, pdf.get_y()))
        else:
            for side in (0, 1):
                for row in pending_columns:
                    pdf.multi_cell(0, 5, row[side], new_x="LMARGIN", new_y="NEXT")
        pending_columns.clear()
        pdf.ln(3)

    for piece in parts:
        if piece.kind != "columns":
            place_columns()
        if piece.kind == "title":
            pdf.set_font("Helvetica", "B", 20)
            pdf.cell(0, 10, piece.texts[0], align="R", new_x="LMARGIN", new_y="NEXT")
        elif piece.kind == "country":
            pdf.set_font("Helvetica", "B", 16)
            pdf.cell(0, 9, piece.texts[0], align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif piece.kind == "background":
            pdf.set_font("Helvetica", "B", 11)
            pdf.cell(0, 7, piece.texts[0], new_x="LMARGIN", new_y="NEXT")
        elif piece.kind == "columns":
            pending_columns.append(piece.texts)
        elif piece.kind == "heading":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 11 if piece.texts[0].count(".") < 2 else 10)
            pdf.cell(0, 6, piece.texts[0], new_x="LMARGIN", new_y="NEXT")
            if piece.texts[0] == break_after:
                pdf.add_page()
        elif piece.kind == "rule":
            pdf.ln(4)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(2)
        else:
            if break_before and piece.texts[0].lstrip("- ").startswith(break_before):
                pdf.add_page()
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, piece.texts[0], new_x="LMARGIN", new_y="NEXT")
            if not piece.texts[0].startswith("- "):
                pdf.ln(2.5)  # paragraphs stand apart, as in ITU's layout
    place_columns()
