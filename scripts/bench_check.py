"""How fast is `python -m grader check`, against a bare `import torch`?

Prints wall-clock ratios measured in one run (goals: whole course ≤ 3×, one
function ≤ 1.5×). Each command runs a few times; the median counts.

    python scripts/bench_check.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    torch_import = median_seconds([python, "-c", "import torch"], args.repeat)
    course = median_seconds([python, "-m", "grader", "check", "--submission", "solutions"], args.repeat)
    one = median_seconds([python, "-m", "grader", "check", "mse", "--submission", "solutions"], args.repeat)
    print(f"import torch                      {torch_import:6.2f} s")
    print(f"check, whole course (solutions)   {course:6.2f} s   {course / torch_import:4.2f}x  (goal <= 3x)")
    print(f"check mse                         {one:6.2f} s   {one / torch_import:4.2f}x  (goal <= 1.5x)")


if __name__ == "__main__":
    main()
