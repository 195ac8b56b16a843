"""YAML output: the same document as JSON, written the way people edit profile files."""

from __future__ import annotations

from typing import Any

from cwprofile.textsafe import is_unsafe, json_escape_unsafe


def render(document: dict[str, Any]) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_bool(dumper: yaml.SafeDumper, value: bool) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:bool", "yes" if value else "no")

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        if is_unsafe(value):
            style = '"'
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
    return json_escape_unsafe(text)
