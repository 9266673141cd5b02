"""``python -m grader watch``: its screen fitted to a terminal's size (the fitting is a
pure function, tested on verdicts built here), its schedule, and the command in a real
terminal: a pty (pexpect) read through a VT100 emulator (pyte), so the tests assert
what a student's screen shows after each save."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from grader import course
from grader.report_text import PASTE_HEADER
from grader.verdict import Argument, CheckVerdict, Counterexample, ExerciseVerdict, Kind, Role, Status
from grader.watch.schedule import Change, Run, Schedule, Trigger
from grader.watch.fit import Keep, Piece, Row, fit
from grader.watch.screen import View, frame

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English words

pexpect = pytest.importorskip("pexpect", reason="pexpect drives watch in a pty (pip install pexpect)")
pyte = pytest.importorskip("pyte", reason="pyte reads the pty's screen (pip install pyte)")

ROOT = Path(__file__).resolve().parent.parent
ROWS, COLUMNS = 50, 120

STUB_MSE = '''    raise NotImplementedError(
        "mse 还没有写'''
WRONG_MSE = '''    return ((pred - target) ** 2).sum()  # the sum, not the mean
''' + STUB_MSE
RIGHT_MSE = '''    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError(f"shapes {tuple(pred.shape)} and {tuple(target.shape)}")
    return ((pred - target) ** 2).mean()
''' + STUB_MSE


class Terminal:
    """A watch process in a pty, and the screen it draws."""

    def __init__(self, submission: Path, *names: str, cache: Path, rows: int = ROWS, columns: int = COLUMNS) -> None:
        env = dict(os.environ, GRADER_CACHE_DIR=str(cache), TERM="xterm")
        env.pop("COLUMNS", None), env.pop("LINES", None)  # the pty's own size, as a student's terminal has
        self.transcript = ""
        self.child = pexpect.spawn(sys.executable, ["-m", "grader", "watch", *names, "--submission", str(submission)],
                                   cwd=str(ROOT), env=env, dimensions=(rows, columns), encoding="utf-8",
                                   codec_errors="replace")
        self.screen = pyte.Screen(columns, rows)
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
        assert re.search(r"▶ mse · Lecture 1", screen)
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
        assert "http://127.0.0.1:8000/en/l01_regression/#mse" in screen
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


def test_in_chinese_the_screen_and_its_keys_speak_chinese(submission: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from languages import english_runs

    monkeypatch.setenv("COURSE_LANG", "zh")
    save(submission / "l01_regression.py", STUB_MSE, RIGHT_MSE)
    term = Terminal(submission, "mse", "mae", cache=tmp_path / "cache")
    try:
        screen = term.wait_for(r"✓ 通过 · 3/3 分 · (\d+) 项检查通过 \1 项")
        assert "h 提示 · n 下一个未完成 · a 全部重新检查 · q 退出" in screen and "课程总分 3 / 100" in screen
        term.child.send("n")
        screen = term.wait_for(r"▶ mae .*\n\s+· 尚未实现")
        assert "把模板里的 `raise NotImplementedError(...)` 换成你的代码，然后保存。" in screen
        assert "卡住了？按 h 看提示。" in screen
        (submission / "l01_regression.py").write_text("x = = 1\n", encoding="utf-8")  # Python says "invalid syntax"
        screen = term.wait_for(r"l01_regression\.py 第 \d+ 行：invalid syntax——未检查；改正后再保存一次")
        # Every line but the course map's own sentence on what to read (grader.course).
        own = [line for line in screen.splitlines() if not line.lstrip().startswith("阅读：")]
        assert english_runs("\n".join(own)) == [], screen
        term.child.send("q")
        assert term.finish() == 0
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)
    assert "已停止监视。查看你的课程地图：python -m grader progress" in term.transcript


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



MUTANTS = ROOT / "tests" / "mutants"


def test_80x24_a_long_failing_input_is_cut_and_the_verdict_stays(submission: Path, tmp_path: Path) -> None:
    term = Terminal(submission, "untargeted_attack", cache=tmp_path / "cache", rows=24, columns=80)
    try:
        term.wait_for(r"▶ untargeted_attack .*\n\s+· not yet implemented")
        wrong = MUTANTS / "l23_adversarial" / "untargeted_attack__one_step_too_few.py"
        (submission / "l23_adversarial.py").write_text(wrong.read_text(encoding="utf-8"), encoding="utf-8")
        screen = term.wait_for(r"untargeted_attack: not started → fails")
        lines = screen.splitlines()
        assert len(lines) <= 24  # the fit may leave a row free where a long line wraps short
        assert re.search(r"✗ failed · [\d.]+/5 points · \d of \d checks pass", screen)
        assert "failed: matches the reference iterate on a small model" in screen
        assert re.search(r"^    Wrong answer: ", screen, re.M)
        assert re.search(r"^    Expected: ", screen, re.M) and re.search(r"^    Received: ", screen, re.M)
        assert re.search(r"^    Hint: ", screen, re.M)
        assert "http://127.0.0.1:8000/en/l23_adversarial/#untargeted_attack" in screen
        assert re.search(r"^… \d+ input lines cut: python -m grader check untargeted_attack shows them all$",
                         screen, re.M)
        assert "mlp_classifier(W1=" not in screen and PASTE_HEADER not in screen
        assert lines[-1].startswith("h hint · n next unfinished") and "Course total" in lines[-2]
        term.child.send("q")
        assert term.finish() == 0
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)


WRITTEN_ADAGRAD = '''    if theta0.ndim != 1 or steps < 0:
        raise ValueError("theta0 must be 1-D and steps at least 0")
    theta, sq_sum, trajectory = theta0, torch.zeros_like(theta0), [theta0]
    for t in range(steps):
        theta, sq_sum = adagrad_step(theta, grad_fn(theta), sq_sum, t, lr, eps)
        trajectory.append(theta)
    return torch.stack(trajectory)
'''
STUB_ADAGRAD = '''    raise NotImplementedError(
        "adagrad 还没有写'''


def test_a_function_calling_a_stub_waits_and_names_the_one_to_write_first(submission: Path, tmp_path: Path) -> None:
    term = Terminal(submission, "l05_adaptive_lr", cache=tmp_path / "cache", rows=24, columns=80)
    try:
        term.wait_for(r"▶ adagrad_step .*\n\s+· not yet implemented")
        save(submission / "l05_adaptive_lr.py", STUB_ADAGRAD, WRITTEN_ADAGRAD + STUB_ADAGRAD)
        screen = term.wait_for(r"adagrad: not started → waiting on adagrad_step")
        assert re.search(r"▶ adagrad · Lecture 5", screen)
        assert "… waiting on adagrad_step · 0/3 points" in screen
        assert "write adagrad_step first" in screen
        assert "Press n to go to adagrad_step." in screen
        assert "functions pass · 1 waiting" in screen
        assert "not yet implemented" not in screen and "NotImplementedError" not in screen
        term.child.send("n")
        term.wait_for(r"▶ adagrad_step .*\n\s+· not yet implemented")
        term.child.send("q")
        assert term.finish() == 0
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)

# ---- the screen at a terminal's size, without a terminal ---------------------------------------

ATTACK = course.BY_NAME["untargeted_attack"]
ATTACK_HINT = ("Start at x0 itself (no random start); repeat exactly `steps` times: x + alpha * sign(∇ₓ e(y, "
               "model(x))), then project_linf(…, x0, eps). Take the gradient with respect to the current x.")


def _check(title: str, status: Status, role: Role = Role.VALUE, **found: object) -> CheckVerdict:
    return CheckVerdict(ATTACK.module, ATTACK.name, title, status, 1.0 if status is Status.PASSED else 0.0, 1.0,
                        role=role, **found)


def long_failure() -> ExerciseVerdict:
    """A wrong attack whose failing input holds a model too long for any screen."""
    weights = ", ".join(f"{0.123456789 * i:.16f}" for i in range(-12, 12))
    arguments = (Argument("model", f"mlp_classifier(W1=torch.tensor([[{weights}]]), b1=torch.tensor([{weights}]))"),
                 Argument("x0", "torch.tensor([[[[0.0]]]], dtype=torch.float64)"),
                 Argument("y", "torch.tensor([1], dtype=torch.int64)"),
                 Argument("eps", "0.25"), Argument("alpha", "0.125"), Argument("steps", "1"))
    example = Counterexample(ATTACK.module, ATTACK.name, arguments,
                             ("import torch", "from grader.fixtures import mlp_classifier"))
    wrong = _check(
        "matches the reference iterate on a small model", Status.FAILED, kind=Kind.WRONG,
        statement="The result is x^steps of the contract's iteration (at most 1% of the pixels may differ, "
                  "and only where a gradient is within rounding of 0); the shape and dtype of x0.",
        message="1 of 1 pixels differ from the reference iterate x^steps", counterexample=example,
        expected="tensor of shape (1, 1, 1, 1), torch.float64: torch.tensor([[[[0.125]]]], dtype=torch.float64)",
        received="tensor of shape (1, 1, 1, 1), torch.float64: torch.tensor([[[[0.0]]]], dtype=torch.float64)",
        details="first differing pixel at index [0, 0, 0, 0]", printed="step 0: loss 1.0986\n" * 3,
        hint=ATTACK_HINT)
    side = _check("leaves x0 unchanged", Status.FAILED, Role.SIDE, kind=Kind.WRONG, message="x0 changed",
                  counterexample=example, hint="a hint for another bug")
    return ExerciseVerdict(ATTACK, Status.FAILED, [side, wrong, _check("returns a detached tensor", Status.PASSED)])


def _watching(folder: Path, *results: ExerciseVerdict, focus: str) -> tuple[Schedule, View]:
    schedule = Schedule(folder, [e for e in course.EXERCISES if e.module == course.BY_NAME[focus].module])
    for result in results:
        schedule.results[result.exercise.name] = result
    schedule.run = Run(2, Trigger.SAVED, "01:02:03", [r.exercise.name for r in results],
                       [Change(None, r) for r in results], file=f"{course.BY_NAME[focus].module}.py")
    return schedule, View(focus=course.BY_NAME[focus])


def _flat(rows: list[Row]) -> str:
    """The screen's prose as one line: a sentence wrapped over rows reads whole again."""
    return " ".join(" ".join(row.text.split()) for row in rows)


