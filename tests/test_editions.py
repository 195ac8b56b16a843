"""Editions by date: a country named by code or by any of its names gets its newest edition,
whatever each edition calls it; `COUNTRY@DATE` selects one edition in every command."""

from __future__ import annotations

import json

import pytest

from .conftest import make_variant


@pytest.fixture
def turkey(user_dir):
    """Turkey's 2014 edition and Türkiye's 2023 one, each with its own contact."""
    old = make_variant(user_dir / "turkey.yaml", "Turkey", "TR", "TUR")
    old.write_text(
        old.read_text(encoding="utf-8").replace("incident@camcert.gov.kh", "old@usom.example"),
        encoding="utf-8",
    )
    new = make_variant(user_dir / "turkiye.yaml", "Türkiye", "TR", "TUR")
    new.write_text(
        new.read_text(encoding="utf-8")
        .replace("incident@camcert.gov.kh", "new@usom.example")
        .replace("2014-08-26", "2023-05-02"),
        encoding="utf-8",
    )
    return user_dir


@pytest.mark.parametrize(
    "name", ["tr", "TUR", "Turkey", "Türkiye", "turkiye", "Republic of Türkiye"]
)
def test_any_name_or_code_gets_the_newest_edition(run, turkey, name):
    contacts = run.json("report-contact", name, "-p", str(turkey))["contacts"]
    assert [(c["last_updated"], c["email"]) for c in contacts] == [
        ("2023-05-02", "new@usom.example")
    ]
    shown = run.json("show", name, "-p", str(turkey))
    assert shown["provenance"]["last_updated"] == "2023-05-02"


@pytest.mark.parametrize("name", ["TR@2014-08-26", "turkey@2014-08-26", "Türkiye@2014-08-26"])
def test_country_at_date_selects_one_edition_in_every_command(run, turkey, name):
    assert run.json("show", name, "-p", str(turkey))["country"]["name"] == "Turkey"
    contacts = run.json("report-contact", name, "-p", str(turkey))["contacts"]
    assert [c["email"] for c in contacts] == ["old@usom.example"]
    compared = run.json("compare", name, "TR@2023-05-02", "-p", str(turkey))
    assert [p["last_updated"] for p in compared["profiles"]] == ["2014-08-26", "2023-05-02"]


def test_an_edition_that_is_not_there_says_which_are(run, turkey):
    result = run("show", "tr@2019-01-01", "-p", str(turkey), code=1)
    assert result.stderr == (
        "Error: no edition of 'tr' dated '2019-01-01'; its editions: tr@2023-05-02, tr@2014-08-26\n"
    )


def test_countries_lists_every_edition(run, turkey):
    profiles = run.json("countries", "-p", str(turkey))["profiles"]
    assert [(p["country"]["name"], p["last_updated"]) for p in profiles] == [
        ("Cambodia", "2014-08-26"),
        ("Turkey", "2014-08-26"),
        ("Türkiye", "2023-05-02"),
        ("United Kingdom", "2014-08-12"),
    ]


def test_an_unknown_country_is_still_one_line(run, turkey):
    result = run("show", "Atlantis", "-p", str(turkey), code=1)
    assert result.stderr.startswith("Error: no profile for country 'Atlantis'")
    assert (
        json.loads(run("show", "kh", "--json", "-p", str(turkey)).stdout)["country"]["iso2"] == "KH"
    )
