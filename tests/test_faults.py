"""Faults outside the profile files: a damaged cache, closed and full streams, a vanished
reader, an ASCII locale, SIGTERM, an empty HOME, a private file replaced."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from cwprofile import cache

from .conftest import BUNDLED, catches, console_script, make_variant, run_installed

# Every command, with the least it needs to run.
EVERY_COMMAND = [
    ["show", "kh"], ["show", "kh", "-f", "table"], ["show", "kh", "--json"],
    ["indicator", "cirt"], ["indicators"], ["countries"], ["list"], ["report-contact"],
    ["compare"], ["search", "CamCERT"], ["validate", str(BUNDLED)], ["schema"],
    ["schema", "show"], ["import", str(Path(__file__).parent / "data" / "cambodia-source.txt")],
    ["cache", "path"], ["--version"], ["--help"], ["show", "--help"], ["cache", "--help"],
]  # fmt: skip


def cached(run, isolated: Path) -> Path:
    run("countries")
    (path,) = [p for p in isolated.iterdir() if cache.CACHE_NAME.fullmatch(p.name)]
    return path


def answers(library) -> str:
    """Everything the library can be asked, as one text: each profile whole, each indicator's
    column, the contacts, a search through the trigram index and the warnings."""
    from cwprofile.catalog import INDICATORS
    from cwprofile.model import to_document

    return json.dumps(
        {
            "entries": [list(entry) for entry in library.entries],
            "profiles": [to_document(library.profile(e)) for e in library.entries],
            "columns": [[list(row) for row in library.findings(i)] for i in INDICATORS],
            "contacts": [list(c) for _, c in library.contacts(library.entries)],
            "found": [[e.number, i.id] for e, i, *_ in library.mentions("CamCERT", INDICATORS)],
            "kh": list(library.find("kh")),
            "warnings": list(library.warnings),
        },
        default=str,
    )


def damaged_answers(path: Path, raw: bytes) -> str | None:
    """What a run answers from a cache file holding `raw`: None when it does not trust it
    (and builds anew), else its answer; `--no-cache` must be the same."""
    from cwprofile import library

    path.write_bytes(raw)
    try:
        loaded = library.load()
    except Exception as error:
        return f"failed: {error!r}"
    return answers(loaded)


def offsets(size: int, samples: int) -> list[int]:
    """Offsets across a file: its header whole, then `samples` spread over the rest."""
    return [*range(min(size, 100)), *range(100, size, max(1, size // samples))]


@pytest.mark.parametrize(
    "samples",
    [
        pytest.param(80, id="sampled"),
        pytest.param(4000, id="dense", marks=pytest.mark.exhaustive),
    ],
)
def test_a_byte_damaged_anywhere_means_a_rebuild_never_a_wrong_answer(run, isolated, samples):
    """A flipped bit in any byte of the database (its header, a table's page, an index, the
    trigram index, free space): every answer is the files' own, from the cache or rebuilt."""
    from cwprofile import library

    path = cached(run, isolated)
    good = path.read_bytes()
    right = answers(library.load(use_cache=False))
    assert answers(library.load()) == right
    places = offsets(len(good), samples)
    for at in places:
        damaged = bytearray(good)
        damaged[at] ^= 0x04
        assert damaged_answers(path, bytes(damaged)) == right, at


def test_a_row_gone_from_the_cache_is_a_rebuild(run, isolated):
    """A finding's row deleted whole (no check of its own can fail: it is not there): the
    count of what a query read tells, and the answer is the files'."""
    import sqlite3

    from cwprofile import library
    from cwprofile.catalog import BY_ID

    path = cached(run, isolated)
    right = list(library.load(use_cache=False).findings(BY_ID["cirt"]))
    with sqlite3.connect(path) as connection:
        deleted = connection.execute(
            "DELETE FROM findings WHERE indicator = 'cirt' AND profile = 1"
        )
        assert deleted.rowcount == 1
    connection.close()
    assert list(library.load().findings(BY_ID["cirt"])) == right  # the column asked first


def test_truncated_zeroed_foreign_and_journalled_databases_are_rebuilt(run, isolated, tmp_path):
    """The damage a disk, a crash or another program does: the file cut short at every page,
    each page zeroed in turn, another program's SQLite file in its place, a WAL file and a hot
    journal left beside it. Each is read as the files say."""
    import sqlite3

    from cwprofile import library

    path = cached(run, isolated)
    good = path.read_bytes()
    right = answers(library.load(use_cache=False))
    page = int.from_bytes(good[16:18], "big")
    for end in range(0, len(good), page):
        assert damaged_answers(path, good[:end]) == right, f"cut at {end}"
    for start in range(0, len(good), page):
        zeroed = good[:start] + bytes(page) + good[start + page :]
        assert damaged_answers(path, zeroed) == right, f"page at {start} zeroed"
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE profiles (id INTEGER PRIMARY KEY, country TEXT)")
        connection.execute("INSERT INTO profiles VALUES (1, 'Atlantis')")
    connection.close()
    assert damaged_answers(path, other.read_bytes()) == right
    for leftover in ("-wal", "-journal", "-shm"):
        Path(f"{path}{leftover}").write_bytes(b"\x37\x7f\x06\x82" + os.urandom(4096))
    assert damaged_answers(path, good) == right
    assert (
        run("indicator", "cirt", "--json").stdout
        == run("indicator", "cirt", "--json", "--no-cache").stdout
    )


