"""The import's bounds and speed, as whole processes (`python benchmarks/bench.py --part import`).

Targets (issue 15): a 16 MiB text of any shape ends within 20 s (a profile, or one clean
line); a normal profile text imports at 1 MB/s or faster; a PDF at 20 pages/s or faster.
The texts are made by tests/textbuild.py: ITU's template (tests/data/cambodia-source.txt)
under other countries' names for a report of many profiles, and the shapes that were slow:
thousands of title lines, millions of short lines, one 8 MB paragraph, a 16 MiB line. The
PDF is built with fpdf2 (tests/pdfbuild.py, the test extras). Each figure is the median of
--runs runs and the largest peak RSS; a floor (a bare Typer app) is shown for scale.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
SHAPE_SECONDS = 20.0  # a 16 MiB text of any shape, at most
TEXT_RATE = 1.0  # MB/s of profile text, at least
PDF_RATE = 20.0  # pages/s, at least


def _run(arguments: list[str], environment: dict[str, str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _median(arguments, environment, runs):
    found = [_run(arguments, environment) for _ in range(runs)]
    return (
        statistics.median(seconds for seconds, _, _ in found),
        max(peak for _, peak, _ in found),
        {code for _, _, code in found},
    )


def write_inputs(folder: Path) -> None:
    """The inputs, written by a child process: a child's peak RSS starts from its parent's
    size, so the process that measures never holds them."""
    sys.path.insert(0, str(ROOT))
    import pypdfium2

    from tests.pdfbuild import build
    from tests.textbuild import SHAPES, profiles, shape

    for number, name in enumerate(SHAPES):
        (folder / f"shape-{number}.txt").write_text(shape(name), encoding="utf-8")
    (folder / "report.txt").write_text("\n".join(profiles(200)), encoding="utf-8")
    (folder / "report.pdf").write_bytes(build(*profiles(100)))
    pages = len(pypdfium2.PdfDocument(str(folder / "report.pdf")))
    (folder / "pages").write_text(str(pages), encoding="utf-8")


def run(script: str, work: Path, runs: int) -> int:
    """Print the figures; the number of targets missed."""
    sys.path.insert(0, str(ROOT))
    from tests.textbuild import SHAPES as names

    inputs = work / "inputs"
    inputs.mkdir()
    subprocess.run([sys.executable, __file__, str(inputs)], check=True)
    environment = {key: value for key, value in os.environ.items() if key != "CWPROFILE_PATH"}
    environment["CWPROFILE_CACHE_DIR"] = str(work / "cache")
    floor = [sys.executable, str(Path(__file__).parent / "floor.py"), "x"]
    floor_seconds, floor_peak, _ = _median(floor, environment, runs)
    print(
        f"\nimport ({runs} runs a case; floor {floor_seconds * 1000:.0f} ms, {floor_peak:.1f} MiB)"
    )
    print(f"{'case':<36}{'input':>12}{'s':>8}{'rate':>15}{'MiB':>8}{'exit':>6}  target")
    missed = 0

    def case(name: str, path: Path, size: float, unit: str, ok, target: str) -> None:
        nonlocal missed
        out = work / "out"
        arguments = [script, "import", str(path), "-o", f"{out}/", "--force", "--json"]
        seconds, peak, codes = _median(arguments, environment, runs)
        verdict = ok(seconds, size / seconds)
        missed += not verdict
        exits = ",".join(str(code) for code in sorted(codes))
        print(
            f"{name:<36}{f'{size:.1f} {unit}':>12}{seconds:>8.2f}"
            f"{f'{size / seconds:.1f} {unit}/s':>15}{peak:>8.1f}{exits:>6}  "
            f"{'ok' if verdict else 'MISSED'} ({target})"
        )

    for number, name in enumerate(names):
        path = inputs / f"shape-{number}.txt"
        size = path.stat().st_size / MIB
        target = f"<= {SHAPE_SECONDS:.0f} s"
        case(name, path, size, "MiB", lambda s, _: s <= SHAPE_SECONDS, target)
    report = inputs / "report.txt"
    target = f">= {TEXT_RATE:.0f} MB/s"
    megabytes = report.stat().st_size / 1e6
    case(
        "a report of 200 profiles (text)",
        report,
        megabytes,
        "MB",
        lambda _, r: r >= TEXT_RATE,
        target,
    )
    pages = int((inputs / "pages").read_text(encoding="utf-8"))
    target = f">= {PDF_RATE:.0f} pages/s"
    pdf = inputs / "report.pdf"
    case("a report of 100 profiles (PDF)", pdf, pages, "pages", lambda _, r: r >= PDF_RATE, target)
    return missed


if __name__ == "__main__":
    write_inputs(Path(sys.argv[1]))