def test_80x24_keeps_the_verdict_and_cuts_the_long_input_first(tmp_path: Path) -> None:
    result = long_failure()
    lead = result.lead
    assert lead is not None and lead.title == "matches the reference iterate on a small model"
    schedule, view = _watching(tmp_path, result, focus=ATTACK.name)
    rows = frame(schedule, view, 80, 24)
    assert len(rows) <= 24 and all(cell_len(row.text) <= 79 for row in rows)
    text = _flat(rows)
    assert "▶ untargeted_attack" in text and "✗ failed · 1/5 points · 1 of 3 checks pass" in text
    for kept in ("failed: matches the reference iterate on a small model",
                 "Wrong answer: 1 of 1 pixels differ from the reference iterate x^steps",
                 f"Expected: {lead.expected}", f"Received: {lead.received}", f"Hint: {ATTACK_HINT}",
                 "Property: The result is x^steps", ATTACK.url, "Course total", "q quit"):
        assert kept in text, kept
    assert "input lines cut: python -m grader check untargeted_attack shows them all" in text
    assert "mlp_classifier(W1=" not in text  # the long argument went first...
    assert PASTE_HEADER not in text  # ...and what is left of the input would not paste
    assert "a hint for another bug" not in text


def test_a_tall_screen_shows_the_input_whole(tmp_path: Path) -> None:
    result = long_failure()
    schedule, view = _watching(tmp_path, result, focus=ATTACK.name)
    rows = frame(schedule, view, 200, 60)
    text = "\n".join(row.text for row in rows)
    assert "input lines cut" not in text and PASTE_HEADER in text
    folded = "".join(row.text for row in rows)  # a line longer than the screen is folded at its edge
    for line in result.lead.counterexample.snippet().splitlines():
        assert line in folded
    assert "untargeted_attack(model=model, x0=x0, y=y, eps=eps, alpha=alpha, steps=steps)" in text.splitlines()
    assert "also failing, probably for the same reason: leaves x0 unchanged" in _flat(rows)


