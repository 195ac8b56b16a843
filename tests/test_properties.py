"""Property-based tests: whatever the input, a valid profile or one clean error; never a
crash, never a hang, never output with a raw control character."""

from __future__ import annotations

import functools
import io
import json
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwprofile.catalog import INDICATORS
from cwprofile.contact_kinds import CONTACT_KINDS, PHONE
from cwprofile.errors import CwprofileError, InvalidProfile
from cwprofile.formats import Format, render
from cwprofile.importer.profile import import_text
from cwprofile.model import Profile, to_document
from cwprofile.profile_schema import from_document
from cwprofile.reader import Document, read_bytes
from cwprofile.reports.show import show

from .conftest import BUNDLED, SOURCE_TEXT

PROFILE_TEXT = BUNDLED.read_text(encoding="utf-8")
SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")
RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")
OSC8 = re.compile(r"\x1b\]8;[^\x1b\x07]*;(?:(?:https?|mailto|tel):[!-~]*?)?\x1b\\")
SETTINGS = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def load_or_refuse(raw: bytes, kind: str = "yaml") -> Profile | None:
    """The invariant: a Profile or InvalidProfile, nothing else."""
    try:
        return from_document(read_bytes(raw, "prop.yaml", kind))
    except InvalidProfile as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "prop.yaml"
            assert problem.line is None or problem.line >= 1
        return None


@SETTINGS
@given(st.text())
def test_arbitrary_text_is_a_profile_or_one_clean_error(text):
    load_or_refuse(text.encode("utf-8"))
    load_or_refuse(text.encode("utf-8"), "json")


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw):
    load_or_refuse(raw)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "schema_version",
                    "country",
                    "indicators",
                    "status",
                    "evidence",
                    "name",
                    "iso2",
                    "cirt",
                    "x",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@SETTINGS
@given(documents)
def test_arbitrary_yaml_documents(document):
    load_or_refuse(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "insert", "swap", "truncate", "replace"]),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.text(max_size=12),
)


def mutate(text: str, operations: list[tuple[str, int, int, str]]) -> str:
    lines = text.split("\n")
    for operation, a, b, insert in operations:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if operation == "delete":
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        elif operation == "insert":
            column = b % (len(lines[i]) + 1)
            lines[i] = lines[i][:column] + insert + lines[i][column:]
        elif operation == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif operation == "truncate":
            lines = lines[: i + 1]
        else:
            lines[i] = insert
    return "\n".join(lines)


@SETTINGS
@given(st.lists(mutation, min_size=1, max_size=6))
def test_mutations_of_the_real_profile(operations):
    load_or_refuse(mutate(PROFILE_TEXT, operations).encode("utf-8"))


@SETTINGS
@given(st.text(max_size=3000))
def test_the_importer_on_arbitrary_text(text):
    for lenient in (False, True):
        try:
            result = import_text(text, "prop.txt", lenient=lenient)
        except CwprofileError:
            continue
        assert RAW.findall(result.yaml.replace("\t", " ")) == []


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=6))
def test_the_importer_on_mutations_of_the_source(operations):
    try:
        result = import_text(mutate(SOURCE, operations), "prop.txt", lenient=True)
    except CwprofileError:
        return
    assert RAW.findall(result.yaml.replace("\t", " ")) == []


hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            ["\x1b", "\x07", "\x08", "\r", "\x9b", "\u202e", "\u2066", "[", "]", "/", "=", "\n"]
        ),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=80, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text, evidence=hostile_text, organisation=hostile_text)
def test_no_raw_control_character_reaches_any_format(name, evidence, organisation):
    from rich.console import Console

    from cwprofile.formats import terminal

    document = {
        "schema_version": 2,
        "country": {"name": name, "iso2": "KH", "iso3": "KHM"},
        "indicators": {i.id: {"status": True, "evidence": evidence} for i in INDICATORS},
        "contact": {"organisation": organisation},
    }
    try:
        profile = from_document(Document("prop", document))
    except InvalidProfile:
        return  # e.g. a name that is only white space
    report = show(profile)
    for fmt in Format:
        if fmt in (Format.csv, Format.table):
            continue
        assert RAW.findall(render(report, fmt)) == [], fmt
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=100)
    coloured = terminal.draw(report, console)
    terminal = terminal.ansi(terminal.laid_out(report, 100, unicode=True), "truecolor")
    assert RAW.findall(SGR.sub("", OSC8.sub("", terminal))) == []
    assert RAW.findall(SGR.sub("", coloured)) == []
    assert to_document(profile)["country"]["name"] == name.strip()  # the data itself is kept


# The cache: whatever happens to the files between runs, the cached answer is the uncached one.

CACHE_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
VARIANTS = [("Laos", "LA", "LAO"), ("Thailand", "TH", "THA"), ("Viet Nam", "VN", "VNM")]
steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "write",
                "edit status",
                "same-size edit, old mtime",
                "rename",
                "delete",
                "break",
                "touch",
            ]
        ),
        st.integers(min_value=0, max_value=3),
        st.integers(min_value=0, max_value=2),
    ),
    min_size=1,
    max_size=8,
)


def _answer(folder, use_cache: bool) -> list:
    """Everything a run would answer: each profile, whole, and the warnings."""
    from cwprofile.library import load
    from cwprofile.model import to_document

    library = load([folder], use_cache=use_cache)
    profiles = [to_document(library.profile(entry)) for entry in library.entries]
    for document in profiles:
        document["derived"].pop("age_days")
    return [profiles, list(library.warnings)]


@CACHE_SETTINGS
@given(operations=steps)
def test_the_cached_answer_is_always_the_uncached_one(tmp_path_factory, operations):
    cached_equals_uncached(tmp_path_factory, operations)


