"""One module per output format behind one interface: `render(report, target) -> str`.

This package's own module holds the one table of what each format is (FORMATS), which every
other place reads: the `--format` choices of each command, which formats are written as
UTF-8 for programs, the endings `--export` takes, and the module that renders it. A format's
module loads only when it is used. To add a format: a module with `render`, and a line here.
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cwprofile.reports.report import Report


class FormatFacts:
    """What a format is. (A plain class: a NamedTuple costs every run, JSON ones too.)"""

    __slots__ = ("export_endings", "for_programs", "module", "reads")

    def __init__(
        self,
        module: str,  # cwprofile.formats.<module>: its `render(report, target)`
        *,
        for_programs: bool,  # read by a program: UTF-8 whatever the locale, values exact
        # Which part of a Report it shows: its "blocks" (for people), its "document" (JSON,
        # YAML) or its "records" (one table, CSV: not for `show`). Only that part is built.
        reads: str,
        export_endings: tuple[str, ...] = (),  # `--export FILE.<ending>` writes it
    ) -> None:
        self.module = module
        self.for_programs = for_programs
        self.reads = reads
        self.export_endings = export_endings

    @property
    def one_table(self) -> bool:
        return self.reads == "records"


FORMATS: dict[str, FormatFacts] = {
    "table": FormatFacts("terminal", for_programs=False, reads="blocks"),  # rich, for a terminal
    "text": FormatFacts("text", for_programs=False, reads="blocks", export_endings=(".txt",)),
    "json": FormatFacts("json", for_programs=True, reads="document", export_endings=(".json",)),
    "yaml": FormatFacts(
        "yaml", for_programs=True, reads="document", export_endings=(".yaml", ".yml")
    ),
    "csv": FormatFacts("csv", for_programs=True, reads="records", export_endings=(".csv",)),
    "markdown": FormatFacts(
        "markdown", for_programs=True, reads="blocks", export_endings=(".md", ".markdown")
    ),
    "html": FormatFacts(
        "html", for_programs=True, reads="blocks", export_endings=(".html", ".htm")
    ),
    "svg": FormatFacts("svg", for_programs=True, reads="blocks", export_endings=(".svg",)),
}

# The `--format` choices: every format, and (ProfileFormat) those of a command whose output
# is a document, not one table (`show`).
Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
ProfileFormat = Enum(  # type: ignore[misc]
    "ProfileFormat",
    {name: name for name, facts in FORMATS.items() if not facts.one_table},
    type=str,
)
EXPORT_ENDINGS = {
    ending: Format(name) for name, facts in FORMATS.items() for ending in facts.export_endings
}


def facts(fmt: Format) -> FormatFacts:
    return FORMATS[fmt.value]


class Target:
    """Where the text goes: a terminal (colours, indented JSON) and how wide it is.
    (A plain class: a NamedTuple costs every run, JSON ones too, about 15 kB.)"""

    __slots__ = ("terminal", "width")

    def __init__(self, terminal: bool = False, width: int | None = None) -> None:
        self.terminal = terminal
        self.width = width


def render(report: Report, fmt: Format, target: Target | None = None) -> str:
    module = importlib.import_module(f"cwprofile.formats.{facts(fmt).module}")
    return module.render(report, target or Target())