def test_into_a_pipe_the_frame_is_whole_and_names_no_keys(tmp_path: Path) -> None:
    result = long_failure()
    stub = ExerciseVerdict(course.BY_NAME["cross_entropy"], Status.NOT_WRITTEN, [], message="not yet implemented")
    schedule, view = _watching(tmp_path, result, stub, focus=ATTACK.name)
    view.keys = False
    text = "\n".join(row.text for row in frame(schedule, view, 101, None))
    assert "input lines cut" not in text and PASTE_HEADER in text
    assert "first differing pixel at index [0, 0, 0, 0]" in text and "step 0: loss 1.0986" in text
    assert "press" not in text.lower() and "q quit" not in text
    view.focus = stub.exercise
    text = "\n".join(row.text for row in frame(schedule, view, 101, None))
    assert "Replace the stub's" in text and "Press h" not in text


def _pieces() -> list[Piece]:
    return [Piece("▶ f · Lecture", "bold", 0, Keep.HEAD), Piece("✗ failed", "red", 2, Keep.HEAD),
            Piece("Wrong answer: off by one", "", 4), Piece("Property: it holds", "", 4, Keep.BRIEF),
            Piece(PASTE_HEADER, "", 4, Keep.PASTE),
            Piece("import torch", keep=Keep.IMPORT), Piece("from m import f", keep=Keep.IMPORT),
            Piece("x = torch.tensor([1.0])", keep=Keep.ARGUMENT), Piece("k = 2", keep=Keep.ARGUMENT),
            Piece("f(x=x, k=k)", keep=Keep.INPUT),
            Piece("Expected: 2.0", "", 4), Piece("largest error 1.0", "", 4, Keep.EXTRA),
            Piece("also failing: another check", "dim", 2, Keep.EXTRA), Piece("Hint: count from 0", "", 4)]


