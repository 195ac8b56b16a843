"""The adversarial corpus: hostile profile files and arguments through the real CLI.

Every file in `corpus/` is opened by every reading command in every format; the invariant
is: exit 0 or 1, no traceback, and no raw control character on stdout or stderr (in colour,
only the SGR and OSC 8 sequences rich itself writes). Then each file's own behaviour is
checked: what it must load as, or the one line it must be refused with.

The matrix runs in-process (Typer's CliRunner: the same commands, a process start saved on
each of some two thousand runs), and a sample of it as real processes. The whole matrix as
real processes is the `exhaustive` mark, which CI runs (`pytest -m exhaustive`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from cwprofile.formats import Format

from ..conftest import BUNDLED, run_in_terminal, run_installed

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.iterdir())

# Files that load, with the ISO code they load as; every other file is refused.
LOADS = {
    "markup.yaml": "KP",
    "ansi-escapes.yaml": "LA",
    "hostile.json": "TH",
    "yaml11-implicit-types.yaml": "NO",
    "bom.yaml": "KH",
}
# The one line each refused file gets, after "<file>:<line>: " (line left out where none).
REFUSED = {
    "bad-status.yaml": "indicators.cirt.status: expected yes, no or unknown (null), found 'maybe'",
    "billion-laughs.yaml": "expands to more than 50000 YAML nodes (aliases?)",
    "comment-only.yaml": "is empty",
    "complex-key.yaml": "a key must be plain text",
    "custom-tag.yaml": "YAML tag '!evil' is not allowed",
    "deep-nesting.json": "is nested deeper than 32 levels",
    "deep-nesting.yaml": "is not valid YAML: exceeded maximum nesting depth",
    "duplicate-keys.json": "duplicate key 'schema_version'",
    "duplicate-keys.yaml": "duplicate key 'iso2' (first on line 6)",
    "empty.yaml": "is empty",
    "escape-in-url.yaml": "contact.web: expected an http(s) address, found 'https://ok.example/\\x1b]8;;https://evil\\x07'",
    "javascript-url.yaml": "contact.web: expected an http(s) address, found 'javascript:alert(1)'",
    "markup-keys.yaml": "[bold red]injected[/]\\x1b[31m: unknown field",
    "merge-key.yaml": "<<: unknown field",
    "multi-document.yaml": "holds more than one YAML document",
    "not-utf8.yaml": "is not UTF-8 text (byte 0xe9)",
    "nul-byte.yaml": "holds a NUL character: not a text file",
    "null-document.yaml": "is empty",
    "python-tag.yaml": "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    "raw-escape-byte.yaml": "is not valid YAML: unacceptable character #x001b: control characters are not allowed",
    "scalar-where-mapping.yaml": "contact: expected a mapping, found text",
    "top-level-list.yaml": "expected a mapping, found a list",
    "top-level-scalar.yaml": "expected a mapping, found text",
    "unterminated.yaml": "is not valid YAML: did not find expected node content",
    "whitespace.yaml": "is empty",
    "number-400-digits.yaml": "background.population.value: expected a finite number of at most 18 digits, found '999999999999999999999999…'",
    "number-5000-digits.json": "a number of 5000 digits; at most 18",
    "lone-surrogate.json": "indicators.regulation.evidence: holds a lone surrogate (U+D800): not valid Unicode",
    "nan.json": "NaN is not a JSON number (RFC 8259)",
    "infinity.json": "the number '1e999' is too large to be one",
    "negative-population.yaml": "background.population.value: expected a population: a whole number, 0 or more, found -5",
    "percentage-150.yaml": "background.internet_users.value: expected a percentage, 0 to 100, found 150",
    "name-of-another-code.yaml": "country.name: 'Laos' is not a name of TH (Thailand), it names Laos (LA)",
    "codes-of-two-countries.yaml": "country.iso3: 'THA' is Thailand, but iso2 'KH' is Cambodia",
    "hostile-name.yaml": "country.name: 'Evil\\x1b[2J\\x1b[HLand' is not a name of LA (Laos)",
    "wrong-schema-version.yaml": "schema_version: this cwprofile reads schema version 1, 2 or 3, not '99'",
}

SGR = re.compile(r"\x1b\[[0-9;]*m")
OSC8 = re.compile(r"\x1b\]8;[^\x1b\x07]*;(?:(?:https?|mailto|tel):[!-~]*?)?\x1b\\")
RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def raw_controls(text: str, colour: bool = False) -> list[str]:
    if colour:
        text = OSC8.sub("", SGR.sub("", text))
    return RAW.findall(text)


def test_every_corpus_file_has_a_stated_behaviour():
    assert {f.name for f in FILES} == set(LOADS) | set(REFUSED)


class InProcess(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def in_process(
    *args: str, env: dict[str, str | None] | None = None, cwd: Path | None = None
) -> InProcess:
    """The CLI run in this process, with the environment and folder a process would have."""
    from typer.testing import CliRunner

    from cwprofile.cli import app

    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=env)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return InProcess(result.exit_code, result.stdout, result.stderr)


def cwprofile(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    process: bool = False,
):
    """The CLI (in-process, or the installed script as a real process), checked for the
    corpus's invariant: exit 0 or 1, no traceback, no raw control character (in colour, only
    rich's own SGR and OSC 8 sequences)."""
    run = run_installed if process else in_process
    result = run(*args, env={"COLUMNS": "120", "NO_COLOR": None, **(env or {})}, cwd=cwd)
    assert result.returncode in (0, 1), (args, result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, (args, result.stderr)
    colour = bool(env and env.get("FORCE_COLOR"))
    assert raw_controls(result.stdout, colour) == [], (args, result.stdout[:2000])
    assert raw_controls(result.stderr) == [], (args, result.stderr)
    return result


@pytest.fixture
def alone(tmp_path):
    """A folder holding just one corpus file."""

    def make(source: Path) -> Path:
        folder = tmp_path / source.stem
        folder.mkdir()
        shutil.copy(source, folder / source.name)
        return folder

    return make


READING = [
    ["countries"],
    ["indicator", "cirt"],
    ["compare"],
    ["search", "e"],
    ["report-contact"],
]


def every_command_and_format(
    source: Path,
    folder: Path,
    tmp_path: Path,
    process: bool,
    every: bool = True,
    turn: int | None = None,
) -> None:
    """Each reading command on a folder of the file: in every format and both exports, or
    (`every` False: a refused file, whose only trace is its warning) in the formats that
    show the warning to a person and to a program. With `turn`, the everyday sample: text,
    JSON and one more format, turn about from file to file, so that the corpus as a whole
    meets every format (every file in every format: the exhaustive run)."""
    cache = {"CWPROFILE_CACHE_DIR": str(tmp_path / "cache")}
    formats = list(Format) if every else [Format.text, Format.json]
    if every and turn is not None:
        others = [f for f in Format if f not in (Format.text, Format.json)]
        formats = [Format.text, Format.json, others[turn % len(others)]]
    for command in READING if every else READING[:1]:  # the warning is the library's: one
        for fmt in formats:
            cwprofile(
                *command, "-p", str(folder), "--format", fmt.value, env=cache, process=process
            )
        colour = {**cache, "FORCE_COLOR": "1"}
        cwprofile(*command, "-p", str(folder), "--format", "table", env=colour, process=process)
        exports = ("out.svg", "out.html") if turn is None else (("out.svg", "out.html")[turn % 2],)
        for export in exports if every else ():
            target = tmp_path / f"{command[0]}-{export}"
            cwprofile(
                *command, "-p", str(folder), "--export", str(target), env=cache, process=process
            )
            assert raw_controls(target.read_text(encoding="utf-8")) == []
    for fmt in ("text", "json", "markdown", "csv", "yaml") if every else ("text", "json"):
        cwprofile("validate", str(source), "--format", fmt, process=process)
    code = LOADS.get(source.name, "KH")  # a refused file leaves the bundled Cambodia
    for fmt in formats if every else ():
        if fmt is not Format.csv:
            cwprofile(
                "show", code, "-p", str(folder), "--format", fmt.value, env=cache, process=process
            )
    cwprofile("show", code, "-p", str(folder), env={**cache, "FORCE_COLOR": "1"}, process=process)


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_every_command_and_format_stays_clean(source, alone, tmp_path):
    """In-process; every format for the files that load, the warning's formats for the
    others; a third of the files that load as real processes too (the whole matrix for all of
    them runs as real processes, `exhaustive`)."""
    folder = alone(source)
    loads = source.name in LOADS
    turn = FILES.index(source)
    every_command_and_format(source, folder, tmp_path, process=False, every=loads, turn=turn)
    if loads and turn % 3 == 0:  # a sample as real processes: afresh, from the cache, in colour
        cache = {"CWPROFILE_CACHE_DIR": str(tmp_path / "process-cache")}
        cwprofile("countries", "-p", str(folder), env=cache, process=True)
        code = LOADS[source.name]
        cwprofile("show", code, "-p", str(folder), env={**cache, "FORCE_COLOR": "1"}, process=True)


@pytest.mark.exhaustive
@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_every_command_and_format_stays_clean_as_real_processes(source, alone, tmp_path):
    every_command_and_format(source, alone(source), tmp_path, process=True)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_files_get_one_clear_line(name, alone, tmp_path):
    folder = alone(CORPUS / name)
    result = cwprofile(
        "countries", "-p", str(folder), env={"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    )
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"Warning: skipped {folder / name}")
    assert REFUSED[name] in warnings[0]
    assert [line.split()[0] for line in result.stdout.splitlines()[2:3]] == ["Cambodia"]
    strict = in_process(
        "countries", "--strict", "-p", str(folder), env={"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    )
    assert strict.returncode == 1
    assert strict.stdout == ""
    assert REFUSED[name] in strict.stderr
    validated = cwprofile("validate", str(CORPUS / name), "--json")
    problems = json.loads(validated.stdout)["files"][0]["problems"]
    assert any(REFUSED[name].split(": ", 1)[-1] in p["message"] for p in problems), problems


def test_markup_is_shown_literally(alone, tmp_path):
    folder = alone(CORPUS / "markup.yaml")
    env = {"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    plain = cwprofile("show", "KP", "-p", str(folder), env=env).stdout
    assert (
        "[bold red]PWNED[/bold red] [link=https://evil.example]click me[/link] :smiley: [/]"
        in plain
    )
    assert "[blink]CERT[/blink]" in plain
    coloured = cwprofile("show", "KP", "-p", str(folder), env={**env, "FORCE_COLOR": "1"}).stdout
    assert "evil.example" not in "".join(OSC8.findall(coloured))
    visible = SGR.sub("", coloured)
    assert "[bold red]PWNED[/bold red]" in visible
    assert ":smiley:" in visible and "😃" not in visible


def test_control_characters_are_shown_as_escapes(alone, tmp_path):
    folder = alone(CORPUS / "ansi-escapes.yaml")
    env = {"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    text = cwprofile("show", "LA", "-p", str(folder), env=env).stdout
    assert "Evil\\x1b[2J\\x1b[HLand" in text
    for visible in (
        "\\x1b[31mred",
        "\\x1b]8;;https://evil.example\\x07click",
        "\\x1b]52;c;ZXZpbA==\\x07",
        "x\\x08y",
        "safe\\x0dEVIL",
        "\\x9b31m",
        "\\u202eevil\\u202c",
        "\\u200b",
        "\\x7f",
        "\\x85",
        "\\u2028",
    ):
        assert visible in text, visible
    document = cwprofile("show", "LA", "-p", str(folder), "--json", env=env).stdout
    assert "\\u001b[31mred" in document and "\\u009b31m" in document and "\\u202eevil" in document
    loaded = json.loads(document)
    assert "\x1b[31mred" in loaded["indicators"]["roadmap"]["evidence"]  # the data itself is kept
    contact = cwprofile("report-contact", "LA", "-p", str(folder), env=env).stdout
    assert "CERT \\x1b]0;pwned-title\\x07" in contact


def shown(code: str, folder: Path, cache: Path) -> dict:
    """`show CODE --json` over a folder, parsed."""
    result = cwprofile(
        "show", code, "--json", "-p", str(folder), env={"CWPROFILE_CACHE_DIR": str(cache)}
    )
    return json.loads(result.stdout)


def test_yaml_11_implicit_types_do_not_change_values(alone, tmp_path):
    document = shown("NO", alone(CORPUS / "yaml11-implicit-types.yaml"), tmp_path / "c")
    assert document["country"] == {"name": "Norway", "iso2": "NO", "iso3": "NOR"}
    assert document["background"]["population"]["as_printed"] == "01234"
    assert document["background"]["population"]["date"] == "1:20"
    assert document["background"]["internet_users"]["as_printed"] == "1.10%"
    assert document["provenance"]["last_updated"] == "2014-08-26"
    statuses = {k: v["status"] for k, v in document["indicators"].items()}
    assert (statuses["cirt"], statuses["regulation"], statuses["standards"]) == (True, False, False)


def test_a_bom_is_ignored_and_the_users_file_replaces_the_bundled_one(alone, tmp_path):
    document = shown("KH", alone(CORPUS / "bom.yaml"), tmp_path / "c")
    assert document["country"]["name"] == "Kingdom of Cambodia"


def test_a_file_over_the_size_limit(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    padding = "# " + "x" * 1000 + "\n"
    (folder / "big.yaml").write_text(
        padding * 1100 + BUNDLED.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = cwprofile(
        "countries", "-p", str(folder), env={"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    )
    assert (
        result.stderr
        == f"Warning: skipped {folder / 'big.yaml'}: is larger than the 1024 KiB a profile may be\n"
    )


def test_a_fifo_named_like_a_profile_does_not_hang(tmp_path):
    folder = tmp_path / "fifo"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    result = cwprofile(
        "countries", "-p", str(folder), env={"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    )
    assert result.stderr == f"Warning: skipped {folder / 'pipe.yaml'}: is not a regular file\n"


def test_a_hostile_file_name_is_shown_escaped(tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    hostile = folder / "\x1b[31mevil\x07.yaml"
    hostile.write_text(
        BUNDLED.read_text(encoding="utf-8")
        .replace("name: Cambodia", "name: Thailand")
        .replace("iso2: KH", "iso2: TH")
        .replace("iso3: KHM", "iso3: THA"),
        encoding="utf-8",
    )
    (folder / "\x1b]0;title\x07bad.yaml").write_text("[", encoding="utf-8")
    env = {"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    result = cwprofile("countries", "--wide", "-p", str(folder), env=env)
    assert "\\x1b[31mevil\\x07.yaml" in result.stdout
    assert "\\x1b]0;title\\x07bad.yaml" in result.stderr
    cwprofile("countries", "-p", str(folder), env={**env, "FORCE_COLOR": "1"})


HOSTILE_NAMES = [
    "../../etc/passwd",
    "/etc/passwd",
    "profiles/cambodia.yaml",
    "~/.ssh/id_rsa",
    "A" * 100_000,
    "Саmbodia",  # Cyrillic С and а
    "\x1b[31mred",
    "\x1b]52;c;ZXZpbA==\x07",
    "[bold]KH[/bold]",
    "KH; rm -rf /",
    "$(id)",
    "%s%n%x",
    "\u202ekh",
    "",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_a_country_argument_is_a_name_never_a_path(name, tmp_path):
    env = {"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    for command in (["show", name], ["report-contact", name], ["compare", name]):
        result = cwprofile(*command, env=env, cwd=BUNDLED.parent.parent)
        assert result.returncode == 1
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith("Error: no profile for country ")
        assert len(result.stderr) < 400


@pytest.mark.parametrize("name", HOSTILE_NAMES[:-1], ids=range(len(HOSTILE_NAMES) - 1))
def test_an_indicator_argument_is_a_name_never_a_path(name, tmp_path):
    for command in (["indicator", name], ["show", "kh", "--section", name]):
        result = cwprofile(*command, env={"CWPROFILE_CACHE_DIR": str(tmp_path / "c")})
        assert result.returncode == 1
        assert result.stderr.startswith(
            ("Error: no indicator ", "Error: no section, pillar or indicator ")
        )
        assert len(result.stderr.splitlines()) == 1


def test_hostile_text_through_a_pseudo_terminal(tmp_path):
    folder = tmp_path / "pty"
    folder.mkdir()
    shutil.copy(CORPUS / "ansi-escapes.yaml", folder)
    shutil.copy(CORPUS / "markup.yaml", folder)
    environment = {"COLUMNS": "150", "CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    for args in (["show", "LA"], ["compare"], ["search", "red"], ["indicator", "roadmap"]):
        code, out = run_in_terminal([*args, "-p", str(folder)], environment)
        assert code == 0, out
        assert "\x1b[" in out  # colour is on
        assert raw_controls(out, colour=True) == [], args


def strict_json(text: str) -> object:
    """JSON as an RFC 8259 parser reads it: NaN and Infinity are not numbers."""

    def refuse(word: str) -> None:
        raise ValueError(f"{word} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_one_bad_file_is_one_warning_and_every_other_profile_answers(tmp_path):
    """A folder of every refused file of the corpus and one good profile (Laos): each bad
    file is one warning, every command answers for Laos and the bundled Cambodia, and every
    --json output parses with a strict parser."""
    from ..conftest import make_variant

    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in REFUSED:
        shutil.copy(CORPUS / name, folder / name)
    make_variant(folder / "laos.yaml", "Laos", "LA", "LAO")
    env = {"CWPROFILE_CACHE_DIR": str(tmp_path / "c")}
    for arguments in (
        ["countries"],
        ["show", "la"],
        ["show", "Lao P.D.R."],
        ["report-contact", "la", "kh"],
        ["compare", "la", "kh"],
        ["indicator", "cirt"],
        ["search", "CIRT"],
    ):
        result = cwprofile(*arguments, "-p", str(folder), "--json", env=env)
        assert result.returncode == 0, (arguments, result.stderr)
        skipped = [
            line for line in result.stderr.splitlines() if line.startswith("Warning: skipped")
        ]
        profile_files = [n for n in REFUSED if n.endswith((".yaml", ".json"))]
        assert len(skipped) == len(profile_files), arguments
        document = strict_json(result.stdout)
        skipped = [w for w in document["warnings"] if w.startswith("skipped ")]
        assert len(skipped) == len(profile_files)
    countries = strict_json(cwprofile("countries", "-p", str(folder), "--json", env=env).stdout)
    assert [p["country"]["iso2"] for p in countries["profiles"]] == ["KH", "LA", "GB"]
