"""Rich output for a terminal (and for SVG/HTML exports): colour, marks, wrapped tables.

Data never reaches rich as markup: every string becomes a `Text` after `textsafe` has made
control characters visible, so a profile cannot inject styles, links or escape sequences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.textsafe import safe, safe_line
from cwprofile.views import (
    Fields,
    Heading,
    Highlighted,
    Lines,
    Link,
    Paragraph,
    Table,
    Value,
    plain,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from cwprofile.output import Report

SAFE_LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def render(report: Report, console: Console) -> str:
    """The report as the console would print it (with its colours, width and links)."""
    with console.capture() as captured:
        for renderable in renderables(report, unicode=console.encoding.lower().startswith("utf")):
            console.print(renderable)
    return captured.get()


def export(report: Report, kind: str, width: int = 110) -> str:
    """The report as a standalone SVG or HTML document."""
    import io

    from rich.console import Console

    console = Console(record=True, file=io.StringIO(), width=width, force_terminal=True)
    for renderable in renderables(report, unicode=True):
        console.print(renderable)
    if kind == "svg":
        return console.export_svg(title="cwprofile")
    return console.export_html(inline_styles=True)


def renderables(report: Report, unicode: bool) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    out: list[RenderableType] = []
    for block in report.blocks:
        if isinstance(block, Heading):
            text = Text(safe_line(block.text))
            if block.level == 1:
                text.stylize("bold reverse")
                out.append(Padding(text, (1, 0, 0, 0)))
            elif block.level == 2:
                out.append(Rule(text, style="cyan", align="left"))
            else:
                text.stylize("bold cyan")
                out.append(Padding(text, (1, 0, 0, 0)))
        elif isinstance(block, Fields):
            out.append(Padding(_fields(block, unicode), (1, 0, 0, 0)))
        elif isinstance(block, Table):
            out.append(_table(block, unicode))
        elif isinstance(block, Paragraph):
            out.append(Text(safe(block.text), style="dim" if block.quiet else ""))
        elif isinstance(block, Lines):
            out.append(Text("\n".join(safe_line(line) for line in block.lines)))
    return out


def cell(value: Value, unicode: bool = True) -> Text:
    from rich.style import Style
    from rich.text import Text

    if isinstance(value, bool):
        mark = ("✓ " if value else "✗ ") if unicode else ""
        return Text(mark + plain(value), style="bold green" if value else "red")
    if isinstance(value, Link):
        url = value.url
        safe_url = url.startswith(SAFE_LINK_SCHEMES) and url.isascii() and url.isprintable()
        return Text(
            safe_line(value.text), style=Style(link=url) if safe_url and " " not in url else ""
        )
    if isinstance(value, Highlighted):
        text = Text(safe(value.text))
        for start, end in value.spans:
            text.stylize("bold reverse yellow", start, end)
        return text
    if value is None:
        return Text("-", style="dim")
    return Text(safe(str(value)))


def _fields(block: Fields, unicode: bool) -> RenderableType:
    from rich.table import Table as RichTable
    from rich.text import Text

    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    if block.title:
        grid.title = Text(safe_line(block.title), style="bold")
        grid.title_justify = "left"
    for label, value in block.rows:
        grid.add_row(Text(safe_line(label)), cell(value, unicode))
    return grid


def _table(block: Table, unicode: bool) -> RenderableType:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(
        box=box.SIMPLE_HEAD if unicode else box.ASCII2,
        title=Text(safe_line(block.title)) if block.title else None,
        title_justify="left",
        header_style="bold",
        expand=any(column.wide for column in block.columns),
    )
    for column in block.columns:
        table.add_column(
            Text(safe_line(column.header)),
            justify="right" if column.numeric else "left",
            overflow="fold",
            ratio=1 if column.wide else None,
            no_wrap=not column.wide,
        )
    for number, row in enumerate(block.rows):
        if number and number in block.group_rows:
            table.add_section()
        table.add_row(*(cell(value, unicode) for value in row))
    return table
