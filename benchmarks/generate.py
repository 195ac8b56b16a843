"""Write N schema-valid synthetic profiles for benchmarks.

Every file says it is synthetic: a header comment says so, the evidence is generated filler,
and the contact is a "Synthetic CERT". Countries come from cwprofile's table of ISO 3166-1
countries, by their names (the schema checks that a name is its code's); past 249 profiles a
country gets a second edition (another date).

    python benchmarks/generate.py 400 /tmp/profiles
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from cwprofile.catalog import INDICATORS
from cwprofile.countries import all_codes
from cwprofile.yamltext import dumps

WORDS = [
    "national",
    "agency",
    "framework",
    "programme",
    "cooperation",
    "partnership",
    "strategy",
    "legislation",
    "response",
    "team",
    "certification",
    "standard",
    "training",
    "awareness",
    "roadmap",
    "benchmark",
    "sector",
    "public",
    "private",
    "international",
    "regional",
    "ministry",
    "department",
    "assessment",
    "exercise",
    "initiative",
    "protocol",
    "convention",
    "child",
    "online",
    "protection",
    "incident",
    "reporting",
]


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return "Synthetic " + " ".join(chosen) + "."


# Cambodia is left out so that the bundled profile stays the one `show cambodia` finds.
COUNTRIES = [c for c in all_codes() if c.iso2 != "KH" and not c.user_assigned]


def profile(number: int, rng: random.Random) -> dict:
    country = COUNTRIES[number % len(COUNTRIES)]
    edition = number // len(COUNTRIES)
    indicators = {}
    for indicator in INDICATORS:
        paragraphs = [" ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 4)))]
        if rng.random() < 0.3:
            paragraphs.append("- " + sentence(rng, 6) + "\n- " + sentence(rng, 7))
        indicators[indicator.id] = {
            "status": rng.random() < 0.45,
            "evidence": "\n\n".join(paragraphs),
        }
    return {
        "schema_version": 1,
        "country": {
            "name": country.name,
            "iso2": country.iso2,
            "iso3": country.iso3,
        },
        "background": {
            "population": {
                "as_printed": f"{rng.randint(10_000, 900_000_000):,}".replace(",", " "),
                "source": "Synthetic source",
                "date": "2013",
            },
            "internet_users": {
                "as_printed": f"{rng.uniform(1, 99):.2f}%",
                "source": "Synthetic",
                "date": "2013",
            },
        },
        "indicators": indicators,
        "contact": {
            "organisation": f"Synthetic CERT {country.iso3}",
            "phone": f"+1 202 555 {rng.randint(1000, 1999)}",
            "email": f"incident@cert-{country.iso2.lower()}.example",
            "web": f"https://cert-{country.iso2.lower()}.example/report",
        },
        "provenance": {
            "last_updated": f"{2014 + edition}-0{1 + number % 9}-1{number % 10}",
            "disclaimer": "https://example.org/synthetic",
            "more_information": None,
        },
    }


def generate(count: int, folder: Path, seed: int = 2014) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        path = folder / f"synthetic-{number:04}.yaml"
        path.write_text(
            "# SYNTHETIC benchmark profile: not ITU data.\n" + dumps(profile(number, rng)),
            encoding="utf-8",
        )
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2014)
    arguments = parser.parse_args()
    paths = generate(arguments.count, arguments.folder, arguments.seed)
    size = sum(path.stat().st_size for path in paths)
    print(
        f"wrote {len(paths)} profiles, {size / len(paths) / 1024:.1f} KiB each on average, to {arguments.folder}"
    )


if __name__ == "__main__":
    main()
