from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Bytecode, and pytest's rewritten test modules, are cached in `__pycache__` even where
# PYTHONDONTWRITEBYTECODE is set: without the cache every run compiles and rewrites them all
# again, about 4 s a worker (measured: 55 s for the suite with the cache, 59 to 64 without).
# The programs the tests start read what is cached here.
sys.dont_write_bytecode = False

from cwprofile.cli import app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCE_TEXT = DATA / "cambodia-source.txt"
BUNDLED = ROOT / "profiles" / "cambodia.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite tests/expected/ from the output as it is now (then read the diff)",
    )


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder, its own (empty) library of the user's profiles, no
    user profile path, a fixed width and no colour unless it asks for it."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("CWPROFILE_CACHE_DIR", str(cache))
    monkeypatch.setenv("CWPROFILE_DATA_DIR", str(tmp_path / "library"))
    monkeypatch.delenv("CWPROFILE_PATH", raising=False)
    # The real processes a test starts keep their compiled modules, as a user's do.
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
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


def catches(pid: int, signum: int) -> bool:
    """Whether a process has its own handler for a signal in place (Linux: SigCgt in
    /proc). cwprofile sets SIGINT's and SIGTERM's together as it starts; Python sets one
    for SIGINT before that, so SIGTERM's tells when cwprofile's are in place."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) & (1 << (signum - 1)))
    return False


def run_in_terminal(arguments: list[str], environment: dict[str, str]) -> tuple[int, str]:
    """The installed script run on a pseudo-terminal: its exit code and what the screen got."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes cwprofile, never returns
        os.environ.update({"CWPROFILE_PAGER": "cat", **environment})  # `less` would wait
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


def screen(
    arguments: list[str], columns: int, env: dict[str, str] | None = None, code: int = 0
) -> str:
    """What a terminal of `columns` columns (and 50 rows) shows of the installed script: its
    output read from a real pseudo-terminal of that size, colours and links taken out."""
    env = dict(env or {})
    if "PAGER" in env:
        env.setdefault("CWPROFILE_PAGER", env["PAGER"])
    import fcntl
    import pty
    import re
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: sizes its terminal, then becomes cwprofile
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        # No pager unless the test names one: `less` would wait for a key.
        os.environ.update({"TERM": "xterm-256color", "CWPROFILE_PAGER": "cat", **(env or {})})
        for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
            os.environ.pop(name, None)
        os.execv(console_script(), [console_script(), *arguments])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == code, b"".join(chunks)[-2000:]
    text = b"".join(chunks).decode().replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)", "", text)


# Countries for a set of 40 profiles: long names, two countries whose names start alike
# (Congo), names with commas and brackets, and two editions of one country.
MANY = [
    ("Congo", "CG", "COG"),
    ("Congo (Dem. Rep. of the)", "CD", "COD"),
    ("Bolivia, Plurinational State of", "BO", "BOL"),
    ("Saint Helena, Ascension and Tristan da Cunha", "SH", "SHN"),
    ("Lao People's Democratic Republic", "LA", "LAO"),
    ("Korea (Republic of)", "KR", "KOR"),
    ("Côte d'Ivoire", "CI", "CIV"),
    ("Viet Nam", "VN", "VNM"),
    ("Norway", "NO", "NOR"),
    ("Thailand", "TH", "THA"),
]


def write_many(folder: Path, count: int = 39) -> Path:
    """`count` profiles of other countries (varied statuses, some unknown, phones, emails,
    long web addresses) made from the bundled one, and a second edition of the first."""
    import phonenumbers
    import pycountry

    folder.mkdir(exist_ok=True)
    chosen = list(MANY)
    taken = {iso2 for _, iso2, _ in chosen} | {"KH"}
    for country in pycountry.countries:
        if len(chosen) >= count - 1:
            break
        if country.alpha_2 not in taken and phonenumbers.example_number(country.alpha_2):
            chosen.append((country.name, country.alpha_2, country.alpha_3))
    text = BUNDLED.read_text(encoding="utf-8")
    for number, (name, iso2, iso3) in enumerate(chosen):
        example = phonenumbers.example_number(iso2)
        phone = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        lowered = iso2.lower()
        profile = (
            text.replace("name: Cambodia", f"name: {json.dumps(name)}")
            .replace("iso2: KH", f"iso2: {iso2}")
            .replace("iso3: KHM", f"iso3: {iso3}")
            .replace("(855) 92 335 536", phone)
            .replace("incident@camcert.gov.kh", f"incident+{lowered}@cert.{lowered}.example")
            .replace(
                "  web: null",
                f"  web: https://www.cert.{lowered}.example/report-an-incident/online-form?lang=en",
            )
        )
        for _ in range(number % 5):
            profile = profile.replace("status: false", "status: true", 1)
        for _ in range(number % 3):  # unknown: the profile says the information is not available
            profile = profile.replace("status: false", "status: null", 1)
        (folder / f"{lowered}.yaml").write_text(profile, encoding="utf-8")
    first = chosen[0][1].lower()
    older = (
        (folder / f"{first}.yaml").read_text(encoding="utf-8").replace("2014-08-26", "2013-02-01")
    )
    (folder / f"{first}-2013.yaml").write_text(older, encoding="utf-8")
    return folder


def has_code(text: str, code: str) -> bool:
    """Whether the text holds an indicator or pillar code as a token of its own: `2.1` is not
    found inside `1.2.1` or `2.1.3`, nor `1.2` inside `1.2.1`."""
    return re.search(rf"(?<![\d.]){re.escape(code)}(?!\.?\d)", text) is not None