@pytest.mark.exhaustive
@settings(CACHE_SETTINGS, max_examples=200)
@given(operations=steps)
def test_the_cached_answer_is_always_the_uncached_one_at_length(tmp_path_factory, operations):
    cached_equals_uncached(tmp_path_factory, operations)


def cached_equals_uncached(tmp_path_factory, operations) -> None:
    import os

    folder = tmp_path_factory.mktemp("profiles")
    cache = tmp_path_factory.mktemp("cache")
    os.environ["CWPROFILE_CACHE_DIR"] = str(cache)
    for action, slot, variant in operations:
        path = folder / f"p{slot}.yaml"
        name, iso2, iso3 = VARIANTS[variant]
        if action == "write" or not path.exists():
            text = PROFILE_TEXT.replace("name: Cambodia", f"name: {name}")
            path.write_text(
                text.replace("iso2: KH", f"iso2: {iso2}").replace("iso3: KHM", f"iso3: {iso3}"),
                encoding="utf-8",
            )
        elif action == "edit status":
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("status: false", "status: true", 1), encoding="utf-8")
        elif action == "same-size edit, old mtime":
            stat = path.stat()
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("status: true", "status: null", 1), encoding="utf-8")
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        elif action == "rename":
            path.rename(folder / f"p{(slot + 1) % 4}.yaml")
        elif action == "delete":
            path.unlink()
        elif action == "break":
            path.write_text("indicators: [", encoding="utf-8")
        elif action == "touch":
            os.utime(path)
        assert _answer(folder, use_cache=True) == _answer(folder, use_cache=False), operations
        assert _answer(folder, use_cache=True) == _answer(folder, use_cache=False), operations


# `validate` passes a file exactly when it loads -----------------------------------------------

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["\ud800", "Laos", "TH", "THA", "150", "-5", "1" * 40, "2014-02-30"]),
)
places = st.sampled_from(
    [
        ("country", "name"),
        ("country", "iso2"),
        ("country", "iso3"),
        ("background", "population", "value"),
        ("background", "internet_users", "value"),
        ("background", "population", "as_printed"),
        ("indicators", "cirt", "status"),
        ("indicators", "cirt", "evidence"),
        ("contact", "phone"),
        ("contact", "email"),
        ("contact", "web"),
        ("provenance", "last_updated"),
        ("schema_version",),
    ]
)


@settings(SETTINGS, max_examples=60)
@given(st.lists(st.tuples(places, values), min_size=1, max_size=4), st.booleans())
def test_validate_passes_a_file_exactly_when_it_loads(tmp_path_factory, changes, as_json):
    import json

    from cwprofile.folders import Source
    from cwprofile.library import build_store
    from cwprofile.profile_file import problems_of

    document = yaml.safe_load(PROFILE_TEXT)
    for place, value in changes:
        holder = document
        for key in place[:-1]:
            holder = holder[key]
        holder[place[-1]] = value
    folder = tmp_path_factory.mktemp("one")
    path = folder / ("p.json" if as_json else "p.yaml")
    try:
        if as_json:
            text = json.dumps(document, ensure_ascii=False)
        else:
            text = yaml.safe_dump(document, allow_unicode=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    except ValueError:
        return  # a document no writer can write
    store, *_ = build_store([Source(path, 1)], use_cache=False)
    loads = bool(store.entries())
    assert (problems_of(path) == []) == loads, changes


_CONTACT_TEXT = st.one_of(
    st.text(alphabet="ab1+@.:/-_ tpsmailo", min_size=1, max_size=30),
    st.from_regex(r"\+[0-9]{1,16}", fullmatch=True),
    st.from_regex(r"(mailto:)?[a-z0-9.]{1,8}@[a-z]{1,6}(\.[a-z]{1,4}){0,2}", fullmatch=True),
    st.from_regex(r"(https?|ftp)://[a-z./?=:-]{0,20}", fullmatch=True),
)


@given(
    st.sampled_from([kind for kind in CONTACT_KINDS if kind is not PHONE]),
    _CONTACT_TEXT.filter(str.strip),
)
@SETTINGS
def test_a_contact_kind_checks_what_its_json_schema_says(kind, text):
    """A contact field's kind is one object: `validate` (its check) passes a field's text in a
    profile file exactly when the published JSON Schema (its file schema) does. The phone kind
    alone is checked further than JSON Schema can say (whether the text reads as a number)."""
    from jsonschema import Draft202012Validator

    checked = kind.check(text, "GB")[1] is None
    assert checked == Draft202012Validator(kind.file_schema()).is_valid(text)


_PROFILE_JSON = json.dumps(yaml.safe_load(PROFILE_TEXT), default=str)
_FIGURE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**3), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.from_regex(r"[+-]?[0-9]{1,20}([ ,.][0-9]{1,4}){0,6}", fullmatch=True),
    st.text(alphabet="+-0123456789 ,.", max_size=24),
)


@given(st.sampled_from(["population", "internet_users"]), _FIGURE_VALUES)
@SETTINGS
def test_a_figure_loads_exactly_when_the_profile_schema_passes_it(figure, value):
    """The figures' ranges are declared once (`profile_schema.RANGES`): whatever a figure's
    value, the file loads exactly when the published JSON Schema passes it."""
    import json

    document = json.loads(_PROFILE_JSON)
    document["background"][figure]["value"] = value
    loaded = load_or_refuse(json.dumps(document).encode(), "json") is not None
    # The rest of the file is valid: its background says the same as the whole.
    assert loaded == _background_schema().is_valid(document["background"]), value


@functools.cache
def _background_schema() -> Any:
    from jsonschema import Draft202012Validator

    from cwprofile.profile_schema import json_schema

    return Draft202012Validator(json_schema()["properties"]["background"])
