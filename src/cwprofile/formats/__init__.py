"""One module per output format: each turns a Report (or its document) into text, printing nothing.

This package's own module holds only the list of formats, which the CLI needs to parse
`--format`; the format modules load when used.
"""

from enum import Enum


class Format(str, Enum):
    table = "table"  # rich, for a terminal
    text = "text"  # plain text, the default when stdout is not a terminal
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"
