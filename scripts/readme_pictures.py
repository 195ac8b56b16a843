"""Make the README's pictures: `show`, `report-contact` and `compare` as they look on an
80-column terminal, as SVG files made by `--export` itself.

    python scripts/readme_pictures.py          # writes docs/*.svg
    python scripts/readme_pictures.py --check  # exit 1 if a picture is stale (the tests do)

The data's age is counted to a fixed day (SOURCE_DATE_EPOCH), so that a picture made again
is the same picture; the second profile is the test profile of Laos (tests/data/profiles).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "docs"
DAY = "1796083200"  # 2026-12-01, the day the pictures count the data's age to
SECOND = ["-p", "tests/data/profiles"]
COMMANDS = {
    "show.svg": ["show", "cambodia"],
    "report-contact.svg": ["report-contact", *SECOND],
    "compare.svg": ["compare", "kh", "la", *SECOND],
}


def make(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as cache:
        environment = {**os.environ, "SOURCE_DATE_EPOCH": DAY, "CWPROFILE_CACHE_DIR": cache}
        environment.pop("CWPROFILE_PATH", None)
        _export(folder, environment)


def _export(folder: Path, environment: dict[str, str]) -> None:
    for name, arguments in COMMANDS.items():
        subprocess.run(
            [sys.executable, "-m", "cwprofile", *arguments, "--export", str(folder / name),
             "--width", "80", "--force"],
            cwd=ROOT,
            env=environment,
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip


def stale() -> list[str]:
    """The pictures that differ from what the code draws now."""
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder)
        make(made)
        return [
            name
            for name in COMMANDS
            if not (PICTURES / name).exists()
            or (PICTURES / name).read_bytes() != (made / name).read_bytes()
        ]


def main() -> int:
    if "--check" in sys.argv[1:]:
        found = stale()
        for name in found:
            print(f"docs/{name} is stale: run python scripts/readme_pictures.py", file=sys.stderr)
        return 1 if found else 0
    PICTURES.mkdir(exist_ok=True)
    make(PICTURES)
    print("wrote " + ", ".join(f"docs/{name}" for name in COMMANDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
