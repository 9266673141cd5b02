"""``python -m grader watch`` in a real terminal: a pty (pexpect) read through a VT100
emulator (pyte), so the tests assert what a student's screen shows after each save."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from grader import course
from grader.report_text import PASTE_HEADER

pexpect = pytest.importorskip("pexpect", reason="pexpect drives watch in a pty (pip install pexpect)")
pyte = pytest.importorskip("pyte", reason="pyte reads the pty's screen (pip install pyte)")

ROOT = Path(__file__).resolve().parent.parent
ROWS, COLUMNS = 50, 120

STUB_MSE = '''    raise NotImplementedError(
        "mse is not written yet'''
WRONG_MSE = '''    return ((pred - target) ** 2).sum()  # the sum, not the mean
''' + STUB_MSE
RIGHT_MSE = '''    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError(f"shapes {tuple(pred.shape)} and {tuple(target.shape)}")
    return ((pred - target) ** 2).mean()
''' + STUB_MSE


class Terminal:
    """A watch process in a pty, and the screen it draws."""

    def __init__(self, submission: Path, *names: str, cache: Path) -> None:
        env = dict(os.environ, GRADER_CACHE_DIR=str(cache), TERM="xterm", COLUMNS=str(COLUMNS),
                   LINES=str(ROWS))
        self.transcript = ""
        self.child = pexpect.spawn(sys.executable, ["-m", "grader", "watch", *names, "--submission", str(submission)],
                                   cwd=str(ROOT), env=env, dimensions=(ROWS, COLUMNS), encoding="utf-8",
                                   codec_errors="replace")
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.Stream(self.screen)

    def pump(self, seconds: float = 0.1) -> bool:
        """Read what the program writes for this long; whether it wrote anything."""
        end = time.monotonic() + seconds
        wrote = False
        while time.monotonic() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
            self.transcript += data
            self.stream.feed(data)
            wrote = True
        return wrote

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, pattern: str, timeout: float = 120) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if re.search(pattern, self.text):
                while self.pump(0.3):  # the whole frame, not half of it
                    pass
                if re.search(pattern, self.text):
                    return self.text
            if not self.child.isalive():
                break
        raise AssertionError(f"the screen never showed {pattern!r}; it shows:\n{self.text}")

    def finish(self, timeout: float = 30) -> int:
        self.child.expect(pexpect.EOF, timeout=timeout)
        self.transcript += self.child.before or ""
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else 128 + self.child.signalstatus


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    return folder


def save(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new, 1), encoding="utf-8")


def test_wrong_then_right_save_and_the_keys(submission: Path, tmp_path: Path) -> None:
    stub = (submission / "l01_regression.py").read_text(encoding="utf-8")
    term = Terminal(submission, "l01_regression", cache=tmp_path / "cache")
    try:
        screen = term.wait_for(r"Course total 0 / 100")
        term.wait_for(r"▶ mae .*\n\s+· not yet implemented")
        assert "h hint · n next unfinished · a check all · q quit" in term.text

        save(submission / "l01_regression.py", STUB_MSE, WRONG_MSE)
        screen = term.wait_for(r"mse: not started → fails")
        assert re.search(r"▶ mse · Lecture 1: Regression", screen)
        assert "✗ failed" in screen
        assert "failed: matches the reference on random inputs" in screen
        assert PASTE_HEADER in screen
        assert re.search(r"^mse\(pred=pred, target=target\)$", screen, re.M)  # the input, flush left
        assert re.search(r"Expected: tensor of shape \(\)", screen)
        assert "Course total" in screen and f"of {len(course.EXERCISES)} functions pass" in screen

        (submission / "l01_regression.py").write_text(stub.replace(STUB_MSE, RIGHT_MSE, 1), encoding="utf-8")
        screen = term.wait_for(r"mse: fails → passes")
        assert "✓ passed · 3/3 points" in screen
        assert "Smallest failing input" not in screen  # only what is true now
        assert "Next unfinished: hard_sigmoid — press n" in screen
        term.wait_for(r"Course total 3 / 100")

        # Saved in the middle of typing: one line, and the last results stay.
        source = (submission / "l01_regression.py").read_text(encoding="utf-8")
        (submission / "l01_regression.py").write_text(source.replace("** 2).mean()", "** 2).mean(", 1),
                                                      encoding="utf-8")
        screen = term.wait_for(r"l01_regression\.py line \d+: .* — not checked; fix it and save again")
        assert len([line for line in screen.splitlines() if "l01_regression.py line" in line]) == 1
        assert "Traceback" not in screen and "✓ passed · 3/3 points" in screen

        term.child.send("h")
        screen = term.wait_for(r"Hint 1 of 4:")
        assert "http://127.0.0.1:8000/l01_regression/#mse" in screen
        term.child.send("h")
        term.wait_for(r"Hint 2 of 4:")

        term.child.send("n")
        screen = term.wait_for(r"▶ hard_sigmoid ")
        assert "Hint" not in screen  # the hints were for mse

        term.child.send("a")
        screen = term.wait_for(r"Run \d+ · \S+ · check all")
        term.wait_for(r"check all\n(?:.*\n)*.*l01_regression\.py line \d+|could not be loaded", timeout=120)

        term.child.send("q")
        assert term.finish() == 0
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)
    assert "Traceback" not in term.transcript


def test_ctrl_c_exits_cleanly_and_the_results_are_kept(submission: Path, tmp_path: Path) -> None:
    save(submission / "l01_regression.py", STUB_MSE, RIGHT_MSE)
    cache = tmp_path / "cache"
    term = Terminal(submission, "mse", cache=cache)
    try:
        term.wait_for(r"✓ passed · 3/3 points")
        term.child.sendintr()
        status = term.finish()
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)
    assert status in (0, 130)
    assert "Traceback" not in term.transcript and "KeyboardInterrupt" not in term.transcript
    assert "Stopped watching" in term.transcript

    # The next watch starts from the stored result: nothing changed, nothing to check.
    again = Terminal(submission, "mse", cache=cache)
    try:
        screen = again.wait_for(r"✓ passed · 3/3 points")
        assert "(from last time)" in screen or "unchanged since last time" in screen
        again.child.send("q")
        assert again.finish() == 0
    finally:
        if again.child.isalive():
            again.child.terminate(force=True)


def test_a_renamed_file_is_named_on_screen(submission: Path, tmp_path: Path) -> None:
    term = Terminal(submission, "mse", cache=tmp_path / "cache")
    try:
        term.wait_for(r"▶ mse .*\n\s+· not yet implemented")
        (submission / "l01_regression.py").rename(submission / "l01_regresion.py")
        screen = term.wait_for(r"expected l01_regression\.py, found l01_regresion\.py — rename it")
        assert "? missing" in screen
        term.child.send("q")
        assert term.finish() == 0
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)


def test_unknown_name_and_folder_are_one_line(tmp_path: Path) -> None:
    import subprocess

    for args, says in [(["watch", "msee"], "unknown function or module 'msee'"),
                       (["watch", "--submission", str(tmp_path / "nope")], "no such directory")]:
        finished = subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True,
                                  text=True, timeout=120)
        assert finished.returncode == 2
        assert says in finished.stderr and len(finished.stderr.strip().splitlines()) == 1
