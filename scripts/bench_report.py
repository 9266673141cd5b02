"""How long does ``python -m grader report`` take on a large class?

Grades a small class of correct, unfinished and buggy submissions (the stubs, with
one module carrying a mutant from tests/mutants/, or the solutions), then
synthesises a class of ``--students`` results files from it: each synthetic
student takes each exercise's verdict from one graded student drawn at random,
so failures, waits and stubs mix as in a real class and the misconceptions are
real ones. Times the whole command (start-up, reading, page, feedback files and
exports), wall clock and CPU, and prints their ratios to the goal (1,000 students
in 10 s on 2 cores).

    python scripts/bench_report.py [--students 1000] [--graded OUTDIR] [--repeat 3]

``--graded`` uses a folder grade-batch already wrote instead of grading one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.class_report.reading import read_class  # noqa: E402
from grader.results import results_json, write_results  # noqa: E402

GOAL_SECONDS = 10.0
GOAL_STUDENTS = 1000


def build_small_class(root: Path, mutants_per_module: int = 2) -> None:
    """The solutions, the stubs, and per module a few mutants, each in the stubs."""
    shutil.copytree(ROOT / "solutions", root / "correct")
    shutil.copytree(ROOT / "exercises", root / "not_started")
    for module in sorted((ROOT / "tests" / "mutants").iterdir()):
        wrong = [p for p in sorted(module.glob("*__*.py")) if not p.stem.split("__")[1].startswith("ok_")]
        for mutant in wrong[:: max(1, len(wrong) // mutants_per_module)][:mutants_per_module]:
            student = root / mutant.stem
            shutil.copytree(ROOT / "exercises", student)
            reference = (ROOT / "solutions" / f"{module.name}.py").read_text(encoding="utf-8")
            body = "\n".join(line for line in mutant.read_text(encoding="utf-8").splitlines()
                             if not line.startswith("from __future__"))
            (student / f"{module.name}.py").write_text(f"{reference}\n\n{body}\n", encoding="utf-8")


def grade(submissions: Path, output: Path) -> None:
    subprocess.run([sys.executable, "-m", "grader", "grade-batch", "--submissions", str(submissions),
                    "--output", str(output)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def synthesise(graded: Path, output: Path, students: int, seed: int = 0) -> None:
    """``students`` results files mixing the graded students' verdicts, exercise by exercise."""
    pool = read_class(graded).submissions
    rng = random.Random(seed)
    output.mkdir(parents=True)
    exercises = len(pool[0].results)
    for i in range(students):
        results = [rng.choice(pool).results[e] for e in range(exercises)]
        seconds = rng.choice(pool).seconds * rng.uniform(0.8, 1.2)
        write_results(output / f"student{i:04d}.json", results_json(results, seconds, seed=pool[0].seed))
    (output / ".grade-batch.json").write_text(json.dumps({"seed": pool[0].seed}) + "\n", encoding="utf-8")


def timed_report(folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one ``report`` command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "grader", "report", str(folder)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=GOAL_STUDENTS)
    parser.add_argument("--graded", type=Path, default=None, metavar="OUTDIR")
    parser.add_argument("--repeat", type=int, default=3, help="report this many times; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        graded = args.graded
        if graded is None:
            build_small_class(tmp / "small")
            graded = tmp / "graded"
            print("grading a small class to draw verdicts from...", file=sys.stderr)
            grade(tmp / "small", graded)
        synthesise(graded, tmp / "class", args.students)
        runs = [timed_report(tmp / "class") for _ in range(args.repeat)]
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    goal = GOAL_SECONDS * args.students / GOAL_STUDENTS
    print(f"report for {args.students} students: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(median of {len(runs)}; load average {os.getloadavg()[0]:.1f})")
    # On a machine shared with other work the wall clock waits for the CPU; the CPU
    # time is what the report itself costs (it runs in one process).
    print(f"ratio to the goal ({goal:g} s): {wall / goal:.2f} wall, {cpu / goal:.2f} CPU (<= 1 meets it)")


if __name__ == "__main__":
    main()
