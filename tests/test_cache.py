"""The compiled cache: used when fresh, rebuilt when a file changes, never trusted blindly."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from cwprofile import library

from .conftest import console_script, make_variant


def cache_files(cache):
    return sorted(p for p in cache.glob("cwprofile-*.sqlite")) if cache.exists() else []


def test_the_second_run_reads_the_cache_and_not_the_files(run, isolated, monkeypatch):
    first = run("show", "kh", "--json").stdout
    assert len(cache_files(isolated)) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("the profiles were compiled again")

    monkeypatch.setattr(library, "build", no_compiling)
    assert run("show", "kh", "--json").stdout == first
    assert run("indicator", "cirt", "--json").stdout


def test_no_cache_neither_reads_nor_writes_it(run, isolated):
    run("countries", "--no-cache")
    assert cache_files(isolated) == []


def test_an_edit_shows_on_the_next_run(run, user_dir):
    target = make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO", {"cirt": "no"})
    assert (
        json.loads(run("show", "la", "--json", "-p", str(user_dir)).stdout)["indicators"]["cirt"][
            "status"
        ]
        is False
    )
    target.write_text(
        target.read_text(encoding="utf-8").replace(
            "    status: no\n    evidence: ITU completed",
            "    status: yes\n    evidence: ITU completed",
        ),
        encoding="utf-8",
    )
    assert (
        json.loads(run("show", "la", "--json", "-p", str(user_dir)).stdout)["indicators"]["cirt"][
            "status"
        ]
        is True
    )


def test_an_edit_of_the_same_size_with_the_old_mtime_is_still_seen(run, user_dir):
    target = make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO")
    hour_ago = os.stat(target).st_mtime_ns - 3600 * 10**9
    os.utime(target, ns=(hour_ago, hour_ago))
    run("countries", "-p", str(user_dir))
    text = target.read_text(encoding="utf-8")
    edited = text.replace("name: Laos", "name: LAOS")
    assert len(edited) == len(text)
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(hour_ago, hour_ago))
    names = [
        p["country"]["name"]
        for p in json.loads(run("countries", "--json", "-p", str(user_dir)).stdout)["profiles"]
    ]
    assert names == ["Cambodia", "LAOS", "United Kingdom"]


def test_a_new_file_and_a_removed_file_are_seen(run, user_dir):
    run("countries", "-p", str(user_dir))
    target = make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO")
    assert len(json.loads(run("countries", "--json", "-p", str(user_dir)).stdout)["profiles"]) == 3
    target.unlink()
    assert len(json.loads(run("countries", "--json", "-p", str(user_dir)).stdout)["profiles"]) == 2


def test_touching_a_file_without_changing_it_keeps_the_cache(run, user_dir, isolated, monkeypatch):
    target = make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO")
    run("countries", "-p", str(user_dir))
    os.utime(target)
    monkeypatch.setattr(library, "build", lambda *a, **k: pytest.fail("compiled again"))
    run("countries", "-p", str(user_dir))


def test_warnings_of_bad_files_survive_the_cache(run, user_dir):
    (user_dir / "bad.yaml").write_text("[", encoding="utf-8")
    first = run("countries", "-p", str(user_dir)).stderr
    assert first.startswith("Warning: skipped")
    assert run("countries", "-p", str(user_dir)).stderr == first


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"garbage",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-40] + b"X" * 40,
        lambda raw: raw.replace(b'"format":1', b'"format":"1"'),
        lambda raw: b"",
        lambda raw: raw.replace(b"CamCERT", b"BadCERT"),
    ],
    ids=["garbage", "truncated", "blob-bytes", "wrong-type", "empty", "edited-blob"],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(run, isolated, damage):
    expected = run("report-contact", "--json").stdout
    [cache] = cache_files(isolated)
    cache.write_bytes(damage(cache.read_bytes()))
    assert run("report-contact", "--json").stdout == expected
    assert run("show", "kh", "--json").stdout == run("show", "kh", "--json", "--no-cache").stdout


def test_an_unwritable_cache_folder_just_means_no_cache(run, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CWPROFILE_CACHE_DIR", str(blocker / "cache"))
    result = run("show", "kh", "--json")
    assert json.loads(result.stdout)["country"]["iso2"] == "KH"
    assert result.stderr == ""


def test_cache_clear_and_path(run, isolated):
    run("countries")
    assert run("cache", "path").stdout == f"{isolated}\n"
    assert run("cache", "clear").stderr == "Removed 1 cache file.\n"
    assert cache_files(isolated) == []


def test_two_processes_building_the_cache_at_once(tmp_path, isolated):
    folder = tmp_path / "many"
    folder.mkdir()
    codes = [
        ("Laos", "LA", "LAO"),
        ("Thailand", "TH", "THA"),
        ("Viet Nam", "VN", "VNM"),
        ("Myanmar", "MM", "MMR"),
    ]
    for number in range(60):
        name, iso2, iso3 = codes[number % len(codes)]
        target = make_variant(folder / f"p{number:03}.yaml", name, iso2, iso3)
        text = target.read_text(encoding="utf-8").replace(
            "2014-08-26", f"20{10 + number // 12:02}-0{1 + number % 9}-1{number % 10}"
        )
        target.write_text(text, encoding="utf-8")
    command = [console_script(), "indicator", "cirt", "--all-editions", "--json", "-p", str(folder)]
    environment = {**os.environ, "CWPROFILE_CACHE_DIR": str(isolated)}
    both = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=60) for process in both]
    assert [process.returncode for process in both] == [0, 0]
    assert outputs[0][0] == outputs[1][0]
    assert len(json.loads(outputs[0][0])["profiles"]) == 62  # 60 written, 2 bundled
    assert [p.name for p in isolated.iterdir() if p.name.endswith(".tmp")] == []
    again = subprocess.run(command, capture_output=True, env=environment, check=True)
    assert again.stdout == outputs[0][0]


def test_files_just_written_are_compared_by_content_until_they_settle(run, user_dir, monkeypatch):
    import time

    from cwprofile import cache

    monkeypatch.setattr(cache, "RACY_NS", 300_000_000)  # the clock's resolution, shortened
    make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO")
    run("countries", "-p", str(user_dir))
    hashed = []
    real_digest = cache._content_digest
    monkeypatch.setattr(
        cache, "_content_digest", lambda path: hashed.append(path) or real_digest(path)
    )
    run("countries", "-p", str(user_dir))
    assert str(user_dir / "la.yaml") in hashed  # written within two seconds of the build
    time.sleep(cache.RACY_NS / 1e9 + 0.2)
    run("countries", "-p", str(user_dir))  # compares once more, then records the settled stats
    hashed.clear()
    run("countries", "-p", str(user_dir))
    assert hashed == []


def test_the_default_cache_folder_is_the_one_platformdirs_names(monkeypatch, tmp_path):
    import platformdirs

    from cwprofile import cache

    monkeypatch.delenv("CWPROFILE_CACHE_DIR")
    for xdg in (str(tmp_path / "xdg"), "relative/ignored", None):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert cache.cache_dir() == Path(platformdirs.user_cache_dir("cwprofile", appauthor=False))


# The cache owns only its own names ------------------------------------------------------------


def test_a_shared_cache_folder_keeps_its_other_files(run, isolated):
    """A folder that holds other files (a report, notes, an editor's swap file, a name that
    only looks like the cache's): queries and `cache clear` remove none of them, and the
    user is told once that a folder of its own is safer."""
    isolated.mkdir()
    theirs = {
        "profiles-2015-gci-report.pdf": b"%PDF-1.7 the report",
        "profiles-todo.txt": b"read the report",
        ".tmp-swap": b"an editor's swap file",
        "cwprofile-00000000-00000000.sqlite": b"named like the cache, written by someone else",
    }
    hours_ago = time.time() - 7200
    for name, content in theirs.items():
        (isolated / name).write_bytes(content)
        os.utime(isolated / name, (hours_ago, hours_ago))
    first = run("countries")
    assert first.stderr == (
        f"Note: the cache folder {str(isolated)!r} holds 4 other files; cwprofile only ever "
        "writes and removes its own (cwprofile-*.sqlite), but a folder of its own is safer: "
        "set CWPROFILE_CACHE_DIR to an empty folder\n"
    )
    assert run("countries").stderr == ""  # said once
    assert len(cache_files(isolated)) == 2  # ours, and theirs with our name's shape
    cleared = run("cache", "clear")
    assert cleared.stderr.startswith("Removed 1 cache file.\nNote: the cache folder")
    assert {p.name: p.read_bytes() for p in isolated.iterdir()} == theirs


# A cache that cannot go stale ----------------------------------------------------------------


def test_a_file_that_changes_while_it_is_read_is_not_cached(run, user_dir, monkeypatch):
    from cwprofile import reader

    target = make_variant(user_dir / "la.yaml", "Laos", "LA", "LAO", {"cirt": "no"})
    real = reader.digest_of

    def edited_meanwhile(raw: bytes) -> str:
        # Another program saves the file while cwprofile reads it.
        if b"name: Laos" in raw:
            text = raw.decode("utf-8").replace("name: Laos", "name: Lao P.D.R.")
            target.write_text(text, encoding="utf-8")
        return real(raw)

    monkeypatch.setattr(reader, "digest_of", edited_meanwhile)
    assert run.json("show", "la", "-p", str(user_dir))["country"]["name"] == "Laos"
    monkeypatch.setattr(reader, "digest_of", real)
    assert run.json("show", "la", "-p", str(user_dir))["country"]["name"] == "Lao P.D.R."


def test_a_new_version_of_a_library_the_data_depends_on_rebuilds(run, tmp_path, monkeypatch):
    from cwprofile import cache

    installed = tmp_path / "site" / "phonenumbers-9.0.0.dist-info"
    installed.mkdir(parents=True)
    monkeypatch.setattr(cache, "dependencies", lambda: [str(installed)])
    run("countries")
    compiled = []
    real = library.build
    monkeypatch.setattr(library, "build", lambda *a, **k: compiled.append(1) or real(*a, **k))
    run("countries")
    assert compiled == []  # warm
    installed.rename(installed.with_name("phonenumbers-9.1.0.dist-info"))  # an upgrade
    run("countries")
    assert compiled == [1]


def test_the_dependencies_found_are_the_installed_ones():
    import phonenumbers

    from cwprofile import cache

    (place,) = cache.dependencies()
    assert place is not None and place.endswith(
        f"phonenumbers-{phonenumbers.__version__}.dist-info"
    )
