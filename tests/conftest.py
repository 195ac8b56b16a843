from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cwprofile.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCE_TEXT = DATA / "cambodia-source.txt"
BUNDLED = ROOT / "profiles" / "cambodia.yaml"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder, no user profile path, a fixed width and no colour
    unless it asks for it."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CWPROFILE_CACHE_DIR", str(cache))
    monkeypatch.delenv("CWPROFILE_PATH", raising=False)
    monkeypatch.delenv("CWPROFILE_DEBUG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return cache


class Run:
    """The CLI through Typer's CliRunner, stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0):
        result = self.runner.invoke(app, list(args), input=input, catch_exceptions=False)
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> dict:
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    return folder


def make_variant(
    target: Path, name: str, iso2: str, iso3: str, changes: dict[str, str] | None = None
) -> Path:
    """A copy of the bundled profile for another country, with some statuses changed."""
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace("name: Cambodia", f"name: {name}").replace("iso2: KH", f"iso2: {iso2}")
    text = text.replace("iso3: KHM", f"iso3: {iso3}")
    for indicator, status in (changes or {}).items():
        start = text.index(f"  {indicator}:\n")
        at = text.index("    status: ", start)
        end = text.index("\n", at)
        text = text[:at] + f"    status: {status}" + text[end:]
    target.write_text(text, encoding="utf-8")
    return target


def console_script() -> str:
    found = shutil.which("cwprofile", path=str(Path(sys.executable).parent))
    assert found, "the cwprofile console script is not installed next to this Python"
    return found


def run_in_terminal(arguments: list[str], environment: dict[str, str]) -> tuple[int, str]:
    """The installed script run on a pseudo-terminal: its exit code and what the screen got."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes cwprofile, never returns
        os.environ.update(environment)
        os.environ.pop("NO_COLOR", None)
        os.execv(console_script(), [console_script(), *arguments])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal closes when the child exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode().replace("\r\n", "\n")


def run_installed(
    *arguments: str, env: dict[str, str | None] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed script as a real process; `env` adds variables, or removes them (None)."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [console_script(), *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={key: value for key, value in environment.items() if value is not None},
        timeout=60,
    )
