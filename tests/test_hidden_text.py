"""What people see is what is there: every format character (Unicode category Cf) and the
tag block are visible escapes in the views for people, but for ZWJ and ZWNJ inside the words
of scripts that write with them; the formats for programs keep the exact value. And `search`
folds case as Unicode does, on both sides."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest

from .conftest import BUNDLED

HIDDEN = {
    "tags": "flag\U000e0067\U000e0062\U000e007fend",
    "word joiner": "word\u2060joiner",
    "interlinear annotation": "an\ufff9not\ufffaat\ufffbion",
    "inhibit symmetric swapping": "in\u206ahibit\u206f",
    "Mongolian vowel separator": "mongol\u180eian",
    "soft hyphen": "cyber\u00adsecurity",
    "invisible times": "a\u2062b",
    "ZWJ between Latin letters": "ab\u200dcd",
}
JOINED = {
    "ZWNJ in Persian": "می\u200cخواهم",
    "ZWJ in Devanagari": "क्\u200dष",
    "ZWJ in an emoji sequence": "👨\u200d👩\u200d👧",
}


def escaped(text: str) -> str:
    out = []
    for character in text:
        code = ord(character)
        if unicodedata.category(character) == "Cf" or 0xE0000 <= code <= 0xE007F:
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(character)
    return "".join(out)


@pytest.fixture
def folder(tmp_path):
    import yaml

    document = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    evidence = " ".join([*HIDDEN.values(), *JOINED.values()])
    document["indicators"]["cirt"]["evidence"] = evidence
    document["contact"]["organisation"] = HIDDEN["tags"]
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "kh.json").write_text(
        json.dumps(document, ensure_ascii=False), encoding="utf-8"
    )
    return tmp_path / "p"


@pytest.mark.parametrize("fmt", ["text", "table", "markdown", "html", "svg"])
def test_the_views_for_people_show_every_hidden_character(run, folder, fmt):
    shown = run("show", "kh", "-p", str(folder), "--format", fmt).stdout
    if fmt in ("html", "svg"):
        import html

        shown = html.unescape(shown)
    if fmt == "markdown":  # as Markdown shows it: `\\` is a backslash
        shown = shown.replace("\\\\", "\\")
    flat = " ".join(shown.split())
    for name, text in HIDDEN.items():
        assert escaped(text) in flat, name
    for name, text in JOINED.items():
        assert text in flat, name  # the joiner kept: the word reads as it is written
    hidden = [c for c in shown if unicodedata.category(c) == "Cf" and c not in "\u200c\u200d"]
    assert hidden == []


def test_the_formats_for_programs_keep_the_exact_value(run, folder):
    import pandas as pd
    import yaml
    from ruamel.yaml import YAML

    wanted = " ".join([*HIDDEN.values(), *JOINED.values()])
    document = json.loads(run("show", "kh", "-p", str(folder), "--json").stdout)
    assert document["indicators"]["cirt"]["evidence"] == wanted
    assert document["contact"]["organisation"] == HIDDEN["tags"]
    text = run("show", "kh", "-p", str(folder), "--format", "yaml").stdout
    for loaded in (yaml.safe_load(text), YAML(typ="safe", pure=True).load(text)):
        assert loaded["indicators"]["cirt"]["evidence"] == wanted
    csv = run("indicator", "cirt", "-p", str(folder), "--format", "csv").stdout
    frame = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False)
    assert frame[frame["iso2"] == "KH"]["evidence"].tolist() == [wanted]


@pytest.mark.parametrize(
    ("query", "count"),
    [("İ", 0), ("i̇", 0), ("CIRT", 2), ("cirt", 2), ("ALERT", 1), ("straße", 0)],
)
def test_search_folds_case_as_unicode_does(run, query, count):
    result = run("search", query, "--json", code=None)
    assert json.loads(result.stdout)["count"] == count
    assert result.exit_code == (0 if count else 1)


def test_search_offsets_point_into_the_original_text(run, tmp_path):
    import yaml

    document = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    document["indicators"]["cirt"]["evidence"] = (
        "Die STRASSE und die Straße; İzmir ist nicht Izmir."
    )
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "kh.json").write_text(
        json.dumps(document, ensure_ascii=False), encoding="utf-8"
    )
    for query, found in (
        ("straße", ["STRASSE", "Straße"]),
        ("i̇zmir", ["İzmir"]),
        ("izmir", ["Izmir"]),
    ):
        matches = json.loads(run("search", query, "-p", str(tmp_path / "p"), "--json").stdout)[
            "matches"
        ]
        evidence = matches[0]["evidence"]
        assert [evidence[a:b] for a, b in matches[0]["matches"]] == found, query
