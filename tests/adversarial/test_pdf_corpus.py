"""Crafted PDFs through `cwprofile import`: each ends in bounded time and memory with exit 0
or one clean line on stderr (exit 1), never a traceback, never a temporary file left.

They are made here, byte by byte where a PDF library would refuse to write them: damaged
and truncated files, a header with nothing after it, loops in the page tree, deep nesting,
a decompression bomb, an encrypted file, too many pages, an oversized file, control
characters and markup in the text.
"""

from __future__ import annotations

import functools
import subprocess
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import SOURCE_TEXT, run_installed
from ..pdfbuild import build


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of the given objects (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def page_with(content: bytes, compressed: bool = False) -> bytes:
    stream = zlib.compress(content, 9) if compressed else content
    flate = b" /Filter /FlateDecode" if compressed else b""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def text_page(lines: list[str]) -> bytes:
    body = b"BT /F1 10 Tf 40 800 Td 12 TL\n"
    for line in lines:
        escaped = line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
        body += b"(" + escaped.replace(b")", b"\\)") + b") '\n"
    return page_with(body + b"ET")


@functools.cache
def good() -> bytes:
    return build(SOURCE_TEXT.read_text(encoding="utf-8"))


# Each crafted PDF, made on first use (a bomb takes seconds to compress: not at import).
CRAFTED: dict[str, Callable[[], bytes]] = {
    "truncated.pdf": lambda: good()[: len(good()) // 2],
    "header-only.pdf": lambda: b"%PDF-1.7\n%%EOF\n",
    "garbage.pdf": lambda: b"%PDF-1.4\n" + bytes(range(256)) * 64,
    "no-xref.pdf": lambda: good().split(b"xref")[0],
    "page-tree-loop.pdf": lambda: raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1000000 >>",
        ]
    ),
    "deep-nesting.pdf": lambda: raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * 50_000 + b"]" * 50_000 + b" >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ]
    ),
    # 200 MB of drawing operators in a 200 KB stream.
    "bomb.pdf": lambda: page_with(b"0 0 m 1 1 l S\n" * 15_000_000, compressed=True),
    "no-text.pdf": lambda: page_with(b"0 0 m 100 100 l S"),
    "not-a-profile.pdf": lambda: text_page(["Minutes of the meeting", "Nothing to see here."]),
    "control-characters.pdf": lambda: text_page(
        ["CYBERWELLNESS PROFILE", "CAMBODIA", "\x1b[31mred\x1b[0m [bold]markup[/bold]"]
    ),
    "many-pages.pdf": lambda: raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count 2500 >>" % b" ".join(b"3 0 R" for _ in range(2500)),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    ),
}
SLOW = {"bomb.pdf"}  # seconds to read, by design: under the `exhaustive` mark


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=[pytest.mark.exhaustive] if name in SLOW else [])
        for name in sorted(CRAFTED)
    ],
)
def test_a_crafted_pdf_ends_in_one_clean_line(name, tmp_path):
    given = tmp_path / name
    given.write_bytes(CRAFTED[name]())
    result = run_installed("import", str(given), "-o", str(tmp_path / "out.yaml"))
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    lines = result.stderr.splitlines()
    if result.returncode == 1:
        assert len(lines) == 1 and lines[0].startswith(f"Error: {given}"), result.stderr
    else:  # read after all: what was written is a profile that loads
        assert run_installed("validate", str(tmp_path / "out.yaml")).returncode == 0
    assert "\x1b" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        [name],
        [name, "out.yaml"],
    ), "a temporary file was left"


