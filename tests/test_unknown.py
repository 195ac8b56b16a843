"""Unknown as a status of its own: in profile files, in every view and every format, counted
apart in tallies, null in JSON, an empty cell in CSV, listed by `indicator`, marked by
`compare`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from .conftest import make_variant, screen

UNKNOWN = {"roadmap": "null", "benchmarking": "unknown"}  # both ways of writing it


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    make_variant(folder / "th.yaml", "Thailand", "TH", "THA", UNKNOWN)
    return folder


def test_a_file_says_unknown_as_null_or_the_word(run, folder):
    shown = run.json("show", "th", "-p", str(folder))
    statuses = {key: entry["status"] for key, entry in shown["indicators"].items()}
    assert statuses["roadmap"] is None and statuses["benchmarking"] is None
    assert shown["derived"]["tally"] == {"yes": 7, "no": 12, "unknown": 2, "of": 21}
    assert shown["derived"]["pillars"]["organizational"] == {
        "yes": 1,
        "no": 1,
        "unknown": 2,
        "of": 4,
    }
    assert run("validate", str(folder / "th.yaml")).stdout.startswith("1 file checked: 1 valid")


@pytest.mark.parametrize("columns", [40, 80])  # the others are test_fidelity.py's
def test_every_view_on_a_terminal_says_unknown(folder, columns):
    env = {"CWPROFILE_CACHE_DIR": str(folder.parent / "cache")}
    flat = " ".join(screen(["show", "th", "-p", str(folder)], columns, env).split())
    assert "7 yes, 2 unknown of 21" in flat
    assert "1.3 Organization measures: 1 yes, 2 unknown of 4" in flat
    assert "? unknown" in flat
    assert "Organization measures 1/4 (2?)" in flat
    flat = " ".join(screen(["indicator", "roadmap", "-p", str(folder)], columns, env).split())
    assert "? unknown" in flat
    assert "1/3 countries yes, 1 no, 1 unknown" in flat
    flat = " ".join(screen(["compare", "kh", "th", "-p", str(folder)], columns, env).split())
    assert "? unknown" in flat and "7/21 (2?)" in flat
    assert "2 indicators unknown in some profile" in flat
    shown = screen(["countries", "-p", str(folder)], columns, env)
    assert "Unknown" in shown  # a column of its own, counted apart
    assert re.search(r"Thailand\s+TH THA\s+2014-08-26\s+7\s+12\s+2\n", shown) or columns < 60
    flat = " ".join(screen(["countries", "--wide", "-p", str(folder)], columns, env).split())
    assert "1/4 (2?)" in flat and "(n?) counts the unknown" in flat


def test_unknown_in_every_format(run, folder):
    import pandas as pd
    import yaml
    from ruamel.yaml import YAML

    p = ("-p", str(folder))
    document = run.json("indicator", "roadmap", *p)
    assert [e["status"] for e in document["profiles"]] == [False, None, True]
    assert document["tally"] == {"yes": 1, "no": 1, "unknown": 1, "of": 3}
    assert "unknown" in run("indicator", "roadmap", *p, "--format", "text").stdout

    frame = pd.read_csv(io.StringIO(run("indicator", "roadmap", *p, "--format", "csv").stdout))
    known, unknown, yes = frame["status"].tolist()
    assert known is False and pd.isna(unknown) and yes is True

    text = run("indicator", "roadmap", *p, "--format", "yaml").stdout
    for loaded in (yaml.safe_load(text), YAML(typ="safe", pure=True).load(text)):
        assert [e["status"] for e in loaded["profiles"]] == [False, None, True]

    html = run("indicator", "roadmap", *p, "--format", "html").stdout
    assert '<span class="unknown">unknown</span>' in html
    assert "| unknown |" in run("indicator", "roadmap", *p, "--format", "markdown").stdout

    compared = run.json("compare", "kh", "th", *p)
    roadmap = next(i for i in compared["indicators"] if i["id"] == "roadmap")
    assert roadmap["statuses"] == [False, None] and roadmap["differs"] is False
    countries = pd.read_csv(io.StringIO(run("countries", *p, "--format", "csv").stdout))
    assert countries.set_index("iso2").loc["TH", "unknown"] == 2
    assert countries.set_index("iso2").loc["TH", "organizational_unknown"] == 2


def test_search_shows_an_unknown_status(run, folder):
    found = run.json("search", "roadmap", "-p", str(folder))
    found_in = {(m["country"]["iso2"], m["indicator"]["id"], m["status"]) for m in found["matches"]}
    assert found_in == {
        ("KH", "roadmap", False),
        ("TH", "roadmap", None),
        ("KH", "responsible_agency", True),
        ("TH", "responsible_agency", True),
        ("GB", "roadmap", True),
        ("GB", "responsible_agency", True),
    }
