"""Write `src/cwprofile/country_names.tsv`: the one table of country names cwprofile matches,
every row with where its form comes from.

    pip install pycountry && python scripts/country_names.py

The ISO 3166-1 rows come from pycountry (its name, official name and common name of every
country); the other forms are listed below by hand, each under its source: names ISO 3166-1
has since changed, the forms ITU prints (its list of Member States and the short forms of
its statistics and reports, "Lao P.D.R.", "Korea (Rep. of)"), the abbreviated forms of those
(Republic -> Rep., Democratic -> Dem., Federal/Federated -> Fed., Saint -> St.), common
English names, and the user-assigned codes that `import --country` also takes (Kosovo, XK).
Matching (`cwprofile.countries.name_keys`) folds case, accents, punctuation and the word order
of a parenthesised or comma-inverted part, and nothing else: every other form a title may
take must be a row here.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "src" / "cwprofile" / "country_names.tsv"

# Names ISO 3166-1 used before (and many documents, ITU's 2014-2015 profiles among them, still do).
FORMER = {
    "CD": ["Zaire"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde", "Republic of Cape Verde"],
    "CZ": ["Czech Republic"],
    "MK": [
        "Macedonia",
        "Republic of Macedonia",
        "The Former Yugoslav Republic of Macedonia",
        "Macedonia, the Former Yugoslav Republic of",
    ],
    "MM": ["Burma"],
    "SZ": ["Swaziland", "Kingdom of Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkey", "Republic of Turkey"],
}

# ITU's forms: its list of Member States, then the short forms of its statistics and reports.
ITU = {
    "AF": ["Afghanistan"],
    "AL": ["Albania (Republic of)"],
    "DZ": ["Algeria (People's Democratic Republic of)"],
    "AD": ["Andorra (Principality of)"],
    "AO": ["Angola (Republic of)"],
    "AG": ["Antigua and Barbuda"],
    "AR": ["Argentine Republic"],
    "AM": ["Armenia (Republic of)"],
    "AU": ["Australia"],
    "AT": ["Austria"],
    "AZ": ["Azerbaijan (Republic of)", "Azerbaijani Republic"],
    "BS": ["Bahamas (Commonwealth of the)"],
    "BH": ["Bahrain (Kingdom of)"],
    "BD": ["Bangladesh (People's Republic of)"],
    "BB": ["Barbados"],
    "BY": ["Belarus (Republic of)"],
    "BE": ["Belgium"],
    "BZ": ["Belize"],
    "BJ": ["Benin (Republic of)"],
    "BT": ["Bhutan (Kingdom of)"],
    "BO": ["Bolivia (Plurinational State of)"],
    "BA": ["Bosnia and Herzegovina"],
    "BW": ["Botswana (Republic of)"],
    "BR": ["Brazil (Federative Republic of)"],
    "BN": ["Brunei Darussalam"],
    "BG": ["Bulgaria (Republic of)"],
    "BF": ["Burkina Faso"],
    "BI": ["Burundi (Republic of)"],
    "KH": ["Cambodia (Kingdom of)"],
    "CM": ["Cameroon (Republic of)"],
    "CA": ["Canada"],
    "CV": ["Cape Verde (Republic of)", "Cabo Verde (Republic of)"],
    "CF": ["Central African Republic"],
    "TD": ["Chad (Republic of)"],
    "CL": ["Chile"],
    "CN": ["China (People's Republic of)"],
    "CO": ["Colombia (Republic of)"],
    "KM": ["Comoros (Union of the)"],
    "CG": ["Congo (Republic of the)", "Congo (Rep.)"],
    "CR": ["Costa Rica"],
    "CI": ["Côte d'Ivoire (Republic of)"],
    "HR": ["Croatia (Republic of)"],
    "CU": ["Cuba"],
    "CY": ["Cyprus (Republic of)"],
    "CZ": ["Czech Republic"],
    "KP": ["Democratic People's Republic of Korea"],
    "CD": [
        "Democratic Republic of the Congo",
        "Congo (Democratic Republic of the)",
        "Congo (Dem. Rep.)",
    ],
    "DK": ["Denmark"],
    "DJ": ["Djibouti (Republic of)"],
    "DM": ["Dominica (Commonwealth of)"],
    "DO": ["Dominican Republic"],
    "EC": ["Ecuador"],
    "EG": ["Egypt (Arab Republic of)"],
    "SV": ["El Salvador (Republic of)"],
    "GQ": ["Equatorial Guinea (Republic of)"],
    "ER": ["Eritrea"],
    "EE": ["Estonia (Republic of)"],
    "SZ": ["Eswatini (Kingdom of)", "Swaziland (Kingdom of)"],
    "ET": ["Ethiopia (Federal Democratic Republic of)"],
    "FJ": ["Fiji (Republic of)"],
    "FI": ["Finland"],
    "FR": ["France"],
    "GA": ["Gabonese Republic"],
    "GM": ["Gambia (Republic of the)"],
    "GE": ["Georgia"],
    "DE": ["Germany (Federal Republic of)"],
    "GH": ["Ghana"],
    "GR": ["Greece"],
    "GD": ["Grenada"],
    "GT": ["Guatemala (Republic of)"],
    "GN": ["Guinea (Republic of)"],
    "GW": ["Guinea-Bissau (Republic of)"],
    "GY": ["Guyana"],
    "HT": ["Haiti (Republic of)"],
    "HN": ["Honduras (Republic of)"],
    "HU": ["Hungary"],
    "IS": ["Iceland"],
    "IN": ["India (Republic of)"],
    "ID": ["Indonesia (Republic of)"],
    "IR": ["Iran (Islamic Republic of)", "Iran (I.R.)"],
    "IQ": ["Iraq (Republic of)"],
    "IE": ["Ireland"],
    "IL": ["Israel (State of)"],
    "IT": ["Italy"],
    "JM": ["Jamaica"],
    "JP": ["Japan"],
    "JO": ["Jordan (Hashemite Kingdom of)"],
    "KZ": ["Kazakhstan (Republic of)"],
    "KE": ["Kenya (Republic of)"],
    "KI": ["Kiribati (Republic of)"],
    "KR": ["Korea (Republic of)", "Korea (Rep.)"],
    "KW": ["Kuwait (State of)"],
    "KG": ["Kyrgyz Republic"],
    "LA": ["Lao People's Democratic Republic", "Lao P.D.R."],
    "LV": ["Latvia (Republic of)"],
    "LB": ["Lebanon"],
    "LS": ["Lesotho (Kingdom of)"],
    "LR": ["Liberia (Republic of)"],
    "LY": ["Libya", "Libya (State of)"],
    "LI": ["Liechtenstein (Principality of)"],
    "LT": ["Lithuania (Republic of)"],
    "LU": ["Luxembourg"],
    "MG": ["Madagascar (Republic of)"],
    "MW": ["Malawi"],
    "MY": ["Malaysia"],
    "MV": ["Maldives (Republic of)"],
    "ML": ["Mali (Republic of)"],
    "MT": ["Malta"],
    "MH": ["Marshall Islands (Republic of the)"],
    "MR": ["Mauritania (Islamic Republic of)"],
    "MU": ["Mauritius (Republic of)"],
    "MX": ["Mexico"],
    "FM": ["Micronesia (Federated States of)", "Micronesia"],
    "MD": ["Moldova (Republic of)"],
    "MC": ["Monaco (Principality of)"],
    "MN": ["Mongolia"],
    "ME": ["Montenegro"],
    "MA": ["Morocco (Kingdom of)"],
    "MZ": ["Mozambique (Republic of)"],
    "MM": ["Myanmar (Union of)", "Myanmar (Republic of the Union of)"],
    "NA": ["Namibia (Republic of)"],
    "NR": ["Nauru (Republic of)"],
    "NP": ["Nepal (Federal Democratic Republic of)"],
    "NL": ["Netherlands (Kingdom of the)"],
    "NZ": ["New Zealand"],
    "NI": ["Nicaragua"],
    "NE": ["Niger (Republic of the)"],
    "NG": ["Nigeria (Federal Republic of)"],
    "MK": ["North Macedonia (Republic of)", "TFYR Macedonia"],
    "NO": ["Norway"],
    "OM": ["Oman (Sultanate of)"],
    "PK": ["Pakistan (Islamic Republic of)"],
    "PA": ["Panama (Republic of)"],
    "PG": ["Papua New Guinea"],
    "PY": ["Paraguay (Republic of)"],
    "PE": ["Peru"],
    "PH": ["Philippines (Republic of the)"],
    "PL": ["Poland (Republic of)"],
    "PT": ["Portugal"],
    "QA": ["Qatar (State of)"],
    "RO": ["Romania"],
    "RU": ["Russian Federation"],
    "RW": ["Rwanda (Republic of)"],
    "KN": ["Saint Kitts and Nevis"],
    "LC": ["Saint Lucia"],
    "VC": ["Saint Vincent and the Grenadines"],
    "WS": ["Samoa (Independent State of)"],
    "SM": ["San Marino (Republic of)"],
    "ST": ["Sao Tome and Principe (Democratic Republic of)", "S. Tomé & Principe"],
    "SA": ["Saudi Arabia (Kingdom of)"],
    "SN": ["Senegal (Republic of)"],
    "RS": ["Serbia (Republic of)"],
    "SC": ["Seychelles (Republic of)"],
    "SL": ["Sierra Leone"],
    "SG": ["Singapore (Republic of)"],
    "SK": ["Slovak Republic"],
    "SI": ["Slovenia (Republic of)"],
    "SB": ["Solomon Islands"],
    "SO": ["Somali Democratic Republic", "Somalia (Federal Republic of)"],
    "ZA": ["South Africa (Republic of)"],
    "SS": ["South Sudan (Republic of)"],
    "ES": ["Spain"],
    "LK": ["Sri Lanka (Democratic Socialist Republic of)"],
    "SD": ["Sudan (Republic of the)"],
    "SR": ["Suriname (Republic of)"],
    "SE": ["Sweden"],
    "CH": ["Switzerland (Confederation of)"],
    "SY": ["Syrian Arab Republic"],
    "TJ": ["Tajikistan (Republic of)"],
    "TZ": ["Tanzania (United Republic of)"],
    "TH": ["Thailand"],
    "TL": ["Timor-Leste (Democratic Republic of)"],
    "TG": ["Togolese Republic"],
    "TO": ["Tonga (Kingdom of)"],
    "TT": ["Trinidad and Tobago"],
    "TN": ["Tunisia"],
    "TR": ["Turkey", "Türkiye (Republic of)"],
    "TM": ["Turkmenistan"],
    "TV": ["Tuvalu"],
    "UG": ["Uganda (Republic of)"],
    "UA": ["Ukraine"],
    "AE": ["United Arab Emirates"],
    "GB": ["United Kingdom of Great Britain and Northern Ireland"],
    "US": ["United States of America"],
    "UY": ["Uruguay (Eastern Republic of)"],
    "UZ": ["Uzbekistan (Republic of)"],
    "VU": ["Vanuatu (Republic of)"],
    "VA": ["Vatican City State", "Vatican"],
    "VE": ["Venezuela (Bolivarian Republic of)"],
    "VN": ["Viet Nam (Socialist Republic of)", "Viet Nam"],
    "YE": ["Yemen (Republic of)"],
    "ZM": ["Zambia (Republic of)"],
    "ZW": ["Zimbabwe (Republic of)"],
    "HK": ["Hong Kong, China"],
    "MO": ["Macao, China"],
    "TW": ["Taiwan, Province of China"],
    "PS": ["Palestine"],
}

# Common English names that neither ISO 3166-1 nor ITU prints.
COMMON = {
    "BN": ["Brunei"],
    "CD": ["DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "CZ": ["Czechia"],
    "FM": ["Micronesia"],
    "GB": ["UK", "Great Britain and Northern Ireland", "Great Britain", "Britain"],
    "KN": ["St Kitts and Nevis"],
    "MO": ["Macau"],
    "NL": ["Holland"],
    "PS": ["Palestine"],
    "RU": ["Russia"],
    "US": ["USA", "United States of America"],
    "VA": ["Vatican City"],
}

# Codes ISO 3166-1 leaves to its users, that `import --country` takes (never matched from a
# title: a title naming one is told to give --country).
USER_ASSIGNED = {("XK", "XKX"): ["Kosovo", "Republic of Kosovo"]}

_ABBREVIATIONS = (
    (r"\bRepublic\b", "Rep."),
    (r"\bDemocratic\b", "Dem."),
    (r"\bFedera(?:l|ted)\b", "Fed."),
    (r"\bSaint\b", "St."),
)


def abbreviated(name: str) -> list[str]:
    """Every form of an ITU name with some of its long words abbreviated as ITU does."""
    found = [(pattern, short) for pattern, short in _ABBREVIATIONS if re.search(pattern, name)]
    forms = []
    for size in range(1, len(found) + 1):
        for chosen in itertools.combinations(found, size):
            form = name
            for pattern, short in chosen:
                form = re.sub(pattern, short, form)
            forms.append(form)
    return forms


def rows() -> list[tuple[str, str, str, str]]:
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: list[tuple[str, str, str, str]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        out.append((country.alpha_2, country.alpha_3, country.name, "iso"))
        for field, source in (("official_name", "iso-official"), ("common_name", "iso-common")):
            value = getattr(country, field, None)
            if value:
                out.append((country.alpha_2, country.alpha_3, value, source))
    for source, table in (("former", FORMER), ("itu", ITU), ("common", COMMON)):
        for alpha_2, names in table.items():
            for name in names:
                out.append((alpha_2, codes[alpha_2], name, source))
                if source == "itu":
                    out.extend(
                        (alpha_2, codes[alpha_2], form, "itu-abbreviated")
                        for form in abbreviated(name)
                    )
    for (alpha_2, alpha_3), names in USER_ASSIGNED.items():
        out.extend((alpha_2, alpha_3, name, "user-assigned") for name in names)
    seen = set()
    unique = []
    for row in out:  # a form listed twice keeps its first source
        if (row[0], row[2]) not in seen:
            seen.add((row[0], row[2]))
            unique.append(row)
    return sorted(unique, key=lambda row: (row[0], row[3] != "iso", row[2]))


HEADER = """\
# The names cwprofile knows each country by: alpha-2, alpha-3, a name, where the name comes
# from, and the keys the name is matched by (cwprofile.countries.name_keys, kept here so that a
# lookup need not compute them for every name).
# Written by scripts/country_names.py (pycountry {version}); edit the lists there, not this file.
# Sources: iso, iso-official, iso-common: ISO 3166-1 (pycountry's name, official and common
# name); former: a name ISO 3166-1 used before; itu: as ITU prints it (its list of Member
# States, its statistics and reports); itu-abbreviated: an ITU form with Rep., Dem., Fed. or
# St.; common: a common English name; user-assigned: a code ISO 3166-1 leaves to its users,
# taken by `import --country`, never matched from a title.
"""


def main() -> int:
    import importlib.metadata

    version = importlib.metadata.version("pycountry")
    from cwprofile.countries import name_keys

    lines = [HEADER.format(version=version)]
    lines += ["\t".join((*row, "|".join(sorted(name_keys(row[2]))))) + "\n" for row in rows()]
    TABLE.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(Path.cwd()) if TABLE.is_relative_to(Path.cwd()) else TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
