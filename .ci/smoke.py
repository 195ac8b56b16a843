"""The smoke set against an installed wheel (not the checkout): run from a folder outside
the repository by the wheel's own Python, it finds the bundled data inside the installed
package and has every command answer. `.ci/run` builds the wheel, installs it into a fresh
virtual environment and runs this; it exits 1 at the first thing that is wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(sys.argv[1]).resolve()
SCRIPT = str(Path(sys.executable).parent / "cwprofile")


def cwprofile(*arguments: str, code: int = 0, stdin: str | None = None) -> str:
    done = subprocess.run(
        [SCRIPT, *arguments], capture_output=True, text=True, input=stdin, timeout=120
    )
    if done.returncode != code or "Traceback" in done.stderr:
        raise SystemExit(f"cwprofile {' '.join(arguments)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def main() -> int:
    import cwprofile as package

    installed = Path(package.__file__).parent
    if REPOSITORY in installed.parents:
        raise SystemExit(f"not the wheel: cwprofile is imported from {installed}")
    bundled = installed / "profiles" / "cambodia.yaml"
    if bundled.read_bytes() != (REPOSITORY / "profiles" / "cambodia.yaml").read_bytes():
        raise SystemExit("the wheel's bundled profile is not the repository's")
    if not (installed / "country_names.tsv").is_file():
        raise SystemExit("the wheel has no table of country names")
    source = REPOSITORY / "tests" / "data" / "cambodia-source.txt"
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        os.environ["CWPROFILE_CACHE_DIR"] = str(Path(folder) / "cache")
        os.environ["CWPROFILE_DATA_DIR"] = str(Path(folder) / "library")
        shown = json.loads(cwprofile("show", "cambodia", "--json"))
        assert shown["derived"]["origin"] == "bundled:cambodia.yaml", shown["derived"]
        assert "CamCERT" in cwprofile("show", "cambodia")
        assert (
            json.loads(cwprofile("show", "Cambodia (Kingdom of)", "--json"))["country"]["iso2"]
            == "KH"
        )
        assert "CamCERT" in cwprofile("report-contact")
        assert json.loads(cwprofile("indicator", "cirt", "--json"))["tally"]["yes"] == 1
        assert "1.2.1" in cwprofile("indicators")
        assert "Cambodia" in cwprofile("countries")
        assert "KH" in cwprofile("compare", "kh")
        assert json.loads(cwprofile("search", "ALERT", "--json"))["count"] == 1
        assert "1 valid" in cwprofile("validate", str(bundled))
        assert json.loads(cwprofile("schema"))["title"] == "cwprofile profile file"
        assert cwprofile("import", str(source)) == bundled.read_text(encoding="utf-8")
        assert cwprofile("cache", "path").strip() == os.environ["CWPROFILE_CACHE_DIR"]
        cwprofile("show", "kh", "--export", "kh.html")
        assert "CamCERT" in Path("kh.html").read_text(encoding="utf-8")
        assert cwprofile("--version").startswith("cwprofile ")
        # The second bundled profile, and the user's library: added once, found with no -p.
        contact = json.loads(cwprofile("report-contact", "gb", "--json"))["contacts"][0]
        assert contact["phone_e164"] == "+441242709311", contact
        uk = REPOSITORY / "tests" / "data" / "united-kingdom-source.txt"
        newer = Path(folder) / "uk-2016.txt"
        newer.write_text(
            uk.read_text(encoding="utf-8").replace("12th August 2014", "3rd May 2016"), "utf-8"
        )
        cwprofile("import", str(newer), "--add")
        assert json.loads(cwprofile("show", "gb", "--json"))["provenance"]["last_updated"] == (
            "2016-05-03"
        )
        assert json.loads(cwprofile("indicator", "cirt", "--json"))["tally"]["of"] == 2
    print(f"smoke: the wheel installed at {installed} answers every command")
    return 0


if __name__ == "__main__":
    sys.exit(main())