@pytest.mark.parametrize(
    ("name", "told"),
    [
        ("many-pages.pdf", ": cannot read the PDF: it has 2500 pages; at most 2000 are read"),
        ("header-only.pdf", ": cannot read the PDF: it is damaged or not a PDF"),
        ("garbage.pdf", ": cannot read the PDF: it is damaged or not a PDF"),
        ("not-a-profile.pdf", ":1: country: found no 'CYBERWELLNESS PROFILE'"),
        ("no-text.pdf", ": the PDF holds no text (scanned pages?); cwprofile does not read images"),
    ],
)
def test_what_a_crafted_pdf_is_told(run, tmp_path, name, told):
    given = tmp_path / name
    given.write_bytes(CRAFTED[name]())
    result = run("import", str(given), code=1)
    assert result.stderr.startswith(f"Error: {given}{told}")


def test_an_encrypted_pdf(run, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 10, "CYBERWELLNESS PROFILE")
    given = tmp_path / "locked.pdf"
    given.write_bytes(bytes(pdf.output()))
    result = run("import", str(given), code=1)
    assert (
        result.stderr == f"Error: {given}: cannot read the PDF: it is encrypted with a password\n"
    )


def test_a_pdf_over_the_size_bound_is_not_read(run, tmp_path):
    from cwprofile.importer import pdf

    given = tmp_path / "big.pdf"
    with given.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(pdf.MAX_PDF_BYTES + 10)
    result = run("import", str(given), code=1)
    assert result.stderr == f"Error: {given}: a PDF larger than 64 MiB; not read\n"


def test_the_time_bound_stops_a_reader_that_never_ends(run, tmp_path, monkeypatch):
    """The wall-clock bound, shortened, on a reader that never ends (the deterministic form
    of an infinite loop in a PDF library): the child is killed and one line says why."""
    from cwprofile.importer import pdf

    monkeypatch.setattr(pdf, "SECONDS", 1)
    monkeypatch.setattr(pdf, "_CHILD", "import time; time.sleep(3600)")
    given = tmp_path / "kh.pdf"
    given.write_bytes(good())
    result = run("import", str(given), code=1)
    assert result.stderr in (
        f"Error: {given}: reading it took longer than 1 s; stopped\n",
        f"Error: {given}: cannot read the PDF: it ran out of the time or memory it may take\n",
    )


def test_the_memory_bound_stops_a_greedy_reader(run, tmp_path, monkeypatch):
    """The address-space bound, shortened, on a reader that asks for more: it cannot grow
    past the bound, and one line says the PDF could not be read."""
    from cwprofile.importer import pdf

    monkeypatch.setattr(pdf, "MEMORY_BYTES", 96 * 1024 * 1024)
    monkeypatch.setattr(
        pdf, "_CHILD", "import sys; sys.stdin.buffer.read(); x = bytearray(1 << 30)"
    )
    given = tmp_path / "kh.pdf"
    given.write_bytes(good())
    result = run("import", str(given), code=1)
    assert result.stderr == f"Error: {given}: cannot read the PDF: MemoryError\n"


