"""Rich output for a terminal (also what SVG exports draw): colour, marks, tables that fit.

A table is laid out for the width it has. Identifier columns (codes, ISO codes, dates,
tallies, phone, email, links) keep their whole values on one line; text and prose columns
wrap between words and never break a word. When the identifiers and the longest words cannot
all fit side by side, the table is shown as stacked records instead (one block per row,
`label: value`, as psql's expanded mode), where values wrap between words too; a single word
wider than the screen stays whole on its own line and the terminal folds it. Nothing is cut.

Data never reaches rich as markup: every string becomes a `Text` after `textsafe` has made
control characters visible, so a profile cannot inject styles, links or escape sequences.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from typing import TYPE_CHECKING

from cwprofile.blocks import (
    Column,
    Fields,
    Heading,
    Highlighted,
    Lines,
    Link,
    Paragraph,
    Table,
    Unknown,
    Value,
    plain,
    unreachable,
)
from cwprofile.textsafe import safe, safe_line, safe_url

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from cwprofile.formats import Target
    from cwprofile.reports.report import Report

GAP = 3  # the cells between two columns of a SIMPLE_HEAD table drawn without edges
TEXT_FLOOR = 12  # a text column is not squeezed below this unless its values are shorter
PROSE_FLOOR = 24  # nor a prose column below this
TEXT_SHARE = 20  # beside prose, a name column wraps past this, so that the prose has room
EXPORT_WIDTH = 120  # an export's width when its content would be wider (prose wraps)
_WORD = re.compile(r"\S+\s*")


def render(report: Report, target: Target) -> str:
    """The report for the terminal: its width, its colours (if any) and links.

    The lines are laid out here, so they need no rich Console to print: each styled run is
    written with rich's `Style.render`. (Importing rich's Console costs a terminal run about
    20 ms, a third of a whole warm query.)"""
    import shutil

    width = target.width or shutil.get_terminal_size().columns
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    lines = laid_out(report, width, unicode=encoding.startswith("utf"))
    # Colours and links only for a terminal (or FORCE_COLOR): `--format table > file` is plain.
    return ansi(lines, _color_system() if target.terminal else None)


def draw(report: Report, console: Console) -> str:
    """The report as a rich Console prints it (SVG exports record it this way)."""
    from rich.text import Text

    unicode = console.encoding.lower().startswith("utf")
    with console.capture() as captured:
        console.print(Text("\n").join(laid_out(report, console.width, unicode)), soft_wrap=True)
    return captured.get()


def _color_system() -> str | None:
    """What the terminal takes, as rich's Console would decide it: none with NO_COLOR or a
    dumb terminal, truecolor when COLORTERM says so, 256 colours for a *-256color TERM."""
    if os.environ.get("NO_COLOR"):
        return None
    term = os.environ.get("TERM", "").lower()
    if term in ("dumb", "unknown") and not os.environ.get("FORCE_COLOR"):
        return None
    if os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    return "256" if term.endswith("256color") else "standard"


def ansi(lines: list[Text], color_system: str | None) -> str:
    """The lines as terminal text: each run of one style written by rich's Style.render."""
    from rich.color import ColorSystem
    from rich.style import Style

    system = {
        "truecolor": ColorSystem.TRUECOLOR,
        "256": ColorSystem.EIGHT_BIT,
        "standard": ColorSystem.STANDARD,
    }.get(color_system or "")
    parsed: dict[str, Style] = {}

    def style_of(style: str | Style) -> Style:
        if isinstance(style, Style):
            return style
        if style not in parsed:
            parsed[style] = Style.parse(style) if style else Style()
        return parsed[style]

    out = []
    for line in lines:
        line.expand_tabs(8)
        text = line.plain
        if system is None or not (line.spans or line.style):
            out.append(text)
            continue
        base = style_of(line.style)
        cuts = sorted({0, len(text), *(s.start for s in line.spans), *(s.end for s in line.spans)})
        pieces = []
        for start, end in itertools.pairwise(cuts):
            style = base
            for span in line.spans:
                if span.start <= start and end <= span.end:
                    style = style + style_of(span.style)
            pieces.append(style.render(text[start:end], color_system=system))
        out.append("".join(pieces))
    return "\n".join(out) + "\n"


