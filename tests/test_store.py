"""The compiled library's database: what people open with `cwprofile database`, and the rule
the trigram index finds search's candidates by."""

from __future__ import annotations

import json
import sqlite3

import pandas
import pytest
import sqlite_utils
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cwprofile.matching import index_fold, matches, trigrams

from .conftest import run_installed


def test_the_database_holds_compares_statuses_for_pandas_and_sqlite_utils(run, tmp_path):
    target = tmp_path / "profiles.db"
    result = run("database", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote 2 profiles to {target}\n"
    compare = json.loads(run("compare", "--json").stdout)
    codes = [p["country"]["iso2"] for p in compare["profiles"]]
    expected = {
        (i["code"], iso2): status
        for i in compare["indicators"]
        for iso2, status in zip(codes, i["statuses"], strict=True)
    }
    with sqlite3.connect(target) as connection:
        frame = pandas.read_sql(
            "SELECT indicators.code, profiles.iso2, findings.status FROM findings "
            "JOIN profiles ON profiles.id = findings.profile "
            "JOIN indicators ON indicators.id = findings.indicator",
            connection,
        )
    connection.close()
    read = {
        (code, iso2): None if pandas.isna(status) else bool(status)
        for code, iso2, status in frame.itertuples(index=False)
    }
    assert read == expected and len(read) == 42
    database = sqlite_utils.Database(target)
    assert set(database.table_names()) == {"indicators", "profiles", "findings", "contacts"}
    [kh] = database["profiles"].rows_where("iso2 = ?", ["KH"])
    assert (kh["country"], kh["last_updated"], kh["yes"], kh["no"]) == (
        "Cambodia",
        "2014-08-26",
        7,
        14,
    )
    [contact] = database["contacts"].rows_where("profile = ?", [kh["id"]])
    assert contact["phone_e164"] == "+85592335536"
    assert database.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not [name for name in database.table_names() if name.startswith("cwprofile_")]


def test_the_database_never_replaces_a_file_unasked_and_leaves_nothing_half_written(run, tmp_path):
    target = tmp_path / "mine.db"
    target.write_bytes(b"a file of the user's")
    refused = run("database", str(target), code=1)
    assert refused.stderr.strip().endswith("exists; use --force to replace it")
    assert target.read_bytes() == b"a file of the user's"
    assert run("database", str(target), "--force").exit_code == 0
    assert sqlite3.connect(target).execute("SELECT count(*) FROM profiles").fetchone() == (2,)
    folder = tmp_path / "folder.db"
    folder.mkdir()
    run("database", str(folder), "--force", code=1)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == [
        "folder.db",
        "mine.db",
    ]


def test_the_database_command_as_a_real_process(tmp_path):
    target = tmp_path / "out.sqlite"
    result = run_installed("database", str(target))
    assert result.returncode == 0, result.stderr
    rows = sqlite3.connect(target).execute("SELECT iso3 FROM profiles ORDER BY position")
    assert [row[0] for row in rows] == ["KHM", "GBR"]


# Letters whose folding changes their length (ß, İ, ﬁ), spaces, hyphens, dashes and quotes.
text_strategy = st.text(st.sampled_from(list("abcßSİﬁé\u0301 -‐–—'’\"“.\n")), max_size=40)


@st.composite
def found_in(draw: st.DrawFn) -> tuple[str, str, bool]:
    """A text, a query that `matches` finds in it (a piece of the text, perhaps retyped: its
    case, dashes, quotes and spaces changed; or any text that happens to match, as `ss` in
    `ß`), and whether it was exact."""
    text = draw(text_strategy.filter(lambda t: any(c.isalnum() for c in t)))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    piece = text[start:end]
    query = draw(st.one_of(st.just(piece), st.just(retyped(piece)), text_strategy))
    exact = draw(st.booleans())
    assume(matches(text, query, exact))
    return text, query, exact


def retyped(query: str) -> str:
    return query.swapcase().replace("-", "–").replace("’", "'").replace(" ", "  ")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(found_in())
def test_every_match_holds_every_trigram_of_its_query(found):
    """The index's promise: where `matches` finds a query, the folded text holds every
    trigram `trigrams` asks the index for, so no match is ever left out of the candidates."""
    text, query, _ = found
    held = index_fold(text)
    assert all(trigram in held for trigram in trigrams(query)), (text, query)


@pytest.mark.parametrize("query", ["CamCERT", "cyber security", "Lao P.D.R.", "ALERT", "Vientiane"])
def test_search_from_the_cache_is_search_from_the_files(run, query):
    warm = [run("search", query, "--json").stdout for _ in range(2)]
    assert warm[0] == warm[1] == run("search", query, "--json", "--no-cache").stdout
