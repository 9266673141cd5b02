"""How long from a save to the verdict on screen in `python -m grader watch`?

Runs `watch mse` in a pty on a copy of exercises/, saves a wrong and a right mse in
turn, and times each save until the screen (read through a VT100 emulator) shows
the new verdict. Prints the medians as a ratio to a bare `python -c "import torch"`
(goal <= 0.5: the watcher keeps torch loaded).

    python scripts/bench_watch.py [--saves N] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parent.parent
STUB = '''    raise NotImplementedError(
        "mse 还没有写'''
WRONG = "    return ((pred - target) ** 2).sum()\n" + STUB
RIGHT = '''    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("shapes differ")
    return ((pred - target) ** 2).mean()
''' + STUB


def import_torch_seconds(repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Screen:
    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(120, 50)
        self.stream = pyte.Stream(self.screen)

    def wait_for(self, pattern: str, timeout: float = 120) -> float:
        """Read the pty until the screen matches; the time it did."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.01))
            except pexpect.TIMEOUT:
                pass
            if re.search(pattern, "\n".join(self.screen.display)):
                return time.perf_counter()
        raise SystemExit(f"the screen never showed {pattern!r}:\n" + "\n".join(self.screen.display))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=6, help="saves timed (wrong and right in turn)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of `import torch` timed")
    args = parser.parse_args()
    torch_import = import_torch_seconds(args.repeat)

    work = Path(tempfile.mkdtemp(prefix="bench-watch-"))
    submission = work / "exercises"
    shutil.copytree(ROOT / "exercises", submission)
    env = dict(os.environ, GRADER_CACHE_DIR=str(work / "cache"), TERM="xterm")
    target = submission / "l01_regression.py"
    stub = target.read_text(encoding="utf-8")
    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "grader", "watch", "mse", "--submission", str(submission)],
                          cwd=str(ROOT), env=env, dimensions=(50, 120), encoding="utf-8", codec_errors="replace")
    screen = Screen(child)
    ready = screen.wait_for(r"not started") - started
    times: dict[str, list[float]] = {"wrong": [], "right": []}
    try:
        for save in range(args.saves):
            kind = "wrong" if save % 2 == 0 else "right"
            time.sleep(0.5)  # let the previous run settle, as between a student's saves
            saved = time.perf_counter()
            target.write_text(stub.replace(STUB, WRONG if kind == "wrong" else RIGHT, 1), encoding="utf-8")
            verdict = r"mse: .*→ fails" if kind == "wrong" else r"mse: .*→ passes"
            times[kind].append(screen.wait_for(rf"Run {save + 2} ·.*\n(.*\n)*.*{verdict}") - saved)
        child.send("q")
        child.expect(pexpect.EOF, timeout=30)
    finally:
        if child.isalive():
            child.terminate(force=True)
        shutil.rmtree(work, ignore_errors=True)

    every = times["wrong"] + times["right"]
    if os.environ.get("BENCH_VERBOSE"):
        print({k: [round(v, 2) for v in vs] for k, vs in times.items()})
    median = statistics.median(every)
    print(f"import torch (bare interpreter)        {torch_import:6.2f} s")
    print(f"watch start to first screen            {ready:6.2f} s")
    for kind, label in (("wrong", "save -> verdict, wrong mse (fails)"), ("right", "save -> verdict, right mse (passes)")):
        if times[kind]:
            value = statistics.median(times[kind])
            print(f"{label:<38} {value:6.2f} s   {value / torch_import:4.2f}x")
    print(f"save -> verdict, median of {len(every)} saves       {median:6.2f} s   "
          f"{median / torch_import:4.2f}x  (goal <= 0.5x)")


if __name__ == "__main__":
    main()
