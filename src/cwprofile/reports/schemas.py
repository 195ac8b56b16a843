"""The JSON Schemas that `cwprofile schema NAME` publishes: a profile file's, and each
command's `--json` output (the contract of README "Output for scripts")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cwprofile import SCHEMA_VERSION
from cwprofile.catalog import INDICATORS, PILLARS
from cwprofile.model import CONTACT_FIELDS, FILE_CONTACT_FIELDS, ContactField

NULLABLE_TEXT = {"type": ["string", "null"]}
TEXT = {"type": "string"}
COUNT = {"type": "integer", "minimum": 0}
DATE = {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    """An object with exactly these keys, all present."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


COUNTRY = _object(
    {
        "name": TEXT,
        "iso2": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "iso3": {"type": "string", "pattern": "^[A-Z]{3}$"},
    }
)
TALLY = _object({"yes": COUNT, "no": COUNT, "unknown": COUNT, "of": COUNT})
# true yes, false no, null unknown (the profile says the information is not available).
STATUS = {"type": ["boolean", "null"]}
PILLAR_TALLIES = _object({pillar.id: {"$ref": "#/$defs/tally"} for pillar in PILLARS})
INDICATOR = _object(
    {
        "id": {"enum": [i.id for i in INDICATORS]},
        "code": {"enum": [i.code for i in INDICATORS]},
        "title": TEXT,
        "pillar": {"enum": [p.id for p in PILLARS]},
        "section": {"enum": sorted({i.section.id for i in INDICATORS})},
    }
)
PROFILE_REF = {
    "country": {"$ref": "#/$defs/country"},
    "last_updated": DATE,
    "origin": TEXT,
}


def _document(name: str, properties: dict[str, Any]) -> dict[str, Any]:
    schema = _object(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            **properties,
            "warnings": {"type": "array", "items": TEXT},
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cwprofile.invalid/schema/{name}-output-{SCHEMA_VERSION}.json",
        "title": f"cwprofile {name} --json",
        **schema,
        "$defs": {
            "country": COUNTRY,
            "tally": TALLY,
            "pillars": PILLAR_TALLIES,
            "indicator": INDICATOR,
        },
    }


def _profile_summary() -> dict[str, Any]:
    return _object(
        {**PROFILE_REF, "tally": {"$ref": "#/$defs/tally"}, "pillars": {"$ref": "#/$defs/pillars"}}
    )


def show() -> dict[str, Any]:
    from cwprofile.profile_schema import json_schema

    profile = json_schema()
    derived = _object(
        {
            "tally": {"$ref": "#/$defs/tally"},
            "pillars": {"$ref": "#/$defs/pillars"},
            **_contact_fields(f for f in CONTACT_FIELDS if f.derived_from),
            "tel_uri": NULLABLE_TEXT,
            "mailto_uri": NULLABLE_TEXT,
            "age_days": {"type": ["integer", "null"]},
            "origin": TEXT,
        }
    )
    document = _document("show", {})
    # The profile file's schema, with what show adds, and statuses as booleans or null.
    properties = {**profile["properties"], "derived": derived}
    properties["schema_version"] = {"const": SCHEMA_VERSION}
    properties["warnings"] = {"type": "array", "items": TEXT}
    for entry in properties["indicators"]["properties"].values():
        entry["properties"]["status"] = STATUS
        entry["required"] = list(entry["properties"])
    return {
        **document,
        "properties": properties,
        "required": [
            *profile["required"],
            "background",
            "contact",
            "provenance",
            "derived",
            "warnings",
        ],
    }


def indicator() -> dict[str, Any]:
    row = _object({**PROFILE_REF, "status": STATUS, "evidence": TEXT})
    return _document(
        "indicator",
        {
            "indicator": {"$ref": "#/$defs/indicator"},
            "profiles": {"type": "array", "items": row},
            "tally": {"$ref": "#/$defs/tally"},
            "counted": {"enum": ["countries", "editions"]},
        },
    )


def indicators() -> dict[str, Any]:
    entry = _object(
        {
            **INDICATOR["properties"],
            "pillar_title": TEXT,
            "aliases": {"type": "array", "items": TEXT},
        }
    )
    return _document(
        "indicators",
        {"indicators": {"type": "array", "items": entry, "minItems": len(INDICATORS)}},
    )


