"""One direction through the house. Every module of the package, by its full dotted name,
with every import it makes (at the top, inside functions, for type checking alone), stands
in one layer, and imports only from its own layer or the ones below; no module imports
another that imports it back, by any way round. The README's architecture section lists the
same layers.

The layers, top to bottom:
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import cwprofile

LAYERS: dict[str, tuple[str, ...]] = {
    # The Python API: the profiles as objects and rows, over the reports and the library.
    "api": ("cwprofile.api",),
    # Parse the command line, drive a command, answer the shell's completion.
    "commands": (
        "cwprofile.__main__",
        "cwprofile.cli",
        "cwprofile.completion",
        "cwprofile.import_command",
    ),
    # Where a report goes: stdout, a pager, an export file.
    "output": ("cwprofile.output", "cwprofile.pager"),
    # How a report is written: one module per format.
    "formats": ("cwprofile.formats", "cwprofile.formats.*"),
    # What each command shows: a Report of its JSON document, records and blocks.
    "reports": ("cwprofile.reports", "cwprofile.reports.*"),
    # The blocks a Report shows people.
    "blocks": ("cwprofile.blocks",),
    # The profiles one run sees (the library and its cache); importing ITU's profiles.
    "domain": (
        "cwprofile.library",
        "cwprofile.cache",
        "cwprofile.store",
        "cwprofile.importer",
        "cwprofile.importer.*",
    ),
    # The data and its vocabulary: the model, the catalog, the countries, profile files.
    "data": (
        "cwprofile",
        "cwprofile.addresses",
        "cwprofile.catalog",
        "cwprofile.compiled",
        "cwprofile.contact_kinds",
        "cwprofile.countries",
        "cwprofile.errors",
        "cwprofile.files",
        "cwprofile.folders",
        "cwprofile.matching",
        "cwprofile.model",
        "cwprofile.profile_file",
        "cwprofile.profile_schema",
        "cwprofile.reader",
        "cwprofile.textsafe",
        "cwprofile.yamltext",
    ),
}
PACKAGE = Path(cwprofile.__file__).parent


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


# The package's face re-exports the API on first use (PEP 562's module `__getattr__`): the one
# import that goes up, by design, and only from that function.
FACE = (PACKAGE / "__init__.py", "__getattr__", "cwprofile.api")


def imports(path: Path, known: set[str]) -> set[str]:
    """The package's modules a module imports, anywhere in it, by full dotted name (the
    package face's lazy re-export of the API aside)."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path == FACE[0]:
        tree.body = [
            node
            for node in tree.body
            if not (isinstance(node, ast.FunctionDef) and node.name == FACE[1])
        ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                whole = f"{node.module}.{alias.name}"
                if whole in known:  # `from cwprofile.formats import terminal`
                    found.add(whole)
                elif node.module in known:
                    found.add(node.module)
    return found


def graph() -> dict[str, set[str]]:
    known = set(modules())
    return {name: imports(path, known) - {name} for name, path in modules().items()}


def layer_of(module: str) -> str:
    for layer, patterns in LAYERS.items():
        for pattern in patterns:
            if module == pattern or (pattern.endswith(".*") and module.startswith(pattern[:-1])):
                return layer
    raise AssertionError(f"{module} is in no layer: place it in LAYERS and the README")


def test_every_module_has_a_layer():
    assert sorted(graph()) == sorted(m for m in graph() if layer_of(m))


def test_every_import_goes_down_or_across():
    order = list(LAYERS)
    upward = [
        f"{module} ({layer_of(module)}) imports {other} ({layer_of(other)})"
        for module, imported in graph().items()
        for other in imported
        if order.index(layer_of(other)) < order.index(layer_of(module))
    ]
    assert upward == []


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_another_that_imports_it_back():
    assert circles(graph()) == []


def test_the_checks_see_what_they_are_for(tmp_path):
    """The walker finds an import inside a function and by full name, and the checks fail
    on a circle and on an upward import (as they would on the real graph)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    from cwprofile.formats import terminal\n    import cwprofile.cli\n",
        encoding="utf-8",
    )
    known = {"cwprofile.formats", "cwprofile.formats.terminal", "cwprofile.cli"}
    assert imports(sample, known) == {"cwprofile.formats.terminal", "cwprofile.cli"}
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]
    assert layer_of("cwprofile.importer.pdf") == "domain"
    assert list(LAYERS).index("domain") > list(LAYERS).index("formats")  # upward if imported


def test_the_readme_lists_the_layers_of_this_test():
    """README's architecture section: a line a layer, `- **layer**: `module`, `module``,
    the modules named without `cwprofile.` (the package itself as `cwprofile`)."""
    readme = (PACKAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    listed = {
        layer: sorted(
            m if m == "cwprofile" else f"cwprofile.{m}" for m in re.findall(r"`([\w.*]+)`", names)
        )
        for layer, names in re.findall(r"^- \*\*(\w+)\*\*: (.+)$", section, re.MULTILINE)
    }
    assert listed == {layer: sorted(patterns) for layer, patterns in LAYERS.items()}
    assert list(listed) == list(LAYERS)


def test_the_cache_key_covers_every_module_that_builds_the_cache():
    """A change to any module the cache's content depends on makes every cache stale: the
    code checksum covers what the library and the cache import, all the way down."""
    from cwprofile import cache

    edges = graph()
    builders: set[str] = set()
    todo = ["cwprofile.cache", "cwprofile.library"]
    while todo:
        module = todo.pop()
        if module not in builders:
            builders.add(module)
            todo += edges[module]
    builders.discard("cwprofile")  # the package's face: its version is in the key already
    assert {f"{m.removeprefix('cwprofile.')}.py" for m in builders} <= set(cache.BUILDERS)
    assert "country_names.tsv" in cache.BUILDERS  # the data countries.py reads


def scratch_copy(folder: Path, changes: dict[str, tuple[str, str]]) -> Path:
    """A copy of the package in the folder, with each file's text changed as given (the
    text to change must be there, once)."""
    import shutil

    copy = folder / "cwprofile"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for name, (old, new) in changes.items():
        text = (copy / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        (copy / name).write_text(text.replace(old, new), encoding="utf-8")
    return copy


@pytest.mark.exhaustive  # a copy of the package, run as processes: CI runs it
def test_a_contact_field_is_declared_in_one_place(tmp_path):
    """A scratch copy of the package with one more contact field, a fax of the phone kind,
    added to `CONTACT_FIELDS` alone: the import's explanation follows its own published
    schema, the profile file it writes validates against the profile schema, and `show`
    shows the field, checked as a phone."""
    import json
    import subprocess
    import sys

    from jsonschema import Draft202012Validator

    from .conftest import SOURCE_TEXT

    line = '    ContactField("email", "Email", EMAIL_ADDRESS),\n'
    copy = scratch_copy(
        tmp_path, {"model.py": (line, line + '    ContactField("fax", "Fax", PHONE),\n')}
    )
    (copy / "profiles").mkdir(exist_ok=True)
    profile = tmp_path / "kh.yaml"

    def cwprofile(*arguments: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "from cwprofile.cli import run; run()", *arguments],
            capture_output=True,
            text=True,
            env={
                "PYTHONPATH": str(tmp_path),
                "CWPROFILE_CACHE_DIR": str(tmp_path / "c"),
                "CWPROFILE_DATA_DIR": str(tmp_path / "d"),
                "CWPROFILE_DEBUG": "1",
                "PATH": "/usr/bin:/bin",
            },
            cwd=tmp_path,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    explained = json.loads(cwprofile("import", str(SOURCE_TEXT), "--explain", "--json"))
    Draft202012Validator(json.loads(cwprofile("schema", "import"))).validate(explained)
    assert explained["profiles"][0]["contact"]["fax"] is None
    written = cwprofile("import", str(SOURCE_TEXT))
    assert "  fax: null\n" in written
    profile.write_text(written.replace("  fax: null", "  fax: (855) 23 880 920"), "utf-8")
    shown = json.loads(cwprofile("show", "kh", "-p", str(profile), "--json"))
    Draft202012Validator(json.loads(cwprofile("schema", "profile"))).validate(shown)
    Draft202012Validator(json.loads(cwprofile("schema", "show"))).validate(shown)
    assert shown["contact"]["fax"] == "(855) 23 880 920"
    assert "Fax:" in cwprofile("show", "kh", "-p", str(profile), "--section", "contact")
    assert "Fax:" in cwprofile("import", str(SOURCE_TEXT), "--explain")
    bad = tmp_path / "bad.yaml"
    bad.write_text(written.replace("  fax: null", "  fax: not a number"), "utf-8")
    checked = subprocess.run(
        [sys.executable, "-c", "from cwprofile.cli import run; run()", "validate", str(bad)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert "contact.fax: cannot read 'not a number' as a phone number" in checked.stdout


def _toml(document: dict, path: tuple[str, ...] = ()) -> str:
    """A profile document as TOML (which has no null: a null is left out, an unknown
    status written `unknown`)."""
    import json

    def scalar(value):
        return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)

    plain = {k: v for k, v in document.items() if not isinstance(v, dict)}
    lines = [f"[{'.'.join(path)}]"] if path else []
    for key, value in plain.items():
        if value is None and key == "status":
            value = "unknown"
        if value is not None:
            lines.append(
                f"{key} = {scalar(value).lower() if isinstance(value, bool) else scalar(value)}"
            )
    text = "\n".join(lines) + "\n"
    for key, value in document.items():
        if isinstance(value, dict):
            text += "\n" + _toml(value, (*path, key))
    return text


@pytest.mark.exhaustive  # a copy of the package, run as processes: CI runs it
def test_a_profile_file_kind_is_declared_in_two_places(tmp_path):
    """A scratch copy of the package that reads TOML profile files: their ending in
    `folders.KINDS` and their reader in `reader.READERS`, nothing else. The bundled
    profile written as TOML then loads, validates and shows as the YAML file does."""
    import json
    import subprocess
    import sys

    import yaml

    kinds = 'KINDS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}'
    readers = 'READERS: dict[str, Callable[[str, str], Document]] = {"yaml": read_yaml, "json": _read_json}'
    toml_reader = (
        "def _read_toml(text: str, name: str) -> Document:\n"
        "    import tomllib\n\n"
        "    try:\n"
        "        return Document(name, tomllib.loads(text))\n"
        "    except tomllib.TOMLDecodeError as error:\n"
        "        raise _fail(name, str(error)) from None\n\n\n"
    )
    scratch_copy(
        tmp_path,
        {
            "folders.py": (kinds, kinds[:-1] + ', ".toml": "toml"}'),
            "reader.py": (readers, toml_reader + readers[:-1] + ', "toml": _read_toml}'),
        },
    )
    profile = tmp_path / "cambodia.toml"
    bundled = PACKAGE.parent.parent / "profiles" / "cambodia.yaml"
    profile.write_text(_toml(yaml.safe_load(bundled.read_text("utf-8"))), "utf-8")

    def cwprofile(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", "from cwprofile.cli import run; run()", *arguments],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
            timeout=120,
        )

    checked = cwprofile("validate", str(profile))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    as_toml = json.loads(cwprofile("show", "kh", "-p", str(profile), "--json", "--no-cache").stdout)
    as_yaml = json.loads(cwprofile("show", "kh", "-p", str(bundled), "--json", "--no-cache").stdout)
    assert as_toml["derived"].pop("origin").endswith("cambodia.toml")  # not the bundled one
    as_yaml["derived"].pop("origin")
    assert as_toml == as_yaml
    broken = tmp_path / "broken.toml"
    broken.write_text("country = [", "utf-8")
    refused = cwprofile("validate", str(broken))
    assert refused.returncode == 1 and refused.stdout.startswith(f"{broken}:"), refused.stdout
