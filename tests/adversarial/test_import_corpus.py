"""Crafted texts through `cwprofile import`: each ends within the import's bounds with a
profile or one clean line (exit 1), never a traceback. The whole import is bounded, not only
the PDF reader: reading, parsing and writing an input stop at `pdf.SECONDS` with one line.

The 16 MiB shapes that were slow (a fuzzy country search per title line, quadratic joining
of wrapped lines) run as real processes under the `exhaustive` mark; their speed is measured
by `python benchmarks/bench.py --part import`, not asserted here."""

from __future__ import annotations

import pytest

from ..conftest import SOURCE_TEXT, run_installed
from ..textbuild import SHAPES, shape

SOURCE = SOURCE_TEXT.read_text(encoding="utf-8")
ANCHOR = "Specific legislation pertaining to cybercrime is mandated"


def inside(body: str) -> str:
    return SOURCE.replace(ANCHOR, body + "\n" + ANCHOR, 1)


# Crafted texts, small enough for the everyday run, and what each must end with: a profile
# (None) or the one line's text after "Error: <file>".
CRAFTED = {
    "empty": ("", ":1: country: found no 'CYBERWELLNESS PROFILE' title"),
    "spaces": (" \n\t\n" * 1000, ":1: country: found no 'CYBERWELLNESS PROFILE' title"),
    "nul": ("CYBERWELLNESS PROFILE\x00", ": holds NUL bytes; not text, nor a PDF"),
    "a long title": ("CYBERWELLNESS PROFILE " + "CAMBODIA " * 20_000, ":1: country: 'CAMBODIA"),
    "ten thousand titles": ("CYBERWELLNESS PROFILE CAMBODIA\n" * 10_000, ": indicators."),
    "unbalanced brackets in the title": (
        SOURCE.replace("CAMBODIA", "CONGO (((((" * 1000, 1),
        ":4: country: 'CONGO",
    ),
    "a heading ten thousand times": (inside("1.1.1 CRIMINAL LEGISLATION\n" * 10_000), None),
    "abbreviations without end": (inside("e.g. " * 200_000), None),
    "clauses without end": (inside("Cambodia has a CIRT that " * 50_000 + "works."), None),
    "reported to, again and again": (
        SOURCE.replace("Computer incidents can be reported to", "reported to " * 50_000, 1),
        None,
    ),
    "a form feed in every line": ("\f\n" * 50_000 + SOURCE, None),
    "page numbers only": ("\n\n7\n\n\f" * 20_000, ":1: country: found no 'CYBERWELLNESS"),
    "wrapped hyphens": (inside("cyber-\nsecurity\n" * 50_000), None),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_text_ends_with_a_profile_or_one_line(run, tmp_path, monkeypatch, name):
    from cwprofile.importer import pdf

    monkeypatch.setattr(pdf, "SECONDS", 60)  # a bound, not a speed target: see benchmarks/
    text, told = CRAFTED[name]
    given = tmp_path / "crafted.txt"
    given.write_text(text, encoding="utf-8")
    result = run("import", str(given), "--lenient", code=None)  # what can be read is written
    if told is None:
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("# ITU Cyberwellness Profile of Cambodia")
    else:
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {given}{told}"), result.stderr[:300]
        assert len(result.stderr.splitlines()) == 1


def test_the_whole_import_is_bounded_in_time(run, tmp_path, monkeypatch):
    """The bound, shortened: reading a text (not a PDF) that takes longer stops with one
    line, and nothing is written."""
    from cwprofile.importer import pdf

    monkeypatch.setattr(pdf, "SECONDS", 0.05)
    given = tmp_path / "long.txt"
    given.write_text(inside("w x\n" * 1_000_000), encoding="utf-8")
    folder = tmp_path / "out"
    result = run("import", str(given), "-o", f"{folder}/", "--format", "text", code=1)
    assert f"{given}: reading it took longer than 0.05 s; stopped" in result.stdout
    assert list(folder.iterdir()) == []


def test_a_text_over_the_size_bound_is_refused(run, tmp_path):
    given = tmp_path / "big.txt"
    given.write_bytes(b"a" * (16 * 1024 * 1024 + 1))
    result = run("import", str(given), code=1)
    assert result.stderr == f"Error: {given}: larger than 16 MiB; not a profile's text\n"


@pytest.mark.exhaustive
@pytest.mark.parametrize("name", SHAPES)
def test_a_16_mib_shape_ends_within_the_bound(tmp_path, name):
    given = tmp_path / "shape.txt"
    given.write_text(shape(name), encoding="utf-8")
    result = run_installed("import", str(given), "-o", f"{tmp_path / 'out'}/", "--json")
    assert result.returncode in (0, 1), result.stderr
    assert "took longer" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