def laid_out(report: Report, width: int, unicode: bool) -> list[Text]:
    """Every line of the report, laid out for `width` columns: rich Text, styled."""
    from rich.text import Text

    blocks = report.blocks
    layouts = _shared_layouts(blocks, width, unicode)
    out: list[Text] = []
    for block in blocks:
        match block:
            case Heading():
                text = Text(safe_line(block.text))
                if block.level == 2 and text.cell_len + 4 <= width:
                    rule = ("─" if unicode else "-") * (width - text.cell_len - 1)
                    out += [Text(""), Text.assemble(text, " ", rule, style="cyan")]
                    continue
                text.stylize("bold reverse" if block.level == 1 else "bold cyan")
                out += [Text(""), *wrap(text, width)]
            case Fields():
                title = (
                    wrap(Text(safe_line(block.title), style="bold"), width) if block.title else []
                )
                out += [Text(""), *title, *_field_lines(block.rows, width, unicode)]
            case Table():
                parts = layouts[block.columns]
                if parts is None:
                    out += _stacked(block, width, unicode)
                for chosen, widths in parts or ():
                    out += [Text(""), *_table(block, chosen, widths, unicode)]
            case Paragraph():
                text = Text(safe(block.text), style="dim" if block.quiet else "")
                out += [Text(""), *wrap(text, width)]
            case Lines():
                out += [row for line in block.lines for row in wrap(Text(safe_line(line)), width)]
            case _:
                unreachable(block)
    while out and not out[0].plain:  # the blank line before the first block: none at the top
        out.pop(0)
    return out


def cell(value: Value, unicode: bool = True) -> Text:
    from rich.style import Style
    from rich.text import Text

    if isinstance(value, bool):
        mark = ("✓ " if value else "✗ ") if unicode else ""
        return Text(mark + plain(value), style="bold green" if value else "red")
    if isinstance(value, Unknown):
        return Text(("? " if unicode else "") + "unknown", style="yellow")
    if isinstance(value, Link):
        url = safe_url(value.url)
        return Text(safe_line(value.text), style=Style(link=url) if url else "")
    if isinstance(value, Highlighted):
        text = Text(safe(value.text))
        for start, end in value.spans:
            text.stylize("bold reverse yellow", start, end)
        return text
    if value is None:
        return Text("-", style="dim")
    return Text(safe(str(value)))


def wrap(text: Text, width: int) -> list[Text]:
    """Lines of at most `width` cells, broken only between words (and at newlines); a word
    wider than `width` stays whole on a line of its own."""
    from rich.cells import cell_len

    out = []
    for line in text.split("\n", allow_blank=True):
        source = line.plain
        breaks = []
        column = len(source) - len(source.lstrip())  # an indented line keeps its indent
        empty = True  # nothing on this line yet: a word goes here however wide it is
        for match in _WORD.finditer(source):
            word = cell_len(match.group().rstrip())
            if not empty and column + word > width:
                breaks.append(match.start())
                column = 0
            column += cell_len(match.group())
            empty = False
        for piece in line.divide(breaks):
            piece.rstrip()
            out.append(piece)
    return out


# Tables ----------------------------------------------------------------------------------

# A table's layout: the columns of each part it is drawn in and their widths; None when it is
# shown as stacked records instead.
Plan = list[tuple[tuple[int, ...], tuple[int, ...]]] | None


def _shared_layouts(blocks: tuple, width: int, unicode: bool) -> dict:
    """One layout for every table of the same columns, so that they line up down the page."""
    found: dict[tuple[Column, ...], tuple[list[tuple[Value, ...]], int]] = {}
    for block in blocks:
        if isinstance(block, Table):
            rows, _ = found.get(block.columns, ([], 0))
            found[block.columns] = ([*rows, *block.rows], block.key_columns)
    return {
        columns: plan(columns, rows, width, keys, unicode)
        for columns, (rows, keys) in found.items()
    }


