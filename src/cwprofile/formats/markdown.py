"""Markdown for reports and issues: headings, field lists and pipe tables, data escaped; an
evidence's list items and paragraphs kept as lines (`<br>`, the one HTML it writes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cwprofile.blocks import (
    Fields,
    Heading,
    Lines,
    Link,
    Paragraph,
    Table,
    Value,
    plain,
    unreachable,
)
from cwprofile.textsafe import safe, safe_line, safe_url

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!])")

if TYPE_CHECKING:
    from cwprofile.formats import Target
    from cwprofile.reports.report import Report


def escape(text: str) -> str:
    """Data as literal Markdown text: no links, images, HTML or table breaks can come from it."""
    return _SPECIAL.sub(r"\\\1", safe_line(text))


def _value(value: Value) -> str:
    """A value as literal Markdown within one line (a table cell, a field): its own lines
    (an evidence's list items and paragraphs) kept apart by `<br>`, which Markdown
    renderers show as a line break in a cell."""
    url = safe_url(value.url) if isinstance(value, Link) else None
    if url:
        return f"[{escape(plain(value))}](<{url}>)"
    return "<br>".join(escape(line) for line in safe(plain(value)).split("\n"))


def render(report: Report, target: Target) -> str:
    parts = []
    for block in report.blocks:
        match block:
            case Heading():
                parts.append(f"{'#' * block.level} {escape(block.text)}")
            case Fields():
                title = [f"**{escape(block.title)}**", ""] if block.title else []
                rows = [f"- **{escape(label)}:** {_value(value)}" for label, value in block.rows]
                parts.append("\n".join(title + rows))
            case Table():
                parts.append(_table(block))
            case Paragraph():
                parts.append(f"_{escape(block.text)}_" if block.quiet else escape(block.text))
            case Lines():
                parts.append("\n".join(f"- {escape(line)}" for line in block.lines))
            case _:
                unreachable(block)
    return "\n\n".join(parts) + "\n"


def _table(block: Table) -> str:
    align = ["---:" if column.numeric else "---" for column in block.columns]
    lines = [f"**{escape(block.title)}**", ""] if block.title else []
    lines.append("| " + " | ".join(escape(column.header) for column in block.columns) + " |")
    lines.append("| " + " | ".join(align) + " |")
    lines.extend("| " + " | ".join(_value(value) for value in row) + " |" for row in block.rows)
    return "\n".join(lines)