def test_a_status_letter_changed_in_the_database_is_caught(run, isolated):
    path = cached(run, isolated)
    raw = path.read_bytes()
    assert raw.count(b"ynynnnnyn") == 1  # Cambodia's statuses: CIRT is the third
    path.write_bytes(raw.replace(b"ynynnnnyn", b"ynnnnnnyn"))
    cirt = json.loads(run("indicator", "cirt", "--json").stdout)
    assert [p["status"] for p in cirt["profiles"]] == [True, False]  # Cambodia's yes stands
    assert "7/21" in run("compare").stdout


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "folder", "huge"])
def test_a_cache_that_is_not_a_regular_file_of_ours_is_never_read(kind, run, isolated):
    path = cached(run, isolated)
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        with path.open("wb") as handle:  # sparse: no disk used
            handle.truncate(3 * 2**30)
    # Not the cache's own, whatever its name: `cache clear` leaves it and says so.
    cleared = run("cache", "clear")
    assert cleared.stderr.startswith("Removed 0 cache files.\nNote: the cache folder"), cleared
    assert path.is_symlink() or path.exists()
    result = run_installed(
        "countries", "--json", env={"CWPROFILE_CACHE_DIR": str(isolated)}
    )  # a hang or 2.8 GB of memory would fail the 60 s timeout or the machine
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["profiles"][0]["tally"]["yes"] == 7


def test_stale_temporary_files_are_swept_and_only_they(run, isolated):
    """Only temporary files of the cache's own are swept: its name and its mark. An editor's
    `.tmp-*` swap file, or a file named like the cache's that it did not write, stay."""
    path = cached(run, isolated)
    own = f".{path.name}.abcd1234.tmp"
    old = isolated / own
    empty = isolated / own.replace("abcd1234", "killed00")  # killed before its first write
    young = isolated / own.replace("abcd1234", "running0")
    swap = isolated / ".tmp-killed"
    impostor = isolated / own.replace("abcd1234", "notours0")
    other = isolated / "notes.txt"
    for made in (old, young):
        made.write_bytes(path.read_bytes()[:1000])  # a database of ours, cut short
    empty.write_bytes(b"")
    for made in (swap, impostor, other):
        made.write_bytes(b"x" * 1000)
    hours_ago = time.time() - 2 * cache.STALE_TEMPORARY_SECONDS
    for made in (old, empty, swap, impostor, other):
        os.utime(made, (hours_ago, hours_ago))
    run("countries", "--no-cache")  # reads only
    assert old.exists()
    path.unlink()
    run("countries")  # writes a cache: sweeps first
    assert not old.exists() and not empty.exists()
    assert young.exists() and swap.exists() and impostor.exists() and other.exists()


