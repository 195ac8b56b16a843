"""HTML exports in a real browser: headless Chromium (`apt-get install chromium`) opens each
export, takes a screenshot, and the test fails on any console message: a script error, or
a resource the page's Content-Security-Policy had to block (the page loads nothing). CI
installs Chromium and requires these tests (`CWPROFILE_BROWSER_TESTS=required`); elsewhere
they are skipped when no Chromium is installed, and say so."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import write_many

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EXPORTS = {
    "show": ["show", "kh"],
    "compare": ["compare"],
    "countries": ["countries", "--wide"],
    "indicator": ["indicator", "cirt"],
    "indicators": ["indicators", "--wide"],
    "report-contact": ["report-contact"],
    "search": ["search", "CamCERT"],
}
EVERYDAY = {"show", "compare"}  # the others under `exhaustive`: a browser start costs a second


@pytest.fixture(scope="module")
def browser() -> str:
    if CHROMIUM is None:
        if os.environ.get("CWPROFILE_BROWSER_TESTS") == "required":
            pytest.fail(
                "no Chromium, and CWPROFILE_BROWSER_TESTS=required: apt-get install chromium"
            )
        pytest.skip("no Chromium installed (apt-get install chromium)")
    return CHROMIUM


def screenshot(browser: str, page: Path, picture: Path, profile: Path) -> list[str]:
    """Open the page headless, save a screenshot; what the browser's console said."""
    done = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2000",
            f"--screenshot={picture}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    return [
        line
        for line in done.stderr.splitlines()
        if ":CONSOLE" in line or "Failed to load resource" in line or "Refused to" in line
    ]


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    return write_many(tmp_path_factory.mktemp("profiles") / "many", count=12)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=[] if name in EVERYDAY else [pytest.mark.exhaustive])
        for name in EXPORTS
    ],
)
def test_an_export_shows_in_a_browser_with_nothing_blocked(name, browser, many, tmp_path, run):
    page = tmp_path / f"{name}.html"
    folder = [] if name == "indicators" else ["-p", str(many)]  # the catalog reads no profiles
    run(*EXPORTS[name], *folder, "--export", str(page))
    text = page.read_text(encoding="utf-8")
    assert "<h1>" in text  # a visible heading on every page
    picture = tmp_path / f"{name}.png"
    said = screenshot(browser, page, picture, tmp_path / "chromium-profile")
    assert said == [], said
    assert picture.read_bytes().startswith(b"\x89PNG") and picture.stat().st_size > 10_000


def test_the_console_check_sees_a_blocked_resource(browser, tmp_path):
    """The check fails where it should: a page whose image its policy blocks."""
    page = tmp_path / "blocked.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'\"><title>x</title></head><body><h1>x</h1>"
        '<img src="https://example.invalid/x.png"></body></html>',
        encoding="utf-8",
    )
    said = screenshot(browser, page, tmp_path / "blocked.png", tmp_path / "chromium-profile")
    assert any("Content Security Policy" in line for line in said), said
