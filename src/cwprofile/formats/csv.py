"""CSV for spreadsheets and pandas: the report's records, one per row, typed.

Text is always quoted, numbers are not, booleans are `true`/`false`, and nothing (null) is an
empty, unquoted cell; the values are the JSON document's. Two changes only: a text a
spreadsheet would run as a formula gets a leading `'` (see `neutralise`), and control and
bidi characters are written as visible escapes (`\\x1b`), as in every text format. Lines end
in `\\n`; a value's own newlines stay inside its quotes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cwprofile.errors import CwprofileError
from cwprofile.textsafe import safe_controls

if TYPE_CHECKING:
    from cwprofile.formats import Target
    from cwprofile.reports.report import Cell, Report

# A number or phone number: `+856 21 254 508`, `+1 684-622-1234`, `-3.5`: digits and the
# separators of numbers only, no operator a formula could call a function or a cell with.
_SIGNED_NUMBER = re.compile(r"[+-][0-9][0-9 .()-]*")


class NotTabular(CwprofileError):
    """The command's output is not one table (checked before any data is read)."""

    exit_code = 2


def render(report: Report, target: Target) -> str:
    records = report.records
    if records is None:
        raise NotTabular("--format csv: this command's output is not one table")
    lines = [",".join(_quoted(name) for name in records.columns)]
    lines.extend(",".join(_cell(value) for value in row) for row in records.rows)
    return "\n".join(lines) + "\n"


def neutralise(text: str) -> str:
    """The text, with a leading `'` when a spreadsheet would evaluate it: it starts (after
    spaces) with `=` or `@`, with a tab or carriage return, or with `+` or `-` that does not
    begin a number (`+85592335536`, `+1 684-622-1234` and `-3.5` stay as they are; `-1+1`
    and `+A1` do not)."""
    stripped = text.lstrip(" ")
    first = stripped[:1]
    if text[:1] in ("\t", "\r") or first in ("=", "@"):
        return "'" + text
    if first in ("+", "-") and not _SIGNED_NUMBER.fullmatch(stripped):
        return "'" + text
    return text


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return _quoted(neutralise(safe_controls(value)))


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
