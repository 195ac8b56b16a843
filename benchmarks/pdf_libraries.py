"""Which PDF text library `import` uses, by measurement: layout fidelity and cost.

For each candidate it reads PDFs built in ITU-like layouts (tests/pdfbuild.py: title block,
two-column background, running header, page-number footer, three pages) from the Cambodia
source text and from the test profile in ITU's template, imports the text it gets, and
compares with importing the source text itself: the same document or not, and what differs.
Then it times each library on a report of many profiles in one PDF (a fresh process per run:
import of the library plus extraction), and prints the peak memory.

    pip install pdfminer.six pypdf        # the candidates not installed with cwprofile[pdf]
    python benchmarks/pdf_libraries.py [--profiles 60] [--runs 3]

Candidates missing from the environment are reported as such. Figures: README, "Importing PDFs".
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

# Each candidate: the code that prints the text of the PDF at sys.argv[1], pages apart by \f.
CANDIDATES = {
    "pypdfium2 (as cwprofile reads it)": (
        "pypdfium2",
        "Apache-2.0 or BSD-3-Clause (PDFium: BSD-3-Clause)",
        "from cwprofile.importer.pdf import _read\nprint(_read(open(sys.argv[1], 'rb').read()))",
    ),
    "pypdfium2 (plain text)": (
        "pypdfium2",
        "Apache-2.0 or BSD-3-Clause (PDFium: BSD-3-Clause)",
        "import pypdfium2 as p\nd = p.PdfDocument(sys.argv[1])\n"
        "print('\\f'.join(d[i].get_textpage().get_text_range() for i in range(len(d))))",
    ),
    "pdfminer.six": (
        "pdfminer",
        "MIT",
        "from pdfminer.high_level import extract_text\nprint(extract_text(sys.argv[1]))",
    ),
    "pypdf (plain)": (
        "pypdf",
        "BSD-3-Clause",
        "import pypdf\nr = pypdf.PdfReader(sys.argv[1])\n"
        "print('\\f'.join(page.extract_text() for page in r.pages))",
    ),
    "pypdf (layout mode)": (
        "pypdf",
        "BSD-3-Clause",
        "import pypdf\nr = pypdf.PdfReader(sys.argv[1])\n"
        "print('\\f'.join(page.extract_text(extraction_mode='layout') for page in r.pages))",
    ),
}


def extract(code: str, pdf: Path) -> tuple[str, float, int]:
    """The text, the wall time and the peak RSS (KiB) of one fresh process."""
    import time

    program = (
        "import sys\n" + code + "\n"
        # VmHWM starts anew at exec (ru_maxrss would carry this script's own).
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')),"
        " file=sys.stderr)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", program, str(pdf)], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    return done.stdout, elapsed, int(done.stderr.split()[-1])


def differences(expected: dict, found: dict, prefix: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(found, dict):
        out = []
        for key in expected:
            out += differences(expected[key], found.get(key), f"{prefix}{key}.")
        return out
    return [] if expected == found else [prefix.rstrip(".")]


def main() -> None:
    import importlib.util

    from cwprofile.errors import ImportFailed
    from cwprofile.importer.profile import import_text
    from tests.pdfbuild import build

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=60, help="profiles in the report PDF")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()

    cambodia = (ROOT / "tests" / "data" / "cambodia-source.txt").read_text(encoding="utf-8")
    malaysia = (ROOT / "tests" / "data" / "template_malaysia.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        pdfs = {
            "Cambodia": (build(cambodia), cambodia),
            "Cambodia, one column": (build(cambodia, columns=False), cambodia),
            "Malaysia (template)": (build(malaysia), malaysia),
        }
        report = Path(folder) / "report.pdf"
        report.write_bytes(build(*[cambodia, malaysia] * (arguments.profiles // 2)))
        results = {}
        for name, (module, licence, code) in CANDIDATES.items():
            if importlib.util.find_spec(module) is None:
                results[name] = {"missing": f"pip install {module}"}
                continue
            fidelity = {}
            for title, (content, source) in pdfs.items():
                path = Path(folder) / "one.pdf"
                path.write_bytes(content)
                text, _, _ = extract(code, path)
                expected = import_text(source, "source").document
                try:
                    found = import_text(text, "pdf").document
                except ImportFailed as error:
                    fidelity[title] = f"import fails: {error.problems[0]}"
                    continue
                wrong = differences(expected, found)
                fidelity[title] = "same profile" if not wrong else "differs: " + ", ".join(wrong)
            times = []
            peaks = []
            for _ in range(arguments.runs):
                _, elapsed, peak = extract(code, report)
                times.append(elapsed)
                peaks.append(peak)
            results[name] = {
                "licence": licence,
                "fidelity": fidelity,
                f"seconds for {arguments.profiles} profiles ({arguments.profiles * 3} pages)": round(
                    statistics.median(times), 2
                ),
                "peak RSS, MiB": round(min(peaks) / 1024, 1),
            }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
