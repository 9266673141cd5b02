"""Time a full, strict build of the course site, both languages (goal: at most 15 s on 2 cores).

    python scripts/bench_site_build.py            # 3 builds, prints each and the best
    python scripts/bench_site_build.py --runs 1 --instructor

Each run is a fresh process (`python -m mkdocs build --strict`) into a new temporary
folder, so nothing is reused between runs (mkdocs-jupyter's cache is off in mkdocs.yml).
The first run also pays for cold disk caches and jieba's dictionary cache, so the
report shows every run, with the pages each language got (Chinese at the root, English
under en/: one build makes both). Exit status 1 when the best run is over the goal.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 15.0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pages_per_language(site: Path) -> dict[str, int]:
    english = sum(1 for _ in (site / "en").rglob("index.html")) if (site / "en").is_dir() else 0
    return {"zh": sum(1 for _ in site.rglob("index.html")) - english, "en": english}


def build_once(instructor: bool) -> tuple[float, float, dict[str, int]]:
    """(wall-clock seconds, CPU seconds, pages per language) of one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COURSE_INSTRUCTOR": "1" if instructor else "0"}
    with tempfile.TemporaryDirectory(prefix="site-bench-") as out:
        cpu = children_cpu()
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", out],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )
        elapsed = time.perf_counter() - start
        cpu = children_cpu() - cpu
        pages = pages_per_language(Path(out))
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"the build failed (exit {result.returncode})")
    return elapsed, cpu, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="number of builds (default 3)")
    parser.add_argument("--instructor", action="store_true", help="time the instructor build")
    args = parser.parse_args(argv)

    kind = "instructor" if args.instructor else "student"
    load = os.getloadavg()[0]
    print(f"full strict build of the {kind} site, {os.cpu_count()} CPUs, load average {load:.1f}, "
          f"Python {sys.version.split()[0]}")
    times = []
    for run in range(1, args.runs + 1):
        elapsed, cpu, pages = build_once(args.instructor)
        times.append(elapsed)
        counts = ", ".join(f"{count} {lang}" for lang, count in pages.items())
        print(f"  run {run}: {elapsed:6.2f} s wall clock, {cpu:6.2f} s CPU ({counts} pages)")
    best = min(times)
    verdict = "ok" if best <= GOAL_SECONDS else "OVER THE GOAL"
    print(f"full build: best {best:.2f} s, worst {max(times):.2f} s (goal <= {GOAL_SECONDS:g} s): {verdict}")
    return 0 if best <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
