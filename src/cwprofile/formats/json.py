"""JSON output: one document, fixed keys, real booleans, no raw control characters."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cwprofile.textsafe import json_escape_unsafe

if TYPE_CHECKING:
    from cwprofile.formats import Target
    from cwprofile.reports.report import Report


def render(report: Report, target: Target) -> str:
    # Indented for a person at a terminal, compact (and C-encoded, so fast) for a program.
    return dumps(report.document, pretty=target.terminal)


def dumps(document: dict[str, Any], pretty: bool = True) -> str:
    """Strict RFC 8259: a NaN or an infinity is refused (ValueError), never written as the
    `NaN` and `Infinity` that parsers other than Python's reject."""
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return json_escape_unsafe(text) + "\n"