def plan(
    columns: tuple[Column, ...],
    rows: list[tuple[Value, ...]],
    width: int,
    key_columns: int = 0,
    unicode: bool = True,
) -> Plan:
    """The layout that shows every value whole within `width`: the table as it is, or (with
    key columns) split into parts that each repeat the keys, or None (stacked records)."""
    natural, minimum = measure(columns, rows, unicode)
    kinds = [column.kind for column in columns]
    everything = tuple(range(len(columns)))
    widths = fit(kinds, natural, minimum, width)
    if widths is not None:
        return [(everything, widths)]
    if not key_columns:
        return None
    keys = everything[:key_columns]
    parts = []
    rest = list(everything[key_columns:])
    while rest:
        taken = 0
        used = sum(minimum[n] + GAP for n in keys)
        while taken < len(rest) and used + minimum[rest[taken]] <= width:
            used += minimum[rest[taken]] + GAP
            taken += 1
        if not taken:
            return None
        chosen = (*keys, *rest[:taken])
        part = fit(
            [kinds[n] for n in chosen],
            [natural[n] for n in chosen],
            [minimum[n] for n in chosen],
            width,
        )
        assert part is not None  # its minimums fit
        parts.append((chosen, part))
        rest = rest[taken:]
    return parts


def fit(
    kinds: list[str], natural: list[int], minimum: list[int], width: int
) -> tuple[int, ...] | None:
    """Column widths that show every value whole within `width`, or None when none do.
    Identifiers get their whole width first; beside prose (evidence), a name gets at most
    TEXT_SHARE and wraps between its words, so that the prose, which people read, has the
    room; what is left then goes to the prose, and last to the names."""
    room = width - GAP * (len(kinds) - 1)
    if sum(minimum) > room:
        return None
    widths = list(minimum)
    prose = [n for n, kind in enumerate(kinds) if kind == "prose"]
    share = TEXT_SHARE if prose else width

    def grow(number: int, to: int) -> None:
        widths[number] += max(0, min(to - widths[number], room - sum(widths)))

    for number, kind in enumerate(kinds):  # identifiers whole first (their headers too)
        if kind == "id":
            grow(number, natural[number])
    for number, kind in enumerate(kinds):  # then names, up to their share
        if kind == "text":
            grow(number, min(natural[number], max(widths[number], share)))
    spare = room - sum(widths)
    wanted = sum(natural[n] - widths[n] for n in prose)
    for n in prose:  # then prose, in proportion to what each still lacks
        if spare and wanted:
            widths[n] += min(natural[n] - widths[n], spare * (natural[n] - widths[n]) // wanted)
    for n in prose:
        grow(n, natural[n])
    for number, kind in enumerate(kinds):  # what is still left: the names, whole
        if kind == "text":
            grow(number, natural[number])
    return tuple(widths)


def measure(
    columns: tuple[Column, ...], rows: list[tuple[Value, ...]], unicode: bool = True
) -> tuple[list[int], list[int]]:
    """Each column's natural width (its longest line) and the least it can be given."""
    from rich.cells import cell_len

    natural = []
    minimum = []
    for number, column in enumerate(columns):
        header = safe_line(column.header)
        header_word = max((cell_len(word) for word in header.split()), default=0)
        texts = {cell(row[number], unicode).plain for row in rows}  # measured as drawn
        lines = {line for text in texts for line in text.split("\n")}
        longest = max((cell_len(line) for line in lines), default=0)
        whole = max(longest, cell_len(header))
        if column.kind == "id":
            least = max(longest, header_word, 1)
        else:
            word = max((cell_len(w) for line in lines for w in line.split()), default=0)
            floor = PROSE_FLOOR if column.kind == "prose" else TEXT_FLOOR
            least = max(word, header_word, min(whole, floor), 1)
        natural.append(max(whole, least))
        minimum.append(least)
    return natural, minimum


def natural_width(report: Report) -> int:
    """The width an export needs: every table row and field on one line, but no wider than
    EXPORT_WIDTH where prose can wrap, and never narrower than what keeps every identifier
    and word whole."""
    from rich.cells import cell_len

    best = 40
    for block in report.blocks:
        if isinstance(block, Table):
            natural, minimum = measure(block.columns, list(block.rows))
            gaps = GAP * (len(block.columns) - 1)
            best = max(best, min(sum(natural) + gaps, max(EXPORT_WIDTH, sum(minimum) + gaps)))
        elif isinstance(block, Fields):
            label = max((cell_len(safe_line(label)) + 3 for label, _ in block.rows), default=0)
            values = [cell(value).plain for _, value in block.rows]
            longest = max((cell_len(line) for v in values for line in v.split("\n")), default=0)
            best = max(best, min(label + longest, EXPORT_WIDTH))
    return best


def _table(
    block: Table, chosen: tuple[int, ...], widths: tuple[int, ...], unicode: bool
) -> list[Text]:
    """The table's lines: its title, a bold header, a rule, the rows (a blank line before
    each group), every cell wrapped to its column's width. When a row takes more than one
    line, a blank line stands between every two rows: which lines make a row is never to
    be guessed. The widths come from `plan`, so no value is cut; we draw the lines
    ourselves, as rich's Table would measure every cell again."""
    from rich.text import Text

    columns = [block.columns[n] for n in chosen]
    total = sum(widths) + GAP * (len(widths) - 1)
    out: list[Text] = []
    if block.title:
        out += wrap(Text(safe_line(block.title), style="bold"), total)
    headers = [Text(safe_line(column.header), style="bold") for column in columns]
    out += _row(headers, columns, widths)
    out.append(Text(("─" if unicode else "-") * total, style="dim" if unicode else ""))
    rows = [_row([cell(row[n], unicode) for n in chosen], columns, widths) for row in block.rows]
    spaced = any(len(lines) > 1 for lines in rows)
    for number, lines in enumerate(rows):
        if number and (spaced or number in block.group_rows):
            out.append(Text(""))
        out += lines
    return out


def _row(cells: list[Text], columns: list[Column], widths: tuple[int, ...]) -> list[Text]:
    """One table row as lines: each cell wrapped to its width, padded, side by side."""
    from rich.text import Text

    pieces = [wrap(text, width) for text, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in pieces)
    gap = " " * GAP
    out = []
    for number in range(height):
        line = Text()
        for place, (lines, column, width) in enumerate(zip(pieces, columns, widths, strict=True)):
            piece = lines[number] if number < len(lines) else Text("")
            padding = " " * (width - piece.cell_len)
            if place:
                line.append(gap)
            if column.numeric:
                line.append(padding)
                line.append_text(piece)
            else:
                line.append_text(piece)
                if place < len(columns) - 1:
                    line.append(padding)
        out.append(line)
    return out


def _stacked(block: Table, width: int, unicode: bool) -> list[Text]:
    """The table as one block of `label: value` lines per row."""
    from rich.text import Text

    out: list[Text] = []
    if block.title:
        out += [Text(""), *wrap(Text(safe_line(block.title), style="bold"), width)]
    headers = [column.header for column in block.columns]
    keys = max(1, block.key_columns)  # the cells that name the record head it
    for row in block.rows:
        name = " ".join(plain(value) for value in row[:keys] if value not in (None, ""))
        out += [Text(""), *wrap(Text(safe_line(name), style="bold cyan"), width)]
        out += _field_lines(tuple(zip(headers[keys:], row[keys:], strict=True)), width, unicode)
    return out


def _field_lines(rows: tuple[tuple[str, Value], ...], width: int, unicode: bool) -> list[Text]:
    """`label  value` lines, the values aligned and wrapped between words. A link (phone,
    email, web) is never wrapped; a value too wide to stand beside its label starts on the
    next line, indented."""
    from rich.cells import cell_len
    from rich.text import Text

    labels = [safe_line(label) + ":" for label, _ in rows]
    label_width = max((cell_len(label) for label in labels), default=0)
    room = width - label_width - 2
    out = []
    for label, (_, value) in zip(labels, rows, strict=True):
        text = cell(value, unicode)
        whole = isinstance(value, Link)
        words = [cell_len(text.plain)] if whole else [cell_len(w) for w in text.plain.split()]
        if room >= max(words, default=0) and room >= min(TEXT_FLOOR, sum(words) + len(words)):
            for number, line in enumerate(wrap(text, room)):
                shown = label if number == 0 else ""
                padding = " " * (label_width + 2 - cell_len(shown))
                out.append(Text.assemble((shown + padding, "dim"), line))
        else:
            out.append(Text(label, style="dim"))
            pieces = [text] if whole else wrap(text, width - 2)
            out += [Text.assemble("  ", line) for line in pieces]
    return out
