"""The text of a PDF, read with pypdfium2 (PDFium, the PDF engine of Chromium) in a child
process that has bounds: the file's size, its pages, the time and the memory it may take.

PDF parsers have had infinite loops and decompression bombs; PDFium is fuzzed continuously,
but a crafted file must still end in bounded time and memory with one clean error, and a
call into C cannot be interrupted from Python. So the work runs in a child process (`_main`
below) under an address-space and CPU limit, killed at a wall-clock deadline; its output is
capped too. Pages are separated by form feeds, as pdftotext does.
Why PDFium and not pdfminer.six or pypdf: README, "Importing PDFs".
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from itertools import pairwise
from typing import BinaryIO, NamedTuple

from cwprofile.errors import CwprofileError

MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_PAGES = 2000  # ITU's 2015 report of every profile has about 600
SECONDS = 120  # wall clock for the whole file, also the child's CPU limit
MEMORY_BYTES = 2 * 1024 * 1024 * 1024  # the child's address space (less if the user's is)
# The least address space the child is started with: it read a 600-page report in 40 MiB.
MIN_MEMORY_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 16 * 1024 * 1024
EXTRA_HINT = "install PDF support with: pip install 'cwprofile[pdf]'"
# The child's program. Not `-m`, which puts the working folder first on the import path: a
# `pypdfium2.py` or `cwprofile/` lying in the folder of the PDF must not be what runs.
_CHILD = (
    "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; "
    "from cwprofile.importer.pdf import _main; sys.exit(_main())"
)


def is_pdf(head: bytes) -> bool:
    """PDF readers accept the `%PDF-` header anywhere in the first KiB."""
    return b"%PDF-" in head[:1024]


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """At most `cap` bytes, read a chunk at a time: `read(cap)` would set aside all of them
    at once, whatever the file's size."""
    chunks = []
    size = 0
    while size < cap:
        chunk = stream.read(min(1 << 20, cap - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("pypdfium2") is not None


def extract(raw: bytes, name: str) -> str:
    """The PDF's text, pages separated by form feeds; CwprofileError with one line if it
    cannot be read within the bounds."""
    import subprocess

    if not available():
        raise CwprofileError(f"{name}: is a PDF; {EXTRA_HINT}")
    if len(raw) > MAX_PDF_BYTES:
        raise CwprofileError(f"{name}: a PDF larger than {MAX_PDF_BYTES // 2**20} MiB; not read")
    limits = _limited(*child_limits(name)) if sys.platform != "win32" else None
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD],
            input=raw,
            capture_output=True,
            timeout=SECONDS,
            preexec_fn=limits,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CwprofileError(f"{name}: reading it took longer than {SECONDS} s; stopped") from None
    except OSError as error:
        raise CwprofileError(f"{name}: cannot start the PDF reader: {error}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if done.returncode < 0 or not reason:
            why = "it ran out of the time or memory it may take"
        else:
            why = reason[-1]
        raise CwprofileError(f"{name}: cannot read the PDF: {why}")
    text = done.stdout.decode("utf-8", "replace")
    if not text.strip():
        raise CwprofileError(
            f"{name}: the PDF holds no text (scanned pages?); cwprofile does not read images"
        )
    return text


def child_limits(name: str) -> tuple[int, int]:
    """The child's address space and CPU seconds: our bounds, never above the limits this
    process has (a user's `ulimit -v`: a process may lower its limits, never raise them).
    Under a memory limit too low for PDFium, one line says so and no child starts."""
    import resource

    def lowest(kind: int, ours: int) -> int:
        return min([ours, *(n for n in resource.getrlimit(kind) if n != resource.RLIM_INFINITY)])

    memory = lowest(resource.RLIMIT_AS, MEMORY_BYTES)
    if memory < MIN_MEMORY_BYTES:
        raise CwprofileError(
            f"{name}: cannot read a PDF under a memory limit of {memory // 2**20} MiB "
            f"(ulimit -v); the PDF reader needs {MIN_MEMORY_BYTES // 2**20} MiB"
        )
    return memory, lowest(resource.RLIMIT_CPU, SECONDS)


def _limited(memory: int, cpu: int) -> Callable[[], None]:
    """What the child sets on itself between fork and exec (nothing there can fail)."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    return limit


def _read(raw: bytes) -> str:
    """In the child: the text of every page, within the page and size bounds."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        raise CwprofileError(_pdfium_reason(error)) from None
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise CwprofileError(f"it has {pages} pages; at most {MAX_PAGES} are read")
        read = []
        size = 0
        for number in range(pages):
            page = document[number]
            try:
                found = _lines(page.get_textpage())
            finally:
                page.close()
            size += sum(len(run[4]) for line in found.lines for run in line)
            if size > MAX_TEXT_CHARS:
                raise CwprofileError(f"it holds more than {MAX_TEXT_CHARS // 2**20} M characters")
            read.append(found)
        step = _paragraph_step(read)
        return "\f".join(_laid_out(found, step) for found in read)
    finally:
        document.close()


Run = tuple[float, float, float, float, str]  # left, bottom, right, top, text


class _Page(NamedTuple):
    lines: list[list[Run]]  # top to bottom, each line's runs
    bottoms: list[float]  # each line's bottom
    char: float  # the width of a character (the median of the page's runs)
    margin: float  # where the page's text starts


def _lines(textpage) -> _Page:
    """The page's runs of text (with their positions), gathered into lines top to bottom."""
    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        # PDFium marks a hyphen it found at a line's end as U+0002 (or U+FFFE).
        text = " ".join(text.replace("\x02", "-").replace("\ufffe", "-").split())
        if text:
            runs.append((left, bottom, right, top, text))
    if not runs:
        return _Page([], [], 1.0, 0.0)
    widths = sorted((r[2] - r[0]) / len(r[4]) for r in runs if len(r[4]) >= 5) or [5.0]
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r[3], r[0])):
        middle = (run[1] + run[3]) / 2
        if lines:
            line = lines[-1]
            low, high = min(r[1] for r in line), max(r[3] for r in line)
            if low <= middle <= high:
                line.append(run)
                continue
        lines.append([run])
    bottoms = [min(r[1] for r in line) for line in lines]
    return _Page(lines, bottoms, max(widths[len(widths) // 2], 1.0), min(r[0] for r in runs))


def _paragraph_step(pages: list[_Page]) -> float:
    """The step from one line of a paragraph to the next, over the whole document (a page of
    headings and short paragraphs alone would mislead): the smallest step that many steps
    share, within a tenth (headings and the room between paragraphs make larger ones; a
    superscript, a rare smaller one)."""
    steps = sorted(
        above - below for page in pages for above, below in pairwise(page.bottoms) if above > below
    )
    enough = max(2, len(steps) // 10)
    high = 0
    for low, step in enumerate(steps):
        while high < len(steps) and steps[high] <= step * 1.1:
            high += 1
        if high - low >= enough:
            return step
    return steps[len(steps) // 2] if steps else 0.0


def _laid_out(page: _Page, step: float) -> str:
    """The page's text laid out as on the page, as `pdftotext -layout` does: each run of text
    at its column (so two columns stay apart by a wide gap), a blank line where the page
    leaves more room between lines than between the lines of a paragraph."""
    out: list[str] = []
    char, margin, bottoms = page.char, page.margin, page.bottoms
    for number, line in enumerate(page.lines):
        if number and step and bottoms[number - 1] - bottoms[number] > step * 1.35:
            out.append("")
        text = ""
        edge = margin
        for left, _, right, _, words in sorted(line):
            column = round((left - margin) / char)
            if not text:
                text = " " * column
            elif left - edge >= 2 * char:  # a gap between columns, not between words
                text += " " * max(column - len(text), 3)
            else:
                text += " "
            text += words
            edge = right
        out.append(text.rstrip())
    return "\n".join(out)


def _pdfium_reason(error: Exception) -> str:
    message = str(error)
    if "password" in message.lower():
        return "it is encrypted with a password"
    import re

    found = re.search(r"PDFium:\s*([^)]*)", message)
    reason = found.group(1).strip().rstrip(".") if found else ""
    if not reason or reason.lower() == "success":
        return "it is damaged or not a PDF"
    return f"it is damaged or not a PDF ({reason.lower()})"


def _main() -> int:
    raw = read_capped(sys.stdin.buffer, MAX_PDF_BYTES + 1)
    try:
        text = _read(raw)
    except CwprofileError as error:
        print(error, file=sys.stderr)
        return 1
    except MemoryError:
        print("it needs more memory than it may take", file=sys.stderr)
        return 1
    except Exception as error:
        print(f"it is damaged ({type(error).__name__})", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