@pytest.mark.parametrize("arguments", EVERY_COMMAND, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_1(arguments, tmp_path):
    result = subprocess.run(
        [console_script(), *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CWPROFILE_CACHE_DIR": str(tmp_path)},
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "Error: cannot write the output: standard output is closed\n",
    )


@pytest.mark.parametrize(
    "arguments", [["show", "kh", "-f", "table"], ["cache", "path"], ["--version"], ["--help"], ["show", "kh", "--json"]], ids=" ".join
)  # fmt: skip
def test_a_full_disk_is_one_line_and_exit_1(arguments, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [console_script(), *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CWPROFILE_CACHE_DIR": str(tmp_path), "FORCE_COLOR": "1"},
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (
        1,
        "Error: cannot write the output: No space left on device\n",
    )


@pytest.mark.parametrize(
    "arguments", [["--version"], ["cache", "path"], ["--help"], ["show", "kh"], ["compare"]], ids=" ".join
)  # fmt: skip
def test_a_reader_that_vanished_is_exit_0_with_nothing_said(arguments, tmp_path):
    process = subprocess.Popen(
        [console_script(), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CWPROFILE_CACHE_DIR": str(tmp_path)},
    )
    process.stdout.close()  # the reader is gone before anything is written
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (0, b"")


def test_a_closed_stdin_is_one_line_and_exit_1(tmp_path):
    result = subprocess.run(
        [console_script(), "import", "-"],
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(0),
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "Error: cannot read standard input: it is closed\n",
    )


ASCII = {
    "LC_ALL": "C",
    "LANG": "C",
    "PYTHONUTF8": "0",
    "PYTHONCOERCECLOCALE": "0",
    "PYTHONIOENCODING": None,
}


def test_program_output_is_utf8_whatever_the_locale(user_dir, tmp_path):
    make_variant(user_dir / "ax.yaml", "Åland Islands", "AX", "ALA")
    env = {**ASCII, "CWPROFILE_CACHE_DIR": str(tmp_path)}
    for fmt in ("json", "yaml", "csv", "markdown", "html"):
        result = subprocess.run(
            [console_script(), "report-contact", "-p", str(user_dir), "--format", fmt],
            capture_output=True,
            env={k: v for k, v in {**os.environ, **env}.items() if v is not None},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "Åland Islands" in result.stdout.decode("utf-8"), fmt
    document = json.loads(
        run_installed("report-contact", "-p", str(user_dir), "--json", env=env).stdout
    )
    assert [c["country"]["name"] for c in document["contacts"]] == [
        "Cambodia",
        "United Kingdom",
        "Åland Islands",
    ]
    # and for people, what an ASCII terminal cannot show is a visible escape
    shown = run_installed("report-contact", "ax", "-p", str(user_dir), env=env)
    assert "\\xc5land Islands" in shown.stdout


def test_a_non_ascii_argument_still_matches_under_an_ascii_locale(user_dir, tmp_path):
    make_variant(user_dir / "ax.yaml", "Åland Islands", "AX", "ALA")
    env = {**ASCII, "CWPROFILE_CACHE_DIR": str(tmp_path)}
    result = run_installed("show", "Åland Islands", "-p", str(user_dir), "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["country"]["iso2"] == "AX"


def test_sigterm_cleans_up_and_exits_143(tmp_path):
    """SIGTERM at moments of a cold build of 120 profiles, each sent once the process has
    its handler in place (waited for, not guessed with a sleep: on a busy machine a signal
    sent 0.15 s after the start can come before the handler). Exit 143 (or 0 when the work
    was done first), one line, no temporary file left; and one run certainly signalled while
    it runs, which exits 143."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(120):
        make_variant(folder / f"p{number}.yaml", "Laos", "LA", "LAO").write_text(
            (folder / f"p{number}.yaml")
            .read_text("utf-8")
            .replace("2014-08-26", f"{1900 + number}-01-01"),
            "utf-8",
        )
    codes = set()
    for moment in (0.0, 0.1, 0.3):  # after the handler is in place
        cache_dir = tmp_path / f"cache-{moment}"
        process = subprocess.Popen(
            [console_script(), "countries", "-p", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "CWPROFILE_CACHE_DIR": str(cache_dir)},
        )
        while process.poll() is None and not catches(process.pid, signal.SIGTERM):
            time.sleep(0.005)
        time.sleep(moment)
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=60)
        codes.add(process.returncode)
        assert process.returncode in (0, 143), errors
        if process.returncode == 143:
            assert errors == b"Error: terminated\n"
        left = [p.name for p in cache_dir.iterdir()] if cache_dir.exists() else []
        assert not [name for name in left if cache.TEMPORARY_NAME.fullmatch(name)], left
        shutil.rmtree(cache_dir, ignore_errors=True)
    # Where a build is when the signal comes is the machine's doing; a run that waits for its
    # standard input is certainly still running when it comes.
    waiting = subprocess.Popen(
        [console_script(), "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    while waiting.poll() is None and not catches(waiting.pid, signal.SIGTERM):
        time.sleep(0.005)
    waiting.send_signal(signal.SIGTERM)
    _, errors = waiting.communicate(timeout=60)
    assert errors == b"Error: terminated\n"
    codes.add(waiting.returncode)
    assert 143 in codes


def test_cache_clear_says_what_it_could_not_remove(run, isolated, monkeypatch):
    path = cached(run, isolated)
    real = Path.unlink

    def refuse(self: Path, *args, **kwargs) -> None:
        if self == path:
            raise PermissionError(13, "Permission denied")
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", refuse)
    result = run("cache", "clear", code=1)
    assert result.stderr == (
        f"Error: cannot remove {path}: Permission denied\nRemoved 0 cache files.\n"
    )


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_an_empty_or_relative_home_means_no_cache_never_one_at_the_root(home, tmp_path):
    env = {"HOME": home, "XDG_CACHE_HOME": "", "CWPROFILE_CACHE_DIR": None}
    result = run_installed("show", "kh", "--json", env=env, cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["country"]["iso2"] == "KH"
    assert not (tmp_path / "relative").exists()
    path = run_installed("cache", "path", env=env, cwd=tmp_path)
    assert path.returncode == 1 and path.stderr.startswith("Error: no cache folder")


def test_a_relative_xdg_cache_home_is_ignored(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": "relative", "CWPROFILE_CACHE_DIR": None}
    assert (
        run_installed("cache", "path", env=env).stdout == f"{tmp_path / '.cache' / 'cwprofile'}\n"
    )


def test_force_keeps_a_private_files_mode(run, tmp_path):
    for arguments in (
        ["indicators", "--export"],
        ["import", str(Path(__file__).parent / "data" / "cambodia-source.txt"), "-o"],
    ):
        target = tmp_path / ("out.html" if arguments[0] == "indicators" else "out.yaml")
        target.write_text("mine", encoding="utf-8")
        target.chmod(0o600)
        run(*arguments, str(target), "--force")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert target.read_text(encoding="utf-8") != "mine"
