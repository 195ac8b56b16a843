"""One module per output format behind one interface: `render(report, target) -> str`.

This package's own module holds the list of formats (the CLI needs it to parse `--format`)
and the one dispatch; a format's module loads only when it is used.
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cwprofile.report import Report


class Format(str, Enum):
    table = "table"  # rich, for a terminal
    text = "text"  # plain text, the default when stdout is not a terminal
    json = "json"
    yaml = "yaml"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    svg = "svg"


class ProfileFormat(str, Enum):
    """The formats of a command whose output is a document, not one table (`show`)."""

    table = "table"
    text = "text"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"
    html = "html"
    svg = "svg"


# The formats a file can be exported to with --export, by its ending.
EXPORT_ENDINGS = {".svg": Format.svg, ".html": Format.html, ".htm": Format.html}


class Target:
    """Where the text goes: a terminal (colours, indented JSON) and how wide it is.
    (A plain class: a NamedTuple costs every run, JSON ones too, about 15 kB.)"""

    __slots__ = ("terminal", "width")

    def __init__(self, terminal: bool = False, width: int | None = None) -> None:
        self.terminal = terminal
        self.width = width


def render(report: Report, fmt: Format, target: Target | None = None) -> str:
    module = importlib.import_module(f"cwprofile.formats.{fmt.value}")
    return module.render(report, target or Target())
