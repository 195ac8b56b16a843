"""The installed console script as a real process: pipes, terminals, signals, exit codes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from cwprofile import cli

from .conftest import BUNDLED, catches, console_script, make_variant, run_in_terminal
from .conftest import run_installed as cwprofile


def test_show_from_another_folder_into_a_pipe(tmp_path):
    result = cwprofile("show", "cambodia", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Cyberwellness profile: Cambodia (KH, KHM)\n")
    assert "\x1b" not in result.stdout
    assert result.stderr == ""


def test_show_json_is_one_valid_document(tmp_path):
    result = cwprofile("show", "cambodia", "--json", cwd=tmp_path)
    assert json.loads(result.stdout)["contact"]["email"] == "incident@camcert.gov.kh"


def test_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "cwprofile", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("cwprofile ")


def test_exit_codes_and_one_line_errors():
    missing = cwprofile("show", "atlantis")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == "Error: no profile for country 'atlantis'; see `cwprofile countries`\n"
    usage = cwprofile("show")
    assert usage.returncode == 2
    assert "Missing argument 'COUNTRY'" in usage.stderr
    assert "Traceback" not in usage.stderr


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(150):
        target = make_variant(folder / f"p{number}.yaml", "Laos", "LA", "LAO")
        target.write_text(
            target.read_text(encoding="utf-8").replace("2014-08-26", f"{1900 + number}-01-01"),
            encoding="utf-8",
        )
    process = subprocess.Popen(
        [console_script(), "indicator", "cirt", "-p", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()
    returncode = process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    assert first == b"1.2.1 CIRT (Technical measures)\n"
    assert (returncode, stderr) == (0, "")


def test_a_shell_pipe_into_head_is_quiet(tmp_path):
    result = subprocess.run(
        f"set -o pipefail; '{console_script()}' indicator cirt | head -1",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "1.2.1 CIRT (Technical measures)\n",
        "",
    )


def test_on_a_terminal_output_is_coloured_with_marks():
    code, out = run_in_terminal(["indicator", "cirt"], {"COLUMNS": "120"})
    assert code == 0
    assert "\x1b[" in out
    assert "✓ yes" in out
    assert "CamCERT" in out


def test_ctrl_c_is_one_line_and_exit_130():
    process = subprocess.Popen(
        [console_script(), "import", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    while process.poll() is None and not catches(process.pid, signal.SIGTERM):
        time.sleep(0.005)  # until cwprofile's handlers are in place: waited for, not guessed
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode() == "Error: interrupted\n"


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys):
    from cwprofile.reports import indicators

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(indicators, "catalog", broken)
    monkeypatch.setattr(sys, "argv", ["cwprofile", "indicators"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == cli.EXIT_BUG
    assert capsys.readouterr().err == (
        "Error: unexpected RuntimeError: boom (a bug in cwprofile; run again with --debug "
        "for the traceback and report it)\n"
    )
    monkeypatch.setattr(sys, "argv", ["cwprofile", "--debug", "indicators"])
    with pytest.raises(RuntimeError, match="boom"):
        cli.main()


def test_the_bundled_profile_is_what_the_installed_package_reads(tmp_path):
    import yaml

    result = cwprofile("countries", "--json", cwd=tmp_path)
    assert json.loads(result.stdout)["profiles"][0]["origin"] == "bundled:cambodia.yaml"
    shown = json.loads(cwprofile("show", "kh", "--json", cwd=tmp_path).stdout)
    in_repository = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    for key in ("country", "contact", "provenance"):
        assert shown[key] == in_repository[key], key
    assert {k: v["status"] for k, v in shown["indicators"].items()} == {
        k: v["status"] for k, v in in_repository["indicators"].items()
    }


def test_shell_completion_of_indicators_and_countries(tmp_path):
    env = {
        "_CWPROFILE_COMPLETE": "complete_bash",
        "COMP_CWORD": "2",
        "CWPROFILE_CACHE_DIR": str(tmp_path),
    }
    indicators = cwprofile(env={**env, "COMP_WORDS": "cwprofile indicator intra"})
    assert indicators.stdout.split() == ["intra_state_cooperation", "intra_agency_cooperation"]
    countries = cwprofile(env={**env, "COMP_WORDS": "cwprofile show cam"})
    # ITU's name too, escaped as bash inserts it
    assert countries.stdout.splitlines() == ["cambodia", "cambodia\\ \\(kingdom\\ of\\)"]
    countries = cwprofile(env={**env, "COMP_WORDS": "cwprofile report-contact Cam"})
    assert countries.stdout.splitlines() == ["Cambodia", "Cambodia\\ \\(Kingdom\\ of\\)"]
