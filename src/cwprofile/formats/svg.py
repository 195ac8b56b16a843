"""SVG: the terminal view drawn as a picture, sized to its content, links clickable.

The report is laid out as for a terminal (`formats.table`) at the width its content needs
(or `--width`), then each line is written as `<text>` with its colours. The picture is
self-contained: a system monospace font, no web font, no external reference of any kind.
Data is XML-escaped text; a link is an `<a>` only for a safe URL (see `textsafe.safe_url`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from rich.style import Style

    from cwprofile.formats import Target
    from cwprofile.reports.report import Report

CELL_WIDTH = 8.4  # px of one character cell at FONT_SIZE in a monospace font
LINE_HEIGHT = 18
FONT_SIZE = 14
MARGIN = 12
FOREGROUND = "#1b1b1b"
BACKGROUND = "#ffffff"
DIM = "#6b6b6b"


def render(report: Report, target: Target) -> str:
    import io

    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    from cwprofile.formats import terminal
    from cwprofile.textsafe import safe_line, safe_url

    width = target.width or terminal.natural_width(report)
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor"
    )
    lines = [Text.from_ansi(line) for line in terminal.draw(report, console).splitlines()]
    columns = max((cell_len(line.plain) for line in lines), default=0)
    picture_width = round(2 * MARGIN + columns * CELL_WIDTH)
    picture_height = 2 * MARGIN + LINE_HEIGHT * len(lines)
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{picture_width}" height="{picture_height}" '
        f'viewBox="0 0 {picture_width} {picture_height}" role="img">',
        f"<title>{escape(safe_line(report.title))}</title>",
        f'<rect width="100%" height="100%" fill="{BACKGROUND}"/>',
        f'<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" '
        f'font-size="{FONT_SIZE}" fill="{FOREGROUND}" style="white-space: pre">',
    ]
    for number, line in enumerate(lines):
        y = MARGIN + LINE_HEIGHT * number + FONT_SIZE
        column = 0
        pieces = []
        for piece in line.divide(
            sorted({s.start for s in line.spans} | {s.end for s in line.spans})
        ):
            text = piece.plain
            if not text:
                continue
            style = piece.get_style_at_offset(console, 0) if piece.spans else None
            x = MARGIN + column * CELL_WIDTH
            pieces.append(_tspan(text, x, style, safe_url))
            column += cell_len(text)
        if pieces:
            # Spaces kept, as a terminal keeps them (browsers honour one of these, viewers
            # the other).
            out.append(f'<text y="{y}" xml:space="preserve">{"".join(pieces)}</text>')
    out += ["</g>", "</svg>"]
    return "\n".join(out) + "\n"


def _tspan(text: str, x: float, style: Style | None, safe_url: object) -> str:
    attributes = [f'x="{x:.1f}"']
    link = None
    if style is not None:
        if style.color is not None and not style.color.is_default:
            attributes.append(f'fill="{style.color.get_truecolor().hex}"')
        elif style.dim:
            attributes.append(f'fill="{DIM}"')
        if style.bold:
            attributes.append('font-weight="bold"')
        if style.reverse or (style.bgcolor is not None and not style.bgcolor.is_default):
            attributes.append('text-decoration="underline"')
        if style.link:
            link = safe_url(style.link)  # type: ignore[operator]
    span = f"<tspan {' '.join(attributes)}>{escape(text)}</tspan>"
    if link:
        return f"<a href={quoteattr(link)}>{span}</a>"
    return span
