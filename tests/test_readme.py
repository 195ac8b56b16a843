"""The README shows what the tool does: its pictures are what `--export` draws now, and the
commands it shows answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_pictures_are_what_the_code_draws_now():
    """`scripts/readme_pictures.py` makes them; it fails here when one is stale."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_pictures.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_readme_shows_each_picture():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("show.svg", "report-contact.svg", "compare.svg"):
        assert f"](docs/{name})" in readme, name
