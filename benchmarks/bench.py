"""Time cwprofile as whole processes against a floor, and report peak memory.

    python benchmarks/bench.py                # the full run (takes a few minutes)
    python benchmarks/bench.py --quick        # fewer runs, for a first look
    python benchmarks/bench.py --part import  # the import's bounds and speed only

Each case runs as a fresh process; the figure is the median wall time of --runs runs and the
largest peak RSS (ru_maxrss of that child). The floor is `benchmarks/floor.py`, a bare Typer
app that parses one argument and prints it, run in turn with each case (floor, case, floor,
case, ...) so that both see the same machine; ratios are case / that floor. Profiles beyond the
bundled one are synthetic (benchmarks/generate.py). Warm = the compiled cache is built;
cold = an empty cache folder for every run.
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

TARGETS = {
    # (case, profiles, cache): (time ratio, memory ratio) at most
    ("show cambodia --json", 400, "warm"): (1.10, 1.10),
    ("indicator cirt --json", 400, "warm"): (1.25, 1.25),
    ("compare", 400, "warm"): (1.25, 1.25),
    ("show cambodia", 400, "warm"): (1.25, 1.25),
    # What a person sees: rich, the layout to the width; most of it is importing rich.
    ("show cambodia (terminal)", 400, "warm"): (1.60, 1.60),
}
COLD_SECONDS = 2.5  # a cold first run over 400 profiles, at most
# Output goes to /dev/null, so `show cambodia` renders plain text as for any pipe; the
# "(terminal)" case forces the rich rendering a person sees (FORCE_COLOR=1, 80 columns).
TERMINAL = " (terminal)"
CASES = (
    "show cambodia --json",
    "show cambodia",
    "show cambodia (terminal)",
    "indicator cirt --json",
    "compare",
)


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
    parser.add_argument("--sizes", default="1,200,400")
    parser.add_argument(
        "--part",
        choices=("queries", "import", "all"),
        default="all",
        help="the queries against the floor, the import's bounds and speed, or both",
    )
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
    work = Path(tempfile.mkdtemp(prefix="cwprofile-bench-"))
    try:
        missed = run(script, work, runs, sizes) if arguments.part != "import" else 0
        if arguments.part != "queries":
            from imports import run as run_imports

            missed += run_imports(script, work, min(runs, 3))
        print(f"\n{'all targets held' if not missed else f'{missed} targets missed'}")
        return 1 if missed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(script: str, work: Path, runs: int, sizes: list[int]) -> int:
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
        folder = work / f"profiles-{size}"
        folder.mkdir()
        if size > 1:
            # In a child process: this one stays small, because a child's peak RSS starts
            # from its parent's size at fork (see `baseline` below).
            generator = [sys.executable, str(HERE / "generate.py"), str(size - 1), str(folder)]
            subprocess.run(generator, check=True, capture_output=True)
        for cache in ("warm", "cold"):
            cache_dir = work / f"cache-{size}-{cache}"
            environment = {
                **base,
                "CWPROFILE_CACHE_DIR": str(cache_dir),
                "CWPROFILE_PATH": str(folder),
            }
            if cache == "warm":
                subprocess.run(
                    [script, "countries"], env=environment, check=True, capture_output=True
                )
                time.sleep(2.2)  # let the files settle so the cache trusts their stat
                subprocess.run(
                    [script, "countries"], env=environment, check=True, capture_output=True
                )

            def clear(cache_dir: Path = cache_dir) -> None:
                shutil.rmtree(cache_dir, ignore_errors=True)

            for case in CASES:
                terminal = case.endswith(TERMINAL)
                command = [script, *case.removesuffix(TERMINAL).split()]
                seconds, memory, floor_time, floor_memory = measure(
                    command,
                    {**environment, "FORCE_COLOR": "1", "COLUMNS": "80"}
                    if terminal
                    else environment,
                    runs,
                    floor,
                    clear if cache == "cold" else None,
                )
                time_ratio, memory_ratio = seconds / floor_time, memory / floor_memory
                verdict = ""
                target = TARGETS.get((case, size, cache))
                if target:
                    ok = time_ratio <= target[0] and memory_ratio <= target[1]
                    verdict = f"{'ok' if ok else 'MISSED'} (<= {target[0]:.2f}x, {target[1]:.2f}x)"
                    failures += not ok
                elif cache == "cold" and size == 400:
                    ok = seconds <= COLD_SECONDS
                    verdict = f"{'ok' if ok else 'MISSED'} (<= {COLD_SECONDS} s)"
                    failures += not ok
                print(
                    f"{case:<27}{size:>9}{cache:>7}{seconds * 1000:>9.1f}{time_ratio:>9.2f}"
                    f"{memory:>8.1f}{memory_ratio:>9.2f}  {verdict}"
                )
    return failures


if __name__ == "__main__":
    raise SystemExit(main())
