"""Every value reaches the reader whole: on a real terminal at any width, in SVG and HTML
exports, and in CSV, YAML and JSON read back by the programs that consume them."""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from cwprofile.catalog import INDICATORS

from .conftest import has_code, run_installed, screen, write_many

COMMANDS = {
    "show": ["show", "kh"],
    "indicators": ["indicators"],
    "indicator": ["indicator", "cirt"],
    "countries": ["countries"],
    "report-contact": ["report-contact"],
    "compare": ["compare"],
    "search": ["search", "CamCERT"],
}
WIDTHS = [40, 80, 120, 200]  # the pseudo-terminal keeps to layout: the widths people use


def arguments_for(command: str, folder: Path | None) -> list[str]:
    """The command over the bundled profiles and, with a folder, that folder's too (the
    catalog reads no profiles)."""
    extra = ["-p", str(folder)] if folder is not None and command != "indicators" else []
    return [*COMMANDS[command], *extra]


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    return write_many(tmp_path_factory.mktemp("profiles") / "many")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> dict[str, str]:
    return {"CWPROFILE_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}


def document_of(arguments: list[str], env: dict[str, str]) -> dict:
    """The command's JSON, run in-process (what the screen is checked against)."""
    from typer.testing import CliRunner

    from cwprofile.cli import app

    result = CliRunner().invoke(app, [*arguments, "--json"], env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def exported(arguments: list[str], env: dict[str, str]) -> None:
    """An export, run in-process: the file only, nothing on stdout, and `Wrote FILE`."""
    from typer.testing import CliRunner

    from cwprofile.cli import app

    result = CliRunner().invoke(app, arguments, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.endswith(f"Wrote {arguments[arguments.index('--export') + 1]}\n")


def expected_values(
    command: str, document: dict, wide: bool = False
) -> tuple[set[str], set[str], set[str]]:
    """What must be on screen, in the view shown (the default columns, or `--wide`): tokens
    (identifiers, whole), words (every word of names and titles) and lines (values with
    spaces that must stand on one line)."""
    tokens: set[str] = set()
    words: set[str] = set()
    lines: set[str] = set()
    refs = [
        *document.get("profiles", ()),
        *document.get("matches", ()),
        *document.get("contacts", ()),
    ]
    pairs = {(ref["country"]["iso3"], ref["last_updated"]) for ref in refs if "country" in ref}
    codes = [code for code, _ in pairs]
    editions = {code for code in codes if codes.count(code) > 1}

    def profile(ref: dict, codes_and_date: bool = True) -> None:
        country = ref["country"]
        words.update(country["name"].split())
        several = country["iso3"] in editions
        if codes_and_date or wide:
            tokens.update((country["iso2"], country["iso3"]))
        if ref["last_updated"] and (codes_and_date or wide or several):
            tokens.add(ref["last_updated"])

    def tally(counted: dict) -> None:
        tokens.add(f"{counted['yes']}/{counted['of']}")

    def contact(entry: dict) -> None:
        words.update((entry.get("organisation") or "").split())
        if entry.get("phone"):
            lines.add(entry["phone"])
        for key in ("phone_e164", "email", "web"):
            if entry.get(key):
                tokens.add(entry[key])

    if command == "show":
        profile({"country": document["country"], **document["provenance"]})
        tokens.update(entry["code"] for entry in document["indicators"].values())
        tally(document["derived"]["tally"])
        for counted in document["derived"]["pillars"].values():
            tally(counted)
        contact({**document["contact"], "phone_e164": document["derived"]["phone_e164"]})
    elif command == "indicators":
        for entry in document["indicators"]:
            tokens.update((entry["code"], entry["id"]))
            words.update(entry["title"].split())
            if wide:
                words.update(word for alias in entry["aliases"] for word in alias.split())
    elif command == "indicator":
        tokens.add(document["indicator"]["code"])
        tally(document["tally"])
        for entry in document["profiles"]:
            profile(entry, codes_and_date=False)
    elif command == "countries":
        for entry in document["profiles"]:
            profile(entry)
            if wide:
                tokens.add(entry["origin"])
                for counted in entry["pillars"].values():
                    tally(counted)
    elif command == "compare":
        for entry in document["profiles"]:
            profile(entry)
            tally(entry["tally"])
        for entry in document.get("indicators", ()):
            tokens.add(entry["code"])
    elif command == "report-contact":
        for entry in document["contacts"]:
            profile(entry)
            contact(entry)
    elif command == "search":
        for entry in document["matches"]:
            profile(entry, codes_and_date=False)
            tokens.add(entry["indicator"]["code"])
    return tokens, words, lines


def missing(shown: list[str], command: str, document: dict, wide: bool = False) -> list[str]:
    """The values of the document not found whole in the shown lines."""
    tokens, words, lines = expected_values(command, document, wide)
    seen = {token for line in shown for token in re.split(r"[\s│|]+", line)}
    seen |= {token.strip("…*(),") for token in seen}
    absent = sorted((tokens | words) - seen)
    absent += sorted(line for line in lines if not any(line in row for row in shown))
    return absent


WIDE = {"indicator", "indicators", "countries", "search"}  # the commands that take --wide


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("loaded", [1, 40])
def test_every_value_is_whole_on_a_terminal_at_every_width(command, loaded, many, cache):
    """Every value of the view (the default columns, and `--wide`'s) whole on the screen;
    the default columns are a choice made the same at every width, never a column dropped
    for want of room. The bundled profiles' views are short: the narrowest and the laptop's
    width tell; forty profiles' are seen at two widths a command, turn about, so that every
    width is seen for several commands (every width for every command: exhaustive)."""
    turn = sorted(COMMANDS).index(command)
    widths = [40, 80] if loaded == 1 else [WIDTHS[turn % 4], WIDTHS[(turn + 2) % 4]]
    _whole_at(command, loaded, widths, many, cache)


@pytest.mark.exhaustive
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_forty_profiles_are_whole_at_every_width(command, many, cache):
    _whole_at(command, 40, WIDTHS, many, cache)


def _whole_at(command: str, loaded: int, widths: list[int], many: Path, cache: dict) -> None:
    arguments = arguments_for(command, many if loaded == 40 else None)
    document = document_of(arguments, cache)
    if command == "countries":  # the bundled profiles, or forty with the bundled others
        assert len(document["profiles"]) == {1: 2, 40: 41}[loaded]
    env = {**cache, "CWPROFILE_PAGER": "cat"}
    views = [(False, widths)]
    views += [(True, [80])] if command in WIDE else []
    for wide, widths in views:
        for width in widths:
            shown = screen([*arguments, *(["--wide"] if wide else [])], width, env).splitlines()
            absent = missing(shown, command, document, wide)
            assert absent == [], (width, wide, absent, "\n".join(shown)[:3000])
            # nothing is drawn past the edge but a single word wider than the screen
            for line in shown:
                if len(line.rstrip()) > width:
                    assert len(line.split()) == 1 or " " not in line.strip(), (width, line)


def rows_on(screen_text: str) -> list[str]:
    """Each row of the tables on a screen, or each stacked record, as one string. A table
    whose rows wrap stands a blank line between them, so a row is what blank lines bound
    (the first one: what follows the rule under the header); a record or a card likewise."""
    rows: list[str] = []
    for block in re.split(r"\n\s*\n", screen_text):
        lines = block.splitlines()
        rule = next(
            (n for n, line in enumerate(lines) if re.fullmatch(r"[─-]{3,}", line.strip())), None
        )
        rows.append(" ".join(lines[rule + 1 :] if rule is not None else lines))
    return rows


SPLITS = [
    (command, width) for command in ("search", "indicator") for width in (40, 60, 80, 100, 120)
]


@pytest.mark.parametrize(("command", "width"), SPLITS[::2])
def test_every_evidence_line_is_in_the_row_of_its_country_and_indicator(
    command, width, many, cache
):
    _evidence_beside_its_key(command, width, many, cache)


@pytest.mark.exhaustive
@pytest.mark.parametrize(("command", "width"), SPLITS[1::2])
def test_every_evidence_line_at_the_other_widths(command, width, many, cache):
    _evidence_beside_its_key(command, width, many, cache)


def _evidence_beside_its_key(command: str, width: int, many: Path, cache: dict) -> None:
    """A table too wide for the screen splits into parts that each repeat the columns that
    say which row it is (the country, with its edition's date where several are loaded,
    and for search the indicator), or becomes stacked records: no evidence line is ever
    away from its key."""
    arguments = ["search", "Cambodia"] if command == "search" else ["indicator", "cirt"]
    arguments += ["-p", str(many)]
    document = document_of(arguments, cache)
    found = document["matches"] if command == "search" else document["profiles"]
    codes = [code for code, _ in {(e["country"]["iso3"], e["last_updated"]) for e in found}]
    shown = screen(arguments, width, {**cache, "CWPROFILE_PAGER": "cat"})
    evidence_rows = [
        row for row in rows_on(shown) if "Cambodia" in row.split() or "ITU" in row.split()
    ]
    assert evidence_rows, shown
    for row in evidence_rows:
        words = set(re.split(r"[\s│|()…]+", row))
        owners = [
            entry
            for entry in found
            if set(entry["country"]["name"].split()) <= words
            and (codes.count(entry["country"]["iso3"]) == 1 or entry["last_updated"] in words)
        ]
        assert owners, (width, row)
        if command == "search":
            assert any(entry["indicator"]["code"] in words for entry in owners), (width, row)


def test_a_narrow_table_splits_with_its_key_and_a_wide_one_stays_a_table(cache):
    narrow = screen(["countries", "--wide"], 60, cache)
    headers = [line for line in narrow.splitlines() if line.startswith("Country ")]
    assert len(headers) > 2  # parts, each headed by the key: Country
    assert "bundled:cambodia.yaml" in narrow
    assert narrow.count("Cambodia ") == len(headers)  # the key beside every part's row
    wide = screen(["countries", "--wide"], 200, cache)
    assert re.search(r"Country\s+ISO\s+Updated\s+Yes\s+No\s+Unknown\s+Legal measures", wide)
    assert len([line for line in wide.splitlines() if line.startswith("Country ")]) == 1
    default = screen(["countries"], 80, cache)
    assert re.search(r"Country\s+ISO\s+Updated\s+Yes\s+No\s+Unknown\n", default)


def test_a_single_contact_is_a_card_with_the_organisation_first(cache):
    card = [line.rstrip() for line in screen(["report-contact", "kh"], 80, cache).splitlines()]
    card = [line for line in card if line]
    assert card[0] == "Report a computer incident: Cambodia (KH, KHM)"
    assert card[1].startswith("Organisation:  National Cambodia Computer Emergency")
    assert "E.164:         +85592335536" in card


def test_the_columns_of_show_line_up_down_the_page(cache):
    shown = screen(["show", "kh"], 120, cache).splitlines()
    starts = {line.index("Evidence") for line in shown if line.startswith("Code ")}
    assert len(starts) == 1  # every pillar's table puts Evidence in the same column
    codes = [line for line in shown if re.match(r"\d(\.\d){1,2}\s{2,}", line)]
    assert len(codes) == len(INDICATORS)


def test_compare_splits_into_parts_that_repeat_the_indicator(many, cache):
    shown = screen(["compare", "-p", str(many)], 100, cache)
    assert shown.count("Code ") > 1  # parts, each headed by Code and Indicator
    assert shown.count("1.2.1   CIRT") == shown.count("Code ")


def test_long_output_goes_through_the_pager_and_short_output_does_not(tmp_path, cache):
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {paged}\n", encoding="utf-8")
    pager.chmod(0o755)
    env = {**cache, "PAGER": str(pager)}
    screen(["show", "kh"], 100, env)
    assert has_code(paged.read_text(encoding="utf-8"), "1.2.1")
    paged.unlink()
    screen(["report-contact", "kh"], 100, env)  # a few lines: no pager
    assert not paged.exists()
    screen(["--no-pager", "show", "kh"], 100, env)
    assert not paged.exists()
    screen(["show", "kh", "--no-pager"], 100, env)  # the global option after the command too
    assert not paged.exists()
    piped = run_installed("show", "kh", env=env)  # never in a pipe
    assert has_code(piped.stdout, "1.2.1") and not paged.exists()


@pytest.mark.parametrize("mine", [None, "-i"])
def test_less_gets_R_on_its_command_line_and_the_users_own_less_applies(tmp_path, cache, mine):
    """As bat and delta do: `-R` (and `-F -X` when the user has no LESS of their own) on
    less's command line, so colours show and a personal `LESS=-i` is not overridden."""
    folder = tmp_path / "bin"
    folder.mkdir()
    seen = tmp_path / "seen"
    less = folder / "less"
    less.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" > {seen}.arguments\n'
        f'printf "%s" "${{LESS-unset}}" > {seen}.less\ncat > {seen}.text\n',
        encoding="utf-8",
    )
    less.chmod(0o755)
    env = {**cache, "PATH": f"{folder}:{os.environ['PATH']}", "CWPROFILE_PAGER": "less"}
    if mine is not None:
        env["LESS"] = mine
    screen(["show", "kh"], 100, env)
    arguments = Path(f"{seen}.arguments").read_text(encoding="utf-8").split()
    assert arguments == (["-R"] if mine else ["-R", "-F", "-X"])
    assert Path(f"{seen}.less").read_text(encoding="utf-8") == (mine or "unset")
    assert "\x1b[" in Path(f"{seen}.text").read_text(encoding="utf-8")  # colours, shown by -R


def test_a_pager_not_known_to_take_colours_gets_plain_text(tmp_path, cache):
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "more-or-less"
    pager.write_text(f"#!/bin/sh\ncat > {paged}\n", encoding="utf-8")
    pager.chmod(0o755)
    screen(["show", "kh"], 100, {**cache, "CWPROFILE_PAGER": str(pager)})
    text = paged.read_text(encoding="utf-8")
    assert has_code(text, "1.2.1") and "\x1b" not in text


# Exports -----------------------------------------------------------------------------------


def svg_lines(text: str) -> list[str]:
    root = ElementTree.fromstring(text)
    namespace = "{http://www.w3.org/2000/svg}"
    for element in root.iter():
        tag = element.tag.removeprefix(namespace)
        assert tag in ("svg", "title", "rect", "g", "text", "tspan", "a"), tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name == "href":
                assert value.startswith(("https://", "http://", "mailto:", "tel:")), value
            if name == "style":  # spaces kept, as a terminal keeps them
                assert tag == "g" and value == "white-space: pre", value
    assert "url(" not in text and "@import" not in text and "<script" not in text
    return ["".join(element.itertext()) for element in root.iter(f"{namespace}text")]


HTML_ELEMENTS = {
    "html", "head", "body", "meta", "title", "style", "h1", "h2", "h3", "dl", "dt", "dd",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "span", "a",
    "mark", "p", "ul", "li",
}  # fmt: skip
HTML_ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "class", "scope", "href", "style",
}  # fmt: skip


def html_cells(text: str) -> list[str]:
    """The text of each cell, field and paragraph, after checking that every element and
    attribute is one cwprofile writes."""
    import html5lib

    root = html5lib.parse(text, namespaceHTMLElements=False)
    units = []
    for element in root.iter():
        assert element.tag in HTML_ELEMENTS, element.tag
        for name, value in element.attrib.items():
            assert name in HTML_ATTRIBUTES, (element.tag, name)
            if name == "href":
                assert value.startswith(("https://", "http://", "mailto:", "tel:")), value
            if name == "style":  # a column's width, cwprofile's own number
                assert element.tag == "col" and re.fullmatch(r"width: \d+ch", value), value
        if element.tag in ("td", "th", "dd", "dt", "p", "h1", "h2", "h3", "caption", "li", "title"):
            units.append("".join(element.itertext()))
    assert root.find("head/title") is not None
    return units


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_export_holds_every_value(command, many, tmp_path, cache):
    arguments = arguments_for(command, many)
    document = document_of(arguments, cache)
    svg = tmp_path / "out.svg"
    html = tmp_path / "out.html"
    for target in (svg, html):
        exported([*arguments, "--export", str(target)], cache)
    assert missing(svg_lines(svg.read_text(encoding="utf-8")), command, document) == []
    assert missing(html_cells(html.read_text(encoding="utf-8")), command, document) == []
    narrow = tmp_path / "narrow.svg"
    exported([*arguments, "--export", str(narrow), "--width", "40"], cache)
    assert missing(svg_lines(narrow.read_text(encoding="utf-8")), command, document) == []


HOSTILE = [
    '"><svg/onload=alert(1)>',
    "<script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3c;i&#x3e;",
    "<!-- comment --><![CDATA[x]]>",
    "</td></tr></table><img src=x onerror=alert(1)>",
]


def bundled_document() -> dict:
    import yaml

    from .conftest import BUNDLED

    return yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))


