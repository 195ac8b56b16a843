"""Countries by exact name, never by guess: the table of names, an import's title, --country,
and every lookup by the same table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cwprofile import countries
from cwprofile.countries import by_code, by_name, name_keys

from .conftest import SOURCE_TEXT

SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")
TABLE = Path(countries.__file__).with_name(countries.TABLE_FILE)


def rows() -> list[list[str]]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_every_iso_3166_country_is_in_the_table_with_its_iso_name():
    import pycountry

    names = {(row[0], row[2]) for row in rows() if row[3] == "iso"}
    for country in pycountry.countries:
        assert by_code(country.alpha_2) == by_code(country.alpha_3), country
        assert (country.alpha_2, country.name) in names or by_name(country.name) == by_code(
            country.alpha_2
        ), country


def test_every_row_says_where_it_comes_from_and_its_keys_are_the_codes():
    sources = {"iso", "iso-official", "iso-common", "former", "itu", "itu-abbreviated", "common"}
    for iso2, iso3, name, source, keys in rows():
        assert source in sources | {countries.USER_ASSIGNED}, name
        assert set(keys.split("|")) == name_keys(name), name  # the stored keys are the rule's
        assert by_code(iso2).iso3 == iso3


def test_no_name_names_two_countries():
    table = countries._table()
    assert {key: codes for key, codes in table.by_key.items() if len(codes) > 1} == {}


@pytest.mark.parametrize(
    ("printed", "iso2"),
    [
        ("LAO P.D.R.", "LA"),
        ("Lao P.D.R.", "LA"),
        ("lao pdr", "LA"),
        ("Lao People's Democratic Republic", "LA"),
        ("Korea (Rep. of)", "KR"),
        ("KOREA (REPUBLIC OF)", "KR"),
        ("Republic of Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Dem. People's Rep. of Korea", "KP"),
        ("Congo (Rep. of the)", "CG"),
        ("CONGO (DEM. REP. OF THE)", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Bolivia (Plurinational State of)", "BO"),
        ("The Former Yugoslav Republic of Macedonia", "MK"),
        ("Macedonia", "MK"),
        ("Viet Nam", "VN"),
        ("Swaziland", "SZ"),
        ("Cape Verde", "CV"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("TURKIYE", "TR"),
        ("Côte d’Ivoire", "CI"),
        ("COTE D'IVOIRE", "CI"),
        ("St. Kitts and Nevis", "KN"),
        ("S. Tomé & Principe", "ST"),
        ("Micronesia (Fed. States of)", "FM"),
        ("Tanzania (United Rep. of)", "TZ"),
        ("Gambia (Republic of the)", "GM"),
        ("The Gambia", "GM"),
        ("Hong Kong, China", "HK"),
    ],
)
def test_names_as_itu_and_iso_print_them(printed, iso2):
    assert by_name(printed).iso2 == iso2


@pytest.mark.parametrize(
    "printed",
    [
        "Texas",
        "CALIFORNIA",
        "Paris",
        "Phnom Penh",
        "Scotland",
        "Wales",
        "England",
        "Northern Ireland",
        "Bavaria",
        "Catalonia",
        "Kosovo",  # user-assigned (XK): stated with --country, never read from a title
        "Somaliland",
        "Korea",  # two countries
        "Congo Republic Democratic",  # words in another order are another name
        "Atlantis",
        "Cambodi",  # no fuzzy match
    ],
)
def test_what_names_no_country_or_several_matches_nothing(printed):
    assert by_name(printed) is None


def titled(title: str) -> str:
    """The source text as the profile of the country a title names (its body keeps
    Cambodia's statements, with the country's name in them)."""
    return SOURCE.replace("CAMBODIA", title.upper()).replace("Cambodia", title)


@pytest.mark.parametrize(
    ("title", "iso2", "iso3"),
    [
        ("Lao P.D.R.", "LA", "LAO"),
        ("Korea (Rep. of)", "KR", "KOR"),
        ("Dem. People's Rep. of Korea", "KP", "PRK"),
        ("Congo (Rep. of the)", "CG", "COG"),
        ("Congo (Dem. Rep. of the)", "CD", "COD"),
        ("Iran (Islamic Republic of)", "IR", "IRN"),
        ("Bolivia (Plurinational State of)", "BO", "BOL"),
        ("The Former Yugoslav Republic of Macedonia", "MK", "MKD"),
        ("Viet Nam", "VN", "VNM"),
    ],
)
def test_an_imported_title_gives_its_country_and_show_finds_it_by_that_name(
    run, tmp_path, title, iso2, iso3
):
    source = tmp_path / "profile.txt"
    source.write_text(titled(title), encoding="utf-8")
    folder = tmp_path / "mine"
    run("import", str(source), "-o", f"{folder}/")
    for name in (title, title.upper(), iso2.lower(), iso3):
        document = run.json("show", name, "-p", str(folder))
        assert (document["country"]["iso2"], document["country"]["iso3"]) == (iso2, iso3)
        assert document["derived"]["origin"].startswith(str(folder))


@pytest.mark.parametrize("title", ["TEXAS", "PHNOM PENH", "SCOTLAND", "BAVARIA"])
def test_a_title_naming_a_city_a_state_or_a_region_is_refused(run, tmp_path, title):
    source = tmp_path / "profile.txt"
    source.write_text(titled(title), encoding="utf-8")
    result = run("import", str(source), code=1)
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Error: {source}:4: country: {title!r} names no country of ISO 3166-1; "
        "give the country with --country CODE"
    )
    assert len(result.stderr.splitlines()) == 1


def test_a_territory_with_a_user_assigned_code_is_imported_with_country(run, tmp_path):
    source = tmp_path / "kosovo.txt"
    source.write_text(titled("Kosovo"), encoding="utf-8")
    refused = run("import", str(source), code=1)
    assert "'KOSOVO' has no ISO 3166-1 code" in refused.stderr
    assert "give it with --country XK" in refused.stderr
    folder = tmp_path / "mine"
    run("import", str(source), "--country", "XK", "-o", f"{folder}/")
    document = run.json("show", "kosovo", "-p", str(folder))
    assert document["country"] == {"name": "Kosovo", "iso2": "XK", "iso3": "XKX"}
    assert run("validate", str(folder)).stdout.endswith("1 valid, 0 invalid, 0 problems.\n")


def test_country_states_the_country_where_the_title_names_a_region(run, tmp_path):
    source = tmp_path / "profile.txt"
    source.write_text(titled("Scotland"), encoding="utf-8")
    document = json.loads(run("import", str(source), "--country", "GBR", "--json").stdout)
    assert document["country"] == {"name": "United Kingdom", "iso2": "GB", "iso3": "GBR"}


@pytest.mark.parametrize("code", ["XQ", "ZZZ", "Texas", "K"])
def test_an_unknown_country_code_is_a_usage_error_before_reading(run, code):
    result = run("import", "no-such-file.txt", "--country", code, code=2)
    assert "is not an ISO 3166-1 code" in result.stderr
    assert "no-such-file" not in result.stderr


def test_country_with_several_inputs_is_a_usage_error(run, tmp_path):
    result = run("import", "a.txt", "b.txt", "--country", "KH", "-o", f"{tmp_path}/", code=2)
    assert "states the country of one input" in result.stderr


def test_a_region_in_a_batch_never_replaces_the_real_countrys_file(run, tmp_path):
    folder = tmp_path / "mine"
    real = tmp_path / "gb.txt"
    real.write_text(titled("United Kingdom"), encoding="utf-8")
    region = tmp_path / "scotland.txt"
    region.write_text(titled("Scotland"), encoding="utf-8")
    run("import", str(real), "-o", f"{folder}/")
    written = (folder / "united-kingdom.yaml").read_text(encoding="utf-8")
    result = run("import", str(region), str(real), "-o", f"{folder}/", "--force", "--json", code=1)
    outcomes = [(p["source"], p["result"]) for p in json.loads(result.stdout)["profiles"]]
    assert outcomes == [(str(region), "failed"), (str(real), "imported")]
    assert sorted(path.name for path in folder.iterdir()) == ["united-kingdom.yaml"]
    assert (folder / "united-kingdom.yaml").read_text(encoding="utf-8") == written


def test_a_report_splits_at_a_title_naming_no_country(run, tmp_path):
    """A profile whose title names no country fails alone; it does not run into the one
    before it."""
    report = tmp_path / "report.txt"
    report.write_text(titled("Laos") + "\n" + titled("Texas") + "\n" + SOURCE, encoding="utf-8")
    result = run("import", str(report), "-o", f"{tmp_path}/out/", "--json", code=1)
    profiles = json.loads(result.stdout)["profiles"]
    assert [(p["country"], p["result"]) for p in profiles] == [
        ("Laos", "imported"),
        (None, "failed"),
        ("Cambodia", "imported"),
    ]
    assert "'TEXAS' names no country" in profiles[1]["detail"]


def test_a_report_heading_that_names_no_country_is_not_a_profile(run, tmp_path):
    report = tmp_path / "report.txt"
    introduction = "CYBERWELLNESS PROFILE\nOF EVERY MEMBER STATE\n\nAn introduction.\n\n"
    report.write_text(introduction + SOURCE, encoding="utf-8")
    assert run("import", str(report)).stdout == run("import", str(SOURCE_TEXT)).stdout
