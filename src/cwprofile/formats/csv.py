"""CSV: the report's one table, with machine-friendly column keys as the header."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from cwprofile.textsafe import safe
from cwprofile.views import plain

if TYPE_CHECKING:
    from cwprofile.output import Report


class NotTabular(ValueError):
    """The report has no single table to write as CSV."""


def render(report: Report) -> str:
    table = report.single_table()
    if table is None:
        raise NotTabular("this command's output is not one table")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_cell(column.key) for column in table.columns)
    for row in table.rows:
        writer.writerow(_cell(value) for value in row)
    return buffer.getvalue()


def _cell(value: object) -> str:
    text = safe(plain(value))  # type: ignore[arg-type]
    # A cell starting with = + - @ is a formula to spreadsheets: quote it as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
