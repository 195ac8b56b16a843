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
from cwprofile.folders import sources

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


def test_every_byte_of_the_index_damaged_means_a_rebuild_never_a_wrong_answer(run, isolated):
    path = cached(run, isolated)
    good = path.read_bytes()
    found, _ = sources(())
    right = cache.load(found)
    assert right is not None
    header = good.index(b"\n", len(cache.MAGIC)) + 1  # the mark and the manifest line
    for at in range(header):
        damaged = bytearray(good)
        damaged[at] ^= 0x01 if damaged[at] != 0x0A else 0x20  # every byte, newline too
        path.write_bytes(bytes(damaged))
        loaded = cache.load(found)
        assert loaded is None or loaded.entries == right.entries, at
    # and through the CLI, on a sample: the answer is the one the files give
    fresh = run("indicator", "cirt", "--json", "--no-cache").stdout
    for at in range(0, header, max(1, header // 15)):
        damaged = bytearray(good)
        damaged[at] ^= 0x01
        path.write_bytes(bytes(damaged))
        assert run("indicator", "cirt", "--json").stdout == fresh, at


def test_a_status_letter_changed_in_the_index_is_caught(run, isolated):
    path = cached(run, isolated)
    text = path.read_bytes()
    assert b'"ynyn' in text or b"ynn" in text
    path.write_bytes(text.replace(b'"ynnyn', b'"ynnnn', 1).replace(b'"ynyn', b'"ynnn', 1))
    assert json.loads(run("indicator", "cirt", "--json").stdout)["tally"]["yes"] == 1
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
            handle.truncate(cache.MAX_CACHE_BYTES + 1)
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
        made.write_bytes(cache.MAGIC + b"x" * 1000)
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
    was done first), one line, no temporary file left."""
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
