"""HTML: a standalone document with a title, headings, definition lists and real tables that
paste into a spreadsheet.

Every piece of data is escaped as text (`html.escape`, quotes too); a link becomes an `<a>`
only for a safe URL (http, https, mailto, tel, of URI characters only), in a quoted, escaped
attribute. So no profile field can make an element or an attribute: every tag and attribute
in the document is one written here. The page loads nothing (a Content-Security-Policy says
so to the browser too).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from cwprofile.blocks import (
    Fields,
    Heading,
    Highlighted,
    Lines,
    Link,
    Paragraph,
    Table,
    Unknown,
    Value,
    unreachable,
)
from cwprofile.textsafe import safe, safe_line, safe_url

if TYPE_CHECKING:
    from cwprofile.formats import Target
    from cwprofile.reports.report import Report

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1b1b1b; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
table.shared { width: 100%; table-layout: fixed; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.numeric { text-align: right; }
td.id { white-space: nowrap; }
td.prose { white-space: pre-line; min-width: 20em; }
tbody.group { border-top: 2px solid #888; }
.yes { color: #116611; font-weight: bold; }
.no { color: #a01010; }
.unknown { color: #8a6d00; font-style: italic; }
.none { color: #888; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.5em; }
dt { color: #555; }
dd { margin: 0; white-space: pre-line; }
mark { background: #ffe680; }
p.quiet { color: #666; }
""".strip()


def render(report: Report, target: Target) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        '<meta name="generator" content="cwprofile">',
        f"<title>{_text(report.title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
    ]
    blocks = report.blocks
    widths = _column_widths(blocks)
    if not any(isinstance(block, Heading) and block.level == 1 for block in blocks):
        parts.append(f"<h1>{_text(report.title)}</h1>")  # every page says what it is
    for block in blocks:
        match block:
            case Heading():
                parts.append(f"<h{block.level}>{_text(block.text)}</h{block.level}>")
            case Fields():
                parts.append(_fields(block))
            case Table():
                parts.append(_table(block, widths[block.columns]))
            case Paragraph():
                quiet = ' class="quiet"' if block.quiet else ""
                parts.append(f"<p{quiet}>{_text(block.text)}</p>")
            case Lines():
                parts.append(
                    "<ul>\n" + "".join(f"<li>{_text(line)}</li>\n" for line in block.lines)
                )
                parts.append("</ul>")
            case _:
                unreachable(block)
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _text(text: str) -> str:
    """One line of data as HTML text."""
    return escape(safe_line(text), quote=True)


def _lines(text: str) -> str:
    """Data that may hold lines of its own (evidence) as HTML text; CSS keeps the lines."""
    return escape(safe(text).replace("\t", " "), quote=True)


def value_html(value: Value) -> str:
    if isinstance(value, bool):
        word = "yes" if value else "no"
        return f'<span class="{word}">{word}</span>'
    if isinstance(value, Unknown):
        return '<span class="unknown">unknown</span>'
    if value is None:
        return '<span class="none">-</span>'
    if isinstance(value, Link):
        url = safe_url(value.url)
        if url is None:
            return _text(value.text)
        return f'<a href="{escape(url, quote=True)}">{_text(value.text)}</a>'
    if isinstance(value, Highlighted):
        pieces = []
        at = 0
        for start, end in value.spans:
            pieces.append(_lines(value.text[at:start]))
            pieces.append(f"<mark>{_lines(value.text[start:end])}</mark>")
            at = end
        pieces.append(_lines(value.text[at:]))
        return "".join(pieces)
    return _lines(str(value))


def _fields(block: Fields) -> str:
    lines = [f"<h3>{_text(block.title)}</h3>"] if block.title else []
    lines.append("<dl>")
    for label, value in block.rows:
        lines.append(f"<dt>{_text(label)}</dt><dd>{value_html(value)}</dd>")
    lines.append("</dl>")
    return "\n".join(lines)


def _column_widths(blocks: tuple) -> dict[tuple, tuple[str, ...]]:
    """Each column's width, one for every table of the same columns, so that the tables of a
    page line up as a terminal's do: identifiers and names as wide as the terminal lays them
    out at the export's width (in characters, and room for the cell's padding and a bold
    header), prose the rest of the page."""
    from cwprofile.formats import terminal

    rows: dict[tuple, list] = {}
    for block in blocks:
        if isinstance(block, Table):
            rows.setdefault(block.columns, []).extend(block.rows)
    widths = {}
    for columns, found in rows.items():
        natural, _ = terminal.measure(columns, found)
        planned = terminal.plan(columns, found, terminal.EXPORT_WIDTH)
        chars = planned[0][1] if planned and len(planned) == 1 else natural
        widths[columns] = tuple(
            "" if column.kind == "prose" else f"width: {width + 2}ch"
            for column, width in zip(columns, chars, strict=True)
        )
    return widths


def _table(block: Table, widths: tuple[str, ...]) -> str:
    lines = ['<table class="shared">']
    if block.title:
        lines.append(f"<caption>{_text(block.title)}</caption>")
    lines.append(
        "<colgroup>"
        + "".join(f'<col style="{width}">' if width else "<col>" for width in widths)
        + "</colgroup>"
    )
    header = "".join(f'<th scope="col">{_text(column.header)}</th>' for column in block.columns)
    lines.append(f"<thead><tr>{header}</tr></thead>")
    classes = [
        ' class="numeric"' if column.numeric else f' class="{column.kind}"'
        for column in block.columns
    ]
    lines.append("<tbody>")
    for number, row in enumerate(block.rows):
        if number and number in block.group_rows:
            lines.append('</tbody><tbody class="group">')
        cells = "".join(
            f"<td{css}>{value_html(value)}</td>" for css, value in zip(classes, row, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)
