"""Plain text for pipes and files: no colour, no escape codes, one table row per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.blocks import Fields, Heading, Lines, Paragraph, Table, plain, unreachable
from cwprofile.textsafe import safe_line

if TYPE_CHECKING:
    from cwprofile.formats import Target
    from cwprofile.reports.report import Report


def render(report: Report, target: Target) -> str:
    # Each table's cells as text, once; tables of the same columns share their widths, so
    # that they line up down the page.
    cells: dict[int, tuple[list[str], list[list[str]]]] = {}
    widths: dict[tuple, list[int]] = {}
    for block in report.blocks:
        if isinstance(block, Table):
            header = [safe_line(column.header) for column in block.columns]
            rows = [[_cell(value) for value in row] for row in block.rows]
            cells[id(block)] = (header, rows)
            found = [max(map(len, column)) for column in zip(header, *rows, strict=True)]
            held = widths.get(block.columns, found)
            widths[block.columns] = [max(a, b) for a, b in zip(held, found, strict=True)]
    parts = []
    for block in report.blocks:
        match block:
            case Heading():
                text = safe_line(block.text)
                if block.level == 1:
                    parts.append(f"{text}\n{'=' * len(text)}")
                elif block.level == 2:
                    parts.append(f"{text}\n{'-' * len(text)}")
                else:
                    parts.append(text)
            case Fields():
                parts.append(_fields(block))
            case Table():
                parts.append(_table(block, *cells[id(block)], widths[block.columns]))
            case Paragraph():
                parts.append(safe_line(block.text))
            case Lines():
                parts.append("\n".join(safe_line(line) for line in block.lines))
            case _:
                unreachable(block)
    return "\n\n".join(part for part in parts if part) + "\n"


def _fields(block: Fields) -> str:
    width = max((len(label) for label, _ in block.rows), default=0)
    lines = [safe_line(block.title)] if block.title else []
    lines += [
        f"{label + ':':<{width + 1}}  {safe_line(plain(value))}" for label, value in block.rows
    ]
    return "\n".join(lines)


def _table(block: Table, header: list[str], rows: list[list[str]], widths: list[int]) -> str:
    # One format string for every line: compare's matrix can be 400 columns wide.
    template = "  ".join(
        f"{{:{'>' if column.numeric else '<'}{width}}}"
        for column, width in zip(block.columns, widths, strict=True)
    )
    lines = [safe_line(block.title)] if block.title else []
    lines.append(template.format(*header).rstrip())
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(template.format(*row).rstrip() for row in rows)
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, bool):  # the commonest cell, in compare's matrix
        return "yes" if value else "no"
    return safe_line(plain(value))  # type: ignore[arg-type]