def hostile_profile(folder: Path, text: str) -> Path:
    """A valid profile file (JSON) with the text in a figure's source, the organisation and
    the evidence, and an email and web address made to break out of an attribute. (A name
    must be one of its country's names: a hostile one is refused, tests/adversarial.)"""
    document = bundled_document()
    document["background"]["population"]["source"] = "Hostile " + text
    document["contact"]["organisation"] = text
    document["contact"]["email"] = "a'onclick='x{|}@evil.example"
    document["contact"]["web"] = "https://evil.example/'onmouseover='alert(1)"
    document["indicators"]["cirt"]["evidence"] = text + " ITU completed"
    (folder / "hostile.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_fields_make_no_element_or_attribute_in_an_export(text, tmp_path, run):
    folder = tmp_path / "hostile"
    folder.mkdir()
    hostile_profile(folder, text)
    for arguments in (["show", "kh"], ["report-contact"], ["search", "ITU completed"]):
        for target in (tmp_path / "out.html", tmp_path / "out.svg"):
            run(*arguments, "-p", str(folder), "--export", str(target), "--force")
            exported = target.read_text(encoding="utf-8")
            if target.suffix == ".html":
                units = html_cells(exported)
                assert any(text in unit for unit in units), (text, units[:5])
                assert "a%27onclick" not in exported  # the mailto: address stays as written
            else:  # drawn as a terminal would: a long text may wrap between its words
                shown = svg_lines(exported)
                assert all(any(word in line for line in shown) for word in text.split())


def test_a_web_address_that_could_break_an_attribute_is_refused_by_validate(run, tmp_path):
    from .conftest import BUNDLED

    target = tmp_path / "web.yaml"
    target.write_text(
        BUNDLED.read_text(encoding="utf-8").replace(
            "  web: null", "  web: 'https://example.la/\"><svg/onload=alert(1)>'"
        ),
        encoding="utf-8",
    )
    result = run("validate", str(target), code=1)
    assert "contact.web: expected an http(s) address" in result.stdout


# CSV ---------------------------------------------------------------------------------------

TABULAR = {name: arguments for name, arguments in COMMANDS.items() if name != "show"}


def csv_expected(command: str, document: dict) -> list[dict]:
    """The records the CSV must hold, made from the JSON document."""

    def ref(entry: dict) -> dict:
        country = entry["country"]
        return {
            "country": country["name"],
            "iso2": country["iso2"],
            "iso3": country["iso3"],
            "last_updated": entry["last_updated"],
            "origin": entry["origin"],
        }

    if command == "indicators":
        return [
            {
                **{k: v for k, v in entry.items() if k != "aliases"},
                "aliases": "; ".join(entry["aliases"]),
            }
            for entry in document["indicators"]
        ]
    if command == "indicator":
        chosen = document["indicator"]
        return [
            {"indicator": chosen["id"], "code": chosen["code"], **ref(entry),
             "status": entry["status"], "evidence": entry["evidence"]}
            for entry in document["profiles"]
        ]  # fmt: skip
    if command == "countries":
        rows = []
        for entry in document["profiles"]:
            row = {**ref(entry), **entry["tally"]}
            for pillar, counted in entry["pillars"].items():
                for part in ("yes", "unknown", "of"):
                    row[f"{pillar}_{part}"] = counted[part]
            rows.append(row)
        return rows
    if command == "report-contact":
        return [
            {**ref(entry), **{k: entry[k] for k in ("age_days", "stale", "organisation", "phone",
             "phone_e164", "email", "web", "tel_uri", "mailto_uri")}}
            for entry in document["contacts"]
        ]  # fmt: skip
    if command == "compare":
        keys = []
        for entry in document["profiles"]:
            iso2 = entry["country"]["iso2"]
            editions = sum(1 for e in document["profiles"] if e["country"]["iso2"] == iso2)
            keys.append(iso2 if editions == 1 else f"{iso2}@{entry['last_updated']}")
        return [
            {"code": entry["code"], "indicator": entry["id"], "title": entry["title"],
             "pillar": entry["pillar"], **dict(zip(keys, entry["statuses"], strict=True)),
             "differs": entry["differs"]}
            for entry in document["indicators"]
        ]  # fmt: skip
    if command == "search":
        return [
            {**ref(entry), "indicator": entry["indicator"]["id"], "code": entry["indicator"]["code"],
             "title": entry["indicator"]["title"], "status": entry["status"],
             "evidence": entry["evidence"], "matches": " ".join(f"{a}-{b}" for a, b in entry["matches"])}
            for entry in document["matches"]
        ]  # fmt: skip
    raise AssertionError(command)


@pytest.mark.parametrize("command", sorted(TABULAR))
def test_every_csv_reads_back_in_pandas_as_the_json(command, run, many):
    pandas = pytest.importorskip("pandas")
    arguments = arguments_for(command, many)
    document = json.loads(run(*arguments, "--json").stdout)
    expected = csv_expected(command, document)
    text = run(*arguments, "--format", "csv").stdout
    # As a spreadsheet user reads it: types inferred (tallies are integers).
    typed = pandas.read_csv(io.StringIO(text))
    assert list(typed.columns) == list(expected[0])
    assert len(typed.columns) == len(set(typed.columns))  # no name twice (Congo CG and CD)
    for name in expected[0]:
        values = [row[name] for row in expected]
        if all(isinstance(v, bool) for v in values):
            assert typed[name].dtype == bool, name
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            assert str(typed[name].dtype) == "int64", name
    # Text as text: every value equal to the JSON's, nothing empty became a dash.
    as_text = pandas.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    for row, want in zip(as_text.to_dict("records"), expected, strict=True):
        for name, value in want.items():
            got = row[name]
            if value is None or value == "":
                # CSV has one empty cell for both (the JSON says which: null or "").
                assert got != got, (name, got)  # NaN: an empty cell
            elif isinstance(value, bool):
                assert got == ("true" if value else "false"), (name, got)
            else:
                assert got == str(value), (name, got, value)


def test_csv_neutralises_formulas_and_keeps_numbers_and_phones():
    from cwprofile.formats.csv import neutralise

    for kept in ("+85592335536", "+856 21 254 508", "-3.5", "(855) 92 335 536", "Plain text", ""):
        assert neutralise(kept) == kept
    for evaluated in ("=1+1", "@SUM(A1)", "+A1", "-1+1", "+cmd|' /C calc'!A0", "\tx", "\rx", " =1"):
        assert neutralise(evaluated) == "'" + evaluated


def test_a_formula_in_a_profile_is_neutralised_in_csv(run, tmp_path):
    from .conftest import BUNDLED

    folder = tmp_path / "formula"
    folder.mkdir()
    (folder / "f.yaml").write_text(
        BUNDLED.read_text(encoding="utf-8").replace(
            "organisation: National Cambodia Computer Emergency Response Team (CamCERT)",
            'organisation: \'=HYPERLINK("http://evil.example","click")\'',
        ),
        encoding="utf-8",
    )
    text = run("report-contact", "-p", str(folder), "--format", "csv").stdout
    assert '"\'=HYPERLINK(""http://evil.example"",""click"")"' in text
    assert '"+85592335536"' in text


# YAML and JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_yaml_means_the_same_to_yaml_11_and_12_readers(command, run, many):
    import yaml
    from ruamel.yaml import YAML

    arguments = arguments_for(command, many)
    text = run(*arguments, "--format", "yaml").stdout
    document = json.loads(run(*arguments, "--json").stdout)
    assert yaml.safe_load(text) == document
    assert YAML(typ="safe", pure=True).load(text) == document


def test_yaml_quotes_what_either_version_would_misread(run, tmp_path):
    import yaml
    from ruamel.yaml import YAML

    tricky = ["yes", "no", "on", "0o17", "1e3", "0x1F", "null", "~", "2014-08-26", "1_000", ".inf"]
    document = bundled_document()
    for entry, value in zip(document["indicators"].values(), tricky, strict=False):
        entry["evidence"] = value
    folder = tmp_path / "tricky"
    folder.mkdir()
    (folder / "t.json").write_text(json.dumps(document), encoding="utf-8")
    out = run("show", "kh", "-p", str(folder), "--format", "yaml").stdout
    shown = json.loads(run("show", "kh", "-p", str(folder), "--json").stdout)
    assert [entry["evidence"] for entry in shown["indicators"].values()][: len(tricky)] == tricky
    assert yaml.safe_load(out) == shown == YAML(typ="safe", pure=True).load(out)


def test_validate_in_yaml_says_valid_as_a_boolean(run, tmp_path):
    from ruamel.yaml import YAML

    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 2\n", encoding="utf-8")
    out = run("validate", str(bad), "--format", "yaml", code=1).stdout
    assert YAML(typ="safe", pure=True).load(out)["files"][0]["valid"] is False


@pytest.mark.parametrize("command", [*sorted(COMMANDS), "validate"])
def test_every_json_document_follows_its_published_schema(command, run, many):
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(run("schema", command).stdout)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    if command == "validate":
        documents = [json.loads(run("validate", str(many), "--json").stdout)]
    else:
        documents = [
            json.loads(run(*COMMANDS[command], "--json").stdout),
            json.loads(run(*arguments_for(command, many), "--json").stdout),
        ]
    for document in documents:
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == [], errors[:3]
        assert document["schema_version"] == 3 and isinstance(document["warnings"], list)


def test_one_vocabulary_for_a_country_and_a_tally(run, many):
    show = json.loads(run("show", "kh", "--json").stdout)
    country = show["country"]  # the same object wherever a profile is named
    for arguments, pick in (
        (["indicator", "cirt"], lambda d: d["profiles"]),
        (["countries"], lambda d: d["profiles"]),
        (["report-contact"], lambda d: d["contacts"]),
        (["compare"], lambda d: d["profiles"]),
        (["search", "CamCERT"], lambda d: d["matches"]),
    ):
        entries = pick(json.loads(run(*arguments, "--json").stdout))
        entries = [entry for entry in entries if entry["country"]["iso2"] == "KH"]
        assert entries and all(entry["country"] == country for entry in entries), arguments
    tallies = [
        show["derived"]["tally"],
        json.loads(run("countries", "--json").stdout)["profiles"][0]["tally"],
        json.loads(run("compare", "--json").stdout)["profiles"][0]["tally"],
    ]
    assert tallies == [{"yes": 7, "no": 14, "unknown": 0, "of": 21}] * 3
    assert json.loads(run("indicator", "cirt", "--json").stdout)["tally"] == {
        "yes": 1,
        "no": 1,
        "unknown": 0,
        "of": 2,
    }


def test_links_are_rfc_6068_and_3966_uris(run, tmp_path):
    from cwprofile.textsafe import mailto_uri, tel_uri

    assert mailto_uri("a?b#c%d@example.org") == "mailto:a%3Fb%23c%25d@example.org"
    assert mailto_uri("first.last+tag@example.org") == "mailto:first.last+tag@example.org"
    assert tel_uri("+85592335536") == "tel:+85592335536"
    contact = json.loads(run("report-contact", "kh", "--json").stdout)["contacts"][0]
    assert (contact["tel_uri"], contact["mailto_uri"]) == (
        "tel:+85592335536",
        "mailto:incident@camcert.gov.kh",
    )