def test_short_arguments_outlast_the_notes_and_the_imports() -> None:
    pieces = _pieces()
    assert [row.text.strip() for row in fit(pieces, 120, len(pieces), "f")] == [p.text for p in pieces]
    texts = [row.text.strip() for row in fit(pieces, 120, len(pieces) - 2, "f")]
    assert "largest error 1.0" not in texts and "also failing: another check" not in texts
    assert PASTE_HEADER in texts and "import torch" in texts  # nothing of the input cut yet
    texts = [row.text.strip() for row in fit(pieces, 120, len(pieces) - 4, "f")]
    assert texts[texts.index("Property: it holds") + 1:texts.index("Expected: 2.0")] == [
        "… 2 input lines cut: python -m grader check f shows them all", "x = torch.tensor([1.0])", "k = 2",
        "f(x=x, k=k)"]
    texts = [row.text.strip() for row in fit(pieces, 120, 8, "f")]
    assert "… 4 input lines cut: python -m grader check f shows them all" in texts and "f(x=x, k=k)" in texts
    texts = [row.text.strip() for row in fit(pieces, 120, 7, "f")]
    assert texts == ["▶ f · Lecture", "✗ failed", "Wrong answer: off by one", "Property: it holds",
                     "… 5 input lines cut: python -m grader check f shows them all", "Expected: 2.0",
                     "Hint: count from 0"]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.tuples(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=400)
                                | st.sampled_from(["对抗攻击 " * 30, "x" * 300, "a\tb\nc"]),
                                st.sampled_from(list(Keep)), st.integers(0, 6)), max_size=20),
       width=st.integers(40, 160), rows=st.integers(0, 40))
def test_the_focus_block_never_outgrows_its_room(texts: list[tuple[str, Keep, int]], width: int, rows: int) -> None:
    pieces = [Piece(text, "", indent, keep) for text, keep, indent in texts]
    fitted = fit(pieces, width, rows, "mse")
    assert len(fitted) <= rows
    assert all(cell_len(row.text) <= width for row in fitted)


def waiting_verdict(name: str, first: str) -> ExerciseVerdict:
    exercise = course.BY_NAME[name]
    message = (f"{name} calls {first}, which is still a stub: write {first} first (and check it: "
               f"python -m grader check {first}).")
    return ExerciseVerdict(exercise, Status.WAITING, [], message=message, waiting_on=first)


def test_a_function_waiting_on_a_stub_names_the_one_to_write_first(tmp_path: Path) -> None:
    stub = ExerciseVerdict(course.BY_NAME["adagrad_step"], Status.NOT_WRITTEN, [], message="not yet implemented")
    schedule, view = _watching(tmp_path, stub, waiting_verdict("adagrad", "adagrad_step"), focus="adagrad")
    text = _flat(frame(schedule, view, 80, 24))
    assert "… waiting on adagrad_step · 0/3 points" in text
    assert "write adagrad_step first" in text and "Press n to go to adagrad_step." in text
    assert "adagrad: waiting on adagrad_step" in text  # the change line
    assert "functions pass · 1 waiting" in text
    assert "NotImplementedError" not in text and "not yet implemented" not in text


def test_a_save_checks_the_edited_function_alone_then_those_waiting_on_the_file(
        submission: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    watched = [course.BY_NAME[n] for n in ("mae", "mse", "adagrad")]
    schedule = Schedule(submission, watched)
    schedule.start()
    assert [e.name for e in schedule.pending] == ["mae", "mse", "adagrad"]
    # Whatever waits on an exercise of the saved file is checked again, in any file.
    schedule.results["adagrad"] = waiting_verdict("adagrad", "mse")
    save(submission / "l01_regression.py", STUB_MSE, WRONG_MSE)
    saved = schedule.save("l01_regression", course.BY_NAME["mae"])
    assert saved.problem is None and saved.edited == ("mse",) and saved.focus is course.BY_NAME["mse"]
    assert [e.name for e in schedule.pending] == ["mse", "mae", "adagrad"]
    assert [job.exercise.name for job in schedule.due()] == ["mse"]  # alone
    assert schedule.due() == []
    (submission / "l01_regression.py").write_text("def mse(:\n", encoding="utf-8")
    saved = schedule.save("l01_regression", saved.focus)
    assert saved.problem is not None and "line 1" in saved.problem.text
    assert [e.name for e in schedule.pending] == ["adagrad"]  # nothing of a file that does not parse
