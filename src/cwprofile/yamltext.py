"""A document as YAML text, written the way people edit profile files, and meaning the same
to YAML 1.1 readers (PyYAML) and YAML 1.2 readers (ruamel.yaml, editors): the form of every
profile file cwprofile writes (`import`) and of `--format yaml`."""

from __future__ import annotations

import re
from typing import Any

from cwprofile.textsafe import is_unsafe, yaml_escape_unsafe

# Plain scalars that YAML 1.2's core schema reads as something other than text. PyYAML quotes
# what YAML 1.1 would misread (`yes`, `NO`, `2014-08-26`); these it would leave plain.
_YAML12_TYPED = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE|~|null|Null|NULL"
)


def dumps(document: dict[str, Any]) -> str:
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def represent_bool(dumper: yaml.SafeDumper, value: bool) -> yaml.Node:
        # true/false, which YAML 1.1 and 1.2 both read as booleans (yes/no is text in 1.2).
        return dumper.represent_scalar("tag:yaml.org,2002:bool", "true" if value else "false")

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        if is_unsafe(value):
            style = '"'
        elif _YAML12_TYPED.fullmatch(value):
            style = "'"
        elif "\n" in value:
            style = "|"
        else:
            style = None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(bool, represent_bool)
    Dumper.add_representer(str, represent_str)
    text = yaml.dump(
        document,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=96,
    )
    # Characters PyYAML counts as printable (bidi controls, C1 with allow_unicode) can only be
    # left in the double-quoted scalars chosen above, where \uXXXX means the same character.
    return yaml_escape_unsafe(text)