def countries() -> dict[str, Any]:
    return _document("countries", {"profiles": {"type": "array", "items": _profile_summary()}})


def _contact_fields(fields: Iterable[ContactField]) -> dict[str, Any]:
    """What a document says of these contact fields: each as its kind says."""
    return {field.name: field.kind.document_schema for field in fields}


def report_contact() -> dict[str, Any]:
    contact = _object(
        {
            **PROFILE_REF,
            "age_days": {"type": ["integer", "null"]},
            "stale": {"type": "boolean"},
            **_contact_fields(CONTACT_FIELDS),
            "tel_uri": {"type": ["string", "null"], "pattern": "^tel:\\+[0-9]+$"},
            "mailto_uri": {"type": ["string", "null"], "pattern": "^mailto:"},
        }
    )
    return _document("report-contact", {"contacts": {"type": "array", "items": contact}})


def compare() -> dict[str, Any]:
    row = _object(
        {
            **INDICATOR["properties"],
            "statuses": {"type": "array", "items": STATUS},
            "differs": {"type": "boolean"},
        }
    )
    schema = _document(
        "compare",
        {
            "profiles": {"type": "array", "items": _profile_summary()},
            # every indicator; with --differences, those that differ, and how many agree
            "indicators": {"type": "array", "items": row, "maxItems": len(INDICATORS)},
            "agreeing_left_out": COUNT,
        },
    )
    schema["required"].remove("agreeing_left_out")
    return schema


def search() -> dict[str, Any]:
    span = {
        "type": "array",
        "prefixItems": [COUNT, COUNT],
        "minItems": 2,
        "maxItems": 2,
    }
    match = _object(
        {
            **PROFILE_REF,
            "indicator": {"$ref": "#/$defs/indicator"},
            "status": STATUS,
            "evidence": TEXT,
            "matches": {"type": "array", "items": span, "minItems": 1},
        }
    )
    return _document(
        "search",
        {"query": TEXT, "count": COUNT, "matches": {"type": "array", "items": match}},
    )


def validate() -> dict[str, Any]:
    problem = _object({"line": {"type": ["integer", "null"]}, "field": TEXT, "message": TEXT})
    checked = _object(
        {
            "file": TEXT,
            "valid": {"type": "boolean"},
            "problems": {"type": "array", "items": problem},
        }
    )
    return _document(
        "validate",
        {"files": {"type": "array", "items": checked}, "valid": COUNT, "invalid": COUNT},
    )


def imports() -> dict[str, Any]:
    """`import --json` (with `--explain`, or `-o DIR`): what became of each profile read."""
    from cwprofile.importer.many import STATES

    status = _object(
        {
            "id": {"enum": [i.id for i in INDICATORS]},
            "code": {"enum": [i.code for i in INDICATORS]},
            "title": TEXT,
            "status": STATUS,
            "sentence": {"type": "string"},
            "rule": TEXT,
        }
    )
    nullable = {"type": ["string", "null"]}
    contact = _object(
        {
            **dict.fromkeys(FILE_CONTACT_FIELDS, nullable),
            "sentence": {"type": "string"},
            "why": {"type": "string"},
        }
    )
    removed = _object(
        {
            "line": COUNT,
            "page": COUNT,
            "reason": {
                "enum": ["page number", "running header", "running footer", "running title"]
            },
            "text": {"type": "string"},
        }
    )
    row = _object(
        {
            "source": TEXT,
            "country": nullable,
            "file": nullable,
            "result": {"enum": list(STATES)},
            "detail": nullable,
            "gaps": {"type": "array", "items": TEXT},
            "statuses": {"type": "array", "items": status, "maxItems": len(INDICATORS)},
            "contact": {"oneOf": [contact, {"type": "null"}]},
            "furniture": {"type": "array", "items": removed},
        }
    )
    for key in ("statuses", "contact", "furniture"):  # only with --explain
        row["required"].remove(key)
    counts = _object(dict.fromkeys(STATES, COUNT))
    return _document("import", {"profiles": {"type": "array", "items": row}, "counts": counts})


def profile() -> dict[str, Any]:
    from cwprofile.profile_schema import json_schema

    return json_schema()


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": profile,
    "show": show,
    "indicator": indicator,
    "indicators": indicators,
    "countries": countries,
    "report-contact": report_contact,
    "compare": compare,
    "search": search,
    "validate": validate,
    "import": imports,
}
