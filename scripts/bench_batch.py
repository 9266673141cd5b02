"""How fast does ``grade-batch`` grade a class, against one cold ``grade``?

Builds a class of correct and buggy submissions (the solutions, the stubs, and
the solutions with one mutant from tests/mutants/ swapped in), grades it, and
prints, measured in one run:

- submissions per minute (goal on 2 cores: >= 60),
- the marginal cost of one more submission as a ratio to one cold
  ``python -m grader grade`` (the median of three; goal: <= 0.25).

    python scripts/bench_batch.py [--students 100] [--jobs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_class(root: Path, size: int) -> None:
    mutants = sorted((ROOT / "tests" / "mutants").glob("*/*__*.py"))
    for i in range(size):
        student = root / f"student{i:04d}"
        if i % 10 == 0:
            shutil.copytree(ROOT / "exercises", student)  # nothing done yet
            continue
        shutil.copytree(ROOT / "solutions", student)
        if i % 3:  # two in three carry a bug (or a differently written correct version)
            mutant = mutants[(i * 7) % len(mutants)]
            shutil.copy(mutant, student / f"{mutant.parent.name}.py")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_class(tmp / "class", args.students)
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        # The median of three cold grades: a single one varies by ±10 % on a busy machine.
        cold = statistics.median(
            timed([python, "-m", "grader", "grade", "--submission", str(tmp / "class" / "student0001"),
                   "--output", str(tmp / "one.json")])
            for _ in range(3)
        )
        one = timed([python, "-m", "grader", "grade-batch", "--submissions", str(tmp / "class"),
                     "--output", str(tmp / "one"), "--shard", f"1/{args.students}", *jobs])
        everyone = timed([python, "-m", "grader", "grade-batch", "--submissions", str(tmp / "class"),
                          "--output", str(tmp / "all"), *jobs])
    per_minute = args.students / everyone * 60
    marginal = (everyone - one) / (args.students - 1)
    print(f"one cold grade                    {cold:7.2f} s")
    print(f"grade-batch, {args.students} submissions     {everyone:7.2f} s   {per_minute:6.1f} per minute (goal >= 60)")
    print(f"marginal cost of one submission   {marginal:7.2f} s   {marginal / cold:6.2f}x a cold grade (goal <= 0.25)")


if __name__ == "__main__":
    main()
