"""JSON output: one document, fixed keys, real booleans, no raw control characters."""

from __future__ import annotations

import json
from typing import Any

from cwprofile.textsafe import json_escape_unsafe


def render(document: dict[str, Any], pretty: bool = True) -> str:
    if pretty:
        text = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return json_escape_unsafe(text) + "\n"
