"""Time cwprofile as whole processes against a floor, and report peak memory.

    python benchmarks/bench.py                   # 200, 2,000 and 20,000 profiles (long)
    python benchmarks/bench.py --quick           # fewer runs, for a first look
    python benchmarks/bench.py --sizes 200       # one size
    python benchmarks/bench.py --part cliff      # 50,000 profiles: no cliff (very long)
    python benchmarks/bench.py --part import     # the import's bounds and speed only

Each case runs as a fresh process; the figure is the median wall time of --runs runs and the
largest peak RSS (ru_maxrss of that child). The floor is `benchmarks/floor.py`, a bare Typer
app that parses one argument and prints it, run in turn with each case (floor, case, floor,
case, ...) so that both see the same machine; ratios are case / that floor. Profiles beyond the
bundled ones are synthetic (benchmarks/generate.py). Warm = the compiled library (a SQLite
database) is built and settled; cold = an empty cache folder: the database is built from the
files, and its size is compared with theirs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Output goes to /dev/null, so `show cambodia` renders plain text as for any pipe; the
# "(terminal)" case forces the rich rendering a person sees (FORCE_COLOR=1, 80 columns).
TERMINAL = " (terminal)"
RARE = "search Vientiane --json"  # a phrase of Cambodia's evidence, in no synthetic profile
CASES = (
    "show cambodia --json",
    "show cambodia",
    "show cambodia (terminal)",
    "report-contact kh --json",
    "indicator cirt --json",
    "compare --json",
    "countries --json",
    RARE,
)
# Queries whose output grows with the number of profiles.
GROWING = ("compare --json", "countries --json", "indicator cirt --json")


def target(case: str, size: int) -> tuple[float, float] | None:
    """(time ratio, memory ratio) a warm case must stay within, at most; None: reported only."""
    if case.endswith(TERMINAL):
        return (1.60, 1.60) if size <= 2000 else None  # most of it is importing rich
    if size <= 2000:
        return (1.10, 1.10) if case == "show cambodia --json" else (1.25, 1.25)
    if size <= 20000:
        if case in ("compare --json", "countries --json"):
            return (3.0, 3.0)
        return (1.5, 1.5)
    return (2.0, 2.0) if case == "show cambodia --json" else None


# A cold build: (seconds, MiB) at most, by size; and the database at most this many times
# the bytes of the profile files it was built from.
COLD = {2000: (1.5, 64), 20000: (15.0, 256)}
DATABASE_RATIO = 1.2


def _once(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    errors = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {errors}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command, environment, runs, floor, before=None):
    """Median wall seconds and peak RSS (MiB) of the command and of the floor, run in turn
    (floor, command, floor, command, ...) so that both see the same machine."""
    times, peaks, floor_times, floor_peaks = [], [], [], []
    for _ in range(runs):
        seconds, peak = _once(floor[0], floor[1])
        floor_times.append(seconds)
        floor_peaks.append(peak)
        if before:
            before()
        seconds, peak = _once(command, environment)
        times.append(seconds)
        peaks.append(peak)
    return (
        statistics.median(times),
        max(peaks),
        statistics.median(floor_times),
        max(floor_peaks),
    )


def cwprofile_package() -> str:
    found = subprocess.run(
        [sys.executable, "-c", "import cwprofile; print(cwprofile.__file__)"],
        check=True,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description="cwprofile start-up benchmark")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="7 runs a case")
    parser.add_argument("--sizes", default="200,2000,20000")
    parser.add_argument(
        "--part",
        choices=("queries", "cliff", "import", "all"),
        default="all",
        help="the queries against the floor, the 50,000-profile cliff check, the import's "
        "bounds and speed, or queries and import",
    )
    parser.add_argument("--work", type=Path, help="keep generated profiles here (reused)")
    arguments = parser.parse_args()
    runs = 7 if arguments.quick else arguments.runs
    sizes = [int(size) for size in arguments.sizes.split(",")]
    script = shutil.which("cwprofile", path=str(Path(sys.executable).parent)) or "cwprofile"
    # A pip-installed package has its bytecode compiled at install time; an editable one gets
    # it on first import, unless PYTHONDONTWRITEBYTECODE is set. Compile it, so that what is
    # measured is cwprofile running, not Python compiling it.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(cwprofile_package()).parent)],
        check=True,
    )
    work = arguments.work or Path(tempfile.mkdtemp(prefix="cwprofile-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        missed = 0
        if arguments.part in ("queries", "all"):
            missed += run(script, work, runs, sizes)
        if arguments.part == "cliff":
            missed += run(script, work, runs, [50000], cliff=True)
        if arguments.part in ("import", "all"):
            from imports import run as run_imports

            missed += run_imports(script, work, min(runs, 3))
        print(f"\n{'all targets held' if not missed else f'{missed} targets missed'}")
        return 1 if missed else 0
    finally:
        if arguments.work is None:
            shutil.rmtree(work, ignore_errors=True)


def profiles_folder(work: Path, size: int) -> Path:
    """`size` profiles: the bundled two and synthetic ones (generated once, in a child
    process, so that this one stays small: a child's peak RSS starts from its parent's)."""
    folder = work / f"profiles-{size}"
    if not folder.exists():
        partial = work / f"profiles-{size}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        generator = [sys.executable, str(HERE / "generate.py"), str(size - 2), str(partial)]
        subprocess.run(generator, check=True, capture_output=True)
        partial.rename(folder)
    return folder


def run(script: str, work: Path, runs: int, sizes: list[int], cliff: bool = False) -> int:
    base = {key: value for key, value in os.environ.items() if not key.startswith("CWPROFILE_")}
    import resource

    floor = ([sys.executable, str(HERE / "floor.py"), "cambodia"], base)
    _, _, floor_time, floor_memory = measure(*floor, runs, floor)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"python {sys.version.split()[0]}, {runs} runs a case, median wall time, peak RSS")
    print(f"floor (bare Typer app): {floor_time * 1000:.1f} ms, {floor_memory:.1f} MiB")
    # A child's ru_maxrss is at least what this process held when it forked: the figures
    # mean something only above this baseline.
    print(f"baseline (this script's own peak RSS): {baseline:.1f} MiB\n")
    if baseline >= floor_memory:
        raise SystemExit(
            "the benchmark process is larger than the floor: memory figures would be meaningless"
        )
    print(
        f"{'case':<27}{'profiles':>9}{'cache':>7}{'ms':>9}{'x floor':>9}{'MiB':>8}{'x floor':>9}  target"
    )
    failures = 0
    for size in sizes:
        folder = profiles_folder(work, size)
        cache_dir = work / f"cache-{size}"
        environment = {**base, "CWPROFILE_CACHE_DIR": str(cache_dir), "CWPROFILE_PATH": str(folder)}
        built, missed = cold(script, folder, cache_dir, environment, size)
        failures += missed
        # Settle: the files' stats are trusted two seconds after they were last written.
        time.sleep(2.2)
        seconds = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([script, "countries"], env=environment, check=True, capture_output=True)
            seconds.append(time.perf_counter() - start)
        # No cliff: the second warm run is as fast as the third, and both far below a build
        # (a cache written and never read would make every run one).
        steady = seconds[1] <= 1.5 * seconds[2] + 0.05 and max(seconds[1:]) < 0.25 * built
        print(
            f"{'warm runs 1, 2, 3':<27}{size:>9}{'':>7}  "
            + ", ".join(f"{s * 1000:.0f} ms" for s in seconds)
            + f"  {'ok' if steady else 'MISSED'} (no cliff)"
        )
        failures += not steady
        for case in CASES if not cliff else ("show cambodia --json", "countries --json"):
            terminal = case.endswith(TERMINAL)
            command = [script, *case.removesuffix(TERMINAL).split()]
            seconds, memory, floor_time, floor_memory = measure(
                command,
                {**environment, "FORCE_COLOR": "1", "COLUMNS": "80"} if terminal else environment,
                runs,
                floor,
            )
            time_ratio, memory_ratio = seconds / floor_time, memory / floor_memory
            limit = target(case, size)
            verdict, missed = against(
                limit, (time_ratio, memory_ratio), limit and f"{limit[0]:.2f}x, {limit[1]:.2f}x"
            )
            failures += missed
            print(
                f"{case:<27}{size:>9}{'warm':>7}{seconds * 1000:>9.1f}{time_ratio:>9.2f}"
                f"{memory:>8.1f}{memory_ratio:>9.2f}  {verdict}"
            )
    return failures


def judged(ok: bool, limit: str) -> str:
    return f"{'ok' if ok else 'MISSED'} (<= {limit})"


def against(
    limit: tuple[float, float] | None, measured: tuple[float, float], said: str | None
) -> tuple[str, int]:
    """The verdict on what was measured against a limit (no limit: no verdict), and 1 when
    the limit was missed."""
    if not limit:
        return "", 0
    ok = all(value <= bound for value, bound in zip(measured, limit, strict=True))
    return judged(ok, said or ""), int(not ok)


def cold(
    script: str, folder: Path, cache_dir: Path, environment: dict[str, str], size: int
) -> tuple[float, int]:
    """Build the database from the files, once (twice below 20,000: the better of two), and
    compare its size with theirs: the seconds it took, and the targets missed."""
    best = None
    for _ in range(1 if size >= 20000 else 2):
        shutil.rmtree(cache_dir, ignore_errors=True)
        seconds, memory = _once([script, "countries", "--json"], environment)
        best = min(best or (seconds, memory), (seconds, memory))
    seconds, memory = best
    files = sum(path.stat().st_size for path in folder.iterdir())
    (database,) = cache_dir.glob("cwprofile-*.sqlite")
    ratio = database.stat().st_size / files
    limit = COLD.get(size)
    verdict, failures = against(
        limit, (seconds, memory), limit and f"{limit[0]:.1f} s, {limit[1]} MiB"
    )
    print(
        f"{'cold build':<27}{size:>9}{'cold':>7}{seconds * 1000:>9.1f}{'':>9}{memory:>8.1f}{'':>9}  {verdict}"
    )
    ok = ratio <= DATABASE_RATIO
    failures += not ok
    print(
        f"{'database / profile files':<27}{size:>9}{'':>7}{ratio:>9.2f}x "
        f"({database.stat().st_size / 2**20:.1f} MiB of {files / 2**20:.1f})  "
        + judged(ok, f"{DATABASE_RATIO}x")
    )
    return seconds, failures


if __name__ == "__main__":
    raise SystemExit(main())