@pytest.mark.exhaustive
def test_the_time_bound_stops_a_slow_pdf(run, tmp_path, monkeypatch):
    """The same bounds on real PDFs: 560 MB of drawing to read in 1 s, or in 96 MiB."""
    from cwprofile.importer import pdf

    given = tmp_path / "bomb.pdf"
    given.write_bytes(page_with(b"0 0 m 1 1 l S\n" * 40_000_000, compressed=True))
    monkeypatch.setattr(pdf, "SECONDS", 1)
    result = run("import", str(given), code=1)
    assert result.stderr in (
        f"Error: {given}: reading it took longer than 1 s; stopped\n",
        f"Error: {given}: cannot read the PDF: it ran out of the time or memory it may take\n",
    )
    monkeypatch.setattr(pdf, "SECONDS", 120)
    monkeypatch.setattr(pdf, "MEMORY_BYTES", 96 * 1024 * 1024)
    result = run("import", str(given), code=1)
    assert result.stderr.startswith(f"Error: {given}: cannot read the PDF: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_user_memory_limit_lower_than_ours_is_taken_and_said(run, tmp_path, monkeypatch):
    """Under a user's `ulimit -v`, the reader takes the lower limit (a process cannot raise
    its own); under one too low for PDFs, one line says so and no reader starts."""
    import resource

    from cwprofile.importer import pdf

    given = tmp_path / "kh.pdf"
    given.write_bytes(build(SOURCE_TEXT.read_text(encoding="utf-8")))
    limits = {resource.RLIMIT_AS: (1_500_000 * 1024, 1_500_000 * 1024)}
    real = resource.getrlimit
    monkeypatch.setattr(resource, "getrlimit", lambda kind: limits.get(kind, real(kind)))
    assert pdf.child_limits(str(given)) == (1_500_000 * 1024, pdf.SECONDS)
    assert run("import", str(given)).stdout.startswith("# ITU Cyberwellness Profile of Cambodia")
    limits[resource.RLIMIT_AS] = (40 * 2**20, resource.RLIM_INFINITY)
    result = run("import", str(given), code=1)
    assert result.stderr == (
        f"Error: {given}: cannot read a PDF under a memory limit of 40 MiB (ulimit -v); "
        "the PDF reader needs 64 MiB\n"
    )


def test_under_a_real_ulimit_a_pdf_imports(tmp_path):
    """The issue as a user met it: `ulimit -v 1500000`, then a PDF import."""
    import shlex

    from ..conftest import console_script

    given = tmp_path / "kh.pdf"
    given.write_bytes(build(SOURCE_TEXT.read_text(encoding="utf-8")))
    command = (
        f"ulimit -v 1500000 && {shlex.quote(console_script())} import {shlex.quote(str(given))}"
    )
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (Path(__file__).parents[2] / "profiles" / "cambodia.yaml").read_text(
        encoding="utf-8"
    )


def test_a_profile_pdf_with_control_characters_and_markup_shows_them_escaped(run, tmp_path) -> None:
    source = SOURCE_TEXT.read_text(encoding="utf-8").replace(
        "Cambodia does not have any national governance roadmap for cybersecurity.",
        "Cambodia does not have any [bold red]national[/] governance roadmap \x1b[31mfor\x1b[0m cybersecurity.",
    )
    given = tmp_path / "kh.pdf"
    given.write_bytes(build(source))
    folder = tmp_path / "out"
    folder.mkdir()
    run("import", str(given), "-o", str(folder / "kh.yaml"))
    shown = run_installed("show", "kh", "--section", "1.3", "-p", str(folder))
    assert "\x1b" not in shown.stdout
    flat = " ".join(shown.stdout.split())
    assert "[bold red]national[/] governance roadmap \\x1b[31mfor\\x1b[0m" in flat


def test_sigterm_while_a_pdf_is_read_stops_the_reader_too(tmp_path):
    import os
    import signal
    import subprocess

    from ..conftest import console_script

    given = tmp_path / "slow.pdf"
    given.write_bytes(page_with(b"0 0 m 1 1 l S\n" * 6_000_000, compressed=True))
    process = subprocess.Popen(
        [console_script(), "import", str(given), "-o", str(tmp_path / "out.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def readers() -> list[str]:
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
                parent = Path(f"/proc/{pid}/stat").read_text().split()[3]
            except OSError:
                continue
            if b"cwprofile.importer.pdf" in command and parent == str(process.pid):
                found.append(pid)
        return found

    deadline = time.monotonic() + 10
    while not readers() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    (reader,) = readers()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 143
    assert stderr == "Error: terminated\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slow.pdf"]
    assert not Path(f"/proc/{reader}").exists(), "the PDF reader was left running"


def test_a_module_in_the_pdfs_folder_is_not_what_reads_it(tmp_path):
    """The reader runs without the working folder on its import path."""
    (tmp_path / "pypdfium2.py").write_text("raise SystemExit('planted')\n", encoding="utf-8")
    (tmp_path / "kh.pdf").write_bytes(build(SOURCE_TEXT.read_text(encoding="utf-8")))
    result = run_installed("import", "kh.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ITU Cyberwellness Profile of Cambodia")
