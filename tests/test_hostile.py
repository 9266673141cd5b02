"""Hostile or broken submissions: the misbehaving function scores 0 with a message
saying why, and the rest of the submission is graded as usual.

Each file in tests/hostile/ is an ``l01_regression.py`` with a correct ``mae``
and an ``mse`` that misbehaves in one way (a folder: a whole submission).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import unprivileged
from grader import course
from grader.platforms import submission_folder
from grader.report_text import check_text
from grader.runner import grade_exercise
from grader.verdict import Status

PASSED = Status.PASSED

HOSTILE = Path(__file__).parent / "hostile"
ROOT = Path(__file__).resolve().parent.parent


def _submission(folder: Path, case: str) -> Path:
    if (HOSTILE / case).is_dir():
        shutil.copytree(HOSTILE / case, folder, dirs_exist_ok=True)
    else:
        shutil.copy(HOSTILE / f"{case}.py", folder / "l01_regression.py")
    return folder


def _scores(results: dict) -> dict[str, float]:
    """Points per function of a results file."""
    scores: dict[str, float] = {}
    for test in results["tests"]:
        function = test["name"].split(":")[0].split(".")[-1]
        scores[function] = scores.get(function, 0) + test["score"]
    return scores


def _grade(submission: Path, output: Path, *, cwd: Path | None = None, env: dict | None = None,
           run=subprocess.run, timeout: float = 300) -> dict:
    """``python -m grader grade`` on the l01 functions' module, as a teaching assistant runs it."""
    finished = run([sys.executable, "-m", "grader", "grade", "--submission", str(submission), "--output",
                    str(output)], capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=timeout)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def english(speak) -> None:
    """These tests read what the grader says in English (in this process and in the
    commands they run); the Chinese is tested by test_said_in_chinese."""
    speak("en")


def _mse_and_mae(submission: Path) -> tuple:
    return (grade_exercise(course.BY_NAME["mse"], submission), grade_exercise(course.BY_NAME["mae"], submission))


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("os_exit_at_call", "exited with status 0"),
        ("sys_exit_at_call", "sys.exit(0)"),
        ("endless_loop", "timed out"),
        ("segfault", "segmentation fault"),
        ("lying_tensor", "subclass of torch.Tensor"),
        ("memory_bomb", "MemoryError"),
        ("fork_bomb", "BlockingIOError"),
        ("fills_disk", "OSError"),
        ("half_answer", "timed out"),
        ("forges_answer", "a tensor shape too large"),
        ("huge_answer", "larger than the grader accepts"),
        ("raises_limits", "can't allocate memory"),
        ("banned_wrapped", "banned call: mse uses `torch._C` (line 13)"),
        ("clears_tripwires", "banned call: mse uses `import grader.worker as worker`"),
    ],
)
def test_misbehaving_function_scores_zero_and_the_rest_is_graded(case: str, says: str, tmp_path: Path) -> None:
    submission = _submission(tmp_path, case)
    mse = grade_exercise(course.BY_NAME["mse"], submission)
    assert mse.score == 0
    assert says in check_text(mse.checks[0]), check_text(mse.checks[0])
    mae = grade_exercise(course.BY_NAME["mae"], submission)
    assert mae.status == PASSED, check_text(mae.lead) if mae.lead else mae.message


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("os_exit_at_call", "运行你的代码的进程以状态 0 退出（os._exit？）"),
        ("segfault", "运行你的代码的进程因段错误（SIGSEGV）崩溃"),
        ("lying_tensor", "（torch.Tensor 的子类）"),
        ("huge_answer", "你的函数返回的结果超过了评分器接受的大小"),
        ("banned_wrapped", "禁止的调用：mse 使用了 `torch._C`（第 13 行），它会触及防护之下的 torch 内部实现"),
    ],
)
def test_said_in_chinese(case: str, says: str, tmp_path: Path, speak) -> None:
    """What the sandbox, the worker and the source check say of a hostile submission,
    in Chinese when Chinese is chosen (the workers come from a fork server started
    before the language was)."""
    speak("zh")
    mse = grade_exercise(course.BY_NAME["mse"], _submission(tmp_path, case))
    assert mse.score == 0 and says in check_text(mse.checks[0]), check_text(mse.checks[0])
    assert mse.isolation.startswith("学生代码在独立的工作进程中运行"), mse.isolation


@pytest.mark.parametrize("case", ["monkeypatches_at_import", "fake_output"])
def test_wrong_answer_stays_wrong_whatever_the_submission_patches_or_prints(case: str, tmp_path: Path) -> None:
    """Patching torch, hypothesis, pytest or the grader in the worker, or printing fake
    results, does not change a verdict: comparisons happen in the grader's process."""
    submission = _submission(tmp_path, case)
    mse = grade_exercise(course.BY_NAME["mse"], submission)
    agreement = mse.checks[0]
    assert not agreement.passed
    assert "has the wrong values" in check_text(agreement), check_text(agreement)
    mae = grade_exercise(course.BY_NAME["mae"], submission)
    assert mae.status == PASSED


def test_exit_at_import_is_reported_for_the_file(tmp_path: Path) -> None:
    result = grade_exercise(course.BY_NAME["mae"], _submission(tmp_path, "exit_at_import"))
    assert result.score == 0
    assert "called sys.exit(3) while being loaded" in check_text(result.checks[0])


def test_results_file_is_the_graders_own(tmp_path: Path) -> None:
    """A submission that prints fake results and writes its own results.json changes nothing."""
    submission = _submission(tmp_path / "student", "fake_output") if (tmp_path / "student").mkdir() is None else None
    output = tmp_path / "results.json"
    finished = subprocess.run(
        [sys.executable, "-m", "grader", "grade", "--submission", str(submission), "--output", str(output)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    assert "Total: 100" not in finished.stdout
    results = json.loads(output.read_text())
    by_function: dict[str, float] = {}
    for test in results["tests"]:
        function = test["name"].split(":")[0]
        by_function[function] = by_function.get(function, 0) + test["score"]
    mse_agreement = next(t for t in results["tests"] if t["name"].startswith("l01_regression.mse: matches"))
    assert mse_agreement["status"] == "failed" and by_function["l01_regression.mse"] < 3
    assert by_function["l01_regression.mae"] == course.BY_NAME["mae"].points
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))


@pytest.mark.parametrize("case", ["reads_reference", "reads_checkout"])
def test_the_checkout_is_out_of_reach(case: str, tmp_path: Path) -> None:
    """A submission that copies the reference from solutions/, from the tests' accepted
    mutants or from the checkout's git history finds none of them."""
    mse = grade_exercise(course.BY_NAME["mse"], _submission(tmp_path, case))
    assert "not the grader's checkout" in mse.isolation, mse.isolation
    assert not mse.checks[0].passed, "the submission read the grader's checkout"


# ---- links and special files -------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "says"),
    [
        (ROOT / "solutions" / "l01_regression.py", "is a symbolic link"),
        (Path("/etc/shadow"), "is a symbolic link"),
        (Path("/dev/zero"), "is a symbolic link"),
    ],
)
def test_a_linked_file_is_refused_unread(target: Path, says: str, tmp_path: Path) -> None:
    (tmp_path / "l01_regression.py").symlink_to(target)
    for result in _mse_and_mae(tmp_path):
        assert result.score == 0
        assert says in check_text(result.checks[0]) and "root:" not in check_text(result.checks[0])


def test_special_and_huge_files_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "l01_regression.py")
    mse = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert mse.score == 0 and "is not a regular file" in check_text(mse.checks[0])
    (tmp_path / "l01_regression.py").unlink()
    (tmp_path / "l01_regression.py").write_text("# padding\n" * 400_000)
    mse = grade_exercise(course.BY_NAME["mse"], tmp_path)
    assert mse.score == 0 and "is larger than 2 MB" in check_text(mse.checks[0])


def test_an_upload_linking_to_the_solutions_is_not_taken_for_the_students_folder(tmp_path: Path) -> None:
    (tmp_path / "exercises").symlink_to(ROOT / "solutions")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "l01_regression.py").symlink_to(ROOT / "solutions" / "l01_regression.py")
    assert submission_folder(tmp_path) == tmp_path


# ---- reaching outside --------------------------------------------------------------


def test_the_environment_stays_the_graders(tmp_path: Path) -> None:
    submission = _submission(tmp_path / "student", "prints_environment") if (tmp_path / "student").mkdir() is None else None
    results = _grade(submission, tmp_path / "results.json", env={**os.environ, "COURSE_API_TOKEN": "s3cr3t-t0ken"})
    text = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert "s3cr3t-t0ken" not in text and "COURSE_API_TOKEN" not in text
    assert "'HOME': '/tmp'" in text  # what it did see: the worker's own minimal environment
    assert _scores(results)["mae"] == course.BY_NAME["mae"].points


def test_no_network_and_no_shared_temporary_folder(tmp_path: Path) -> None:
    left = [Path(folder) / "left-by-student.txt" for folder in ("/tmp", "/var/tmp", "/dev/shm")]
    for path in left:
        path.unlink(missing_ok=True)
    listener = socket.create_server(("127.0.0.1", 47003))
    listener.settimeout(0)
    try:
        mse, mae = _mse_and_mae(_submission(tmp_path, "reaches_outside"))
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()
    assert not [path for path in left if path.exists()]
    assert mse.checks[0].passed, check_text(mse.checks[0])  # its own /tmp only, and no harm done
    assert mae.status == PASSED


def test_nothing_is_imported_from_the_current_folder(tmp_path: Path) -> None:
    """A teaching assistant grading from inside the student's folder runs none of its modules."""
    submission = _submission(tmp_path, "shadows_stdlib")
    results = _grade(Path("."), tmp_path / "results.json", cwd=submission)
    assert not (submission / "RAN-IN-THE-GRADER").exists()
    assert _scores(results)["mae"] == course.BY_NAME["mae"].points


@pytest.mark.skipif(shutil.which("pgrep") is None, reason="needs pgrep")
def test_a_daemon_left_behind_dies_with_its_worker(tmp_path: Path) -> None:
    def sleepers() -> list[str]:
        found = subprocess.run(["pgrep", "-f", "sleep 4242.5"], capture_output=True, text=True)
        return found.stdout.split()

    assert not sleepers()
    mse = grade_exercise(course.BY_NAME["mse"], _submission(tmp_path, "leaves_daemon"))
    assert mse.checks[0].passed, check_text(mse.checks[0])
    deadline = time.monotonic() + 5
    while sleepers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not sleepers(), "a process the submission started outlived grading"


def test_the_terminal_is_out_of_reach(tmp_path: Path) -> None:
    """Under a terminal: nothing typed into the shell the grader was started from, no
    fake line written to it."""
    pexpect = pytest.importorskip("pexpect")
    submission = _submission(tmp_path, "types_into_terminal")
    command = (f"{sys.executable} -m grader check mse --submission {submission}; "
               "read line; echo \"GOT:$line\"")
    shell = pexpect.spawn("sh", ["-c", command], cwd=str(ROOT), timeout=240, encoding="utf-8")
    shell.logfile_read = screen = io.StringIO()
    shell.expect("Total: ")
    shell.expect("\n")
    time.sleep(0.5)
    shell.sendline("from-the-teaching-assistant")
    shell.expect("GOT:(.*)\r?\n")
    shown = screen.getvalue()
    typed = shell.match.group(1)
    shell.close()
    assert typed.strip() == "from-the-teaching-assistant", f"the submission typed {typed!r}"
    assert "FAKE-VERDICT" not in shown


# ---- as an ordinary user -----------------------------------------------------------


@pytest.mark.skipif(unprivileged.available() is not None, reason=f"{unprivileged.available()}")
@pytest.mark.parametrize("case", ["writes_outside", "kills_everyone"])
def test_as_an_ordinary_user_the_grader_and_its_files_are_out_of_reach(case: str) -> None:
    """A teaching assistant grading as themselves: a worker can neither rewrite their
    files nor signal their processes (the grader, the fork server, other workers)."""
    home = unprivileged.shared_folder("grading-")
    try:
        submission = _submission(home / "student", case) if (home / "student").mkdir() is None else None
        planted = home / "planted.txt"
        planted.write_text("the teaching assistant's\n")
        unprivileged.give_to_nobody(home)
        before = (submission / "l01_regression.py").read_bytes()
        results = _grade(submission, home / "results.json", run=unprivileged.run)
        assert planted.read_text() == "the teaching assistant's\n"
        assert (submission / "l01_regression.py").read_bytes() == before
        assert _scores(results)["mae"] == course.BY_NAME["mae"].points
        assert "in a user namespace without privileges" in results.get("output", "") or os.getuid() != 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.skipif(os.getuid() != 0 or shutil.which("prlimit") is None or unprivileged.available() is not None,
                    reason="needs root (to run as nobody with few processes) and prlimit")
def test_a_full_process_table_costs_the_other_functions_nothing() -> None:
    """As an ordinary user whose processes are few, a fork bomb uses them all up while
    the grader starts workers for the other functions: the fork server waits for them
    instead of dying (every later function would get 0, or no results file at all)."""
    home = unprivileged.shared_folder("grading-")
    try:
        submission = _submission(home / "student", "fork_bomb") if (home / "student").mkdir() is None else None
        unprivileged.give_to_nobody(home)
        limited = lambda command, **kwargs: unprivileged.run(["prlimit", "--nproc=40", *command], **kwargs)  # noqa: E731
        results = _grade(submission, home / "results.json", run=limited)
        assert _scores(results)["mae"] == course.BY_NAME["mae"].points
        assert _scores(results)["mse"] == 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


# ---- odd bytes ---------------------------------------------------------------------


def test_a_lone_surrogate_still_gives_a_valid_results_file(tmp_path: Path) -> None:
    submission = _submission(tmp_path / "student", "lone_surrogate") if (tmp_path / "student").mkdir() is None else None
    results = _grade(submission, tmp_path / "results.json")
    text = (tmp_path / "results.json").read_bytes().decode("utf-8")  # strict: valid UTF-8
    assert "raised ValueError: caf\ufffd \ufffd" in text
    assert _scores(results)["mae"] == course.BY_NAME["mae"].points


def test_names_that_are_not_utf8_give_a_valid_gradebook(tmp_path: Path) -> None:
    """A GBK-named student folder (a zip made on Chinese Windows) holding a file whose
    name is not UTF-8 either, and a link to it posing as another student."""
    submissions = tmp_path / "class"
    submissions.mkdir()
    name = "张三".encode("gbk")
    student = Path(os.fsdecode(bytes(submissions) + b"/" + name))
    student.mkdir()
    _submission(student, "lone_surrogate")
    (student / os.fsdecode(b"notes-\xff.py")).write_text("x = 1\n")
    (submissions / "linked").symlink_to(student)
    output = tmp_path / "out"
    finished = subprocess.run([sys.executable, "-m", "grader", "grade-batch", "--submissions", str(submissions),
                               "--output", str(output), "--jobs", "1"], capture_output=True, cwd=ROOT, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    with open(output / "gradebook.csv", newline="", encoding="utf-8") as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    assert list(rows) == ["张三"], "a link is not a student"
    assert float(rows["张三"]["mae"]) == course.BY_NAME["mae"].points
    assert float(rows["张三"]["mse"]) < course.BY_NAME["mse"].points


# ---- one student costs the others nothing ------------------------------------------

GRADE_BATCH_WITH_A_SHORT_LIMIT = """
import sys
from grader import batch
from grader.cli import main
batch.SUBMISSION_TIME_LIMIT = 30
sys.exit(main(sys.argv[1:]))
"""


def test_the_grading_process_that_replaces_a_slow_one_starts_cleanly(tmp_path: Path) -> None:
    """grade-batch replaces the grading process of a student who takes too long; the
    replacement grades the next students as usual."""
    submissions = tmp_path / "class"
    for student in ("a_slow", "b_next"):
        (submissions / student).mkdir(parents=True)
    _submission(submissions / "a_slow", "slow_answers")
    shutil.copy(ROOT / "solutions" / "l01_regression.py", submissions / "b_next" / "l01_regression.py")
    output = tmp_path / "out"
    finished = subprocess.run([sys.executable, "-c", GRADE_BATCH_WITH_A_SHORT_LIMIT, "grade-batch", "--submissions",
                               str(submissions), "--output", str(output), "--jobs", "1"],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    slow = json.loads((output / "a_slow.json").read_text(encoding="utf-8"))
    assert "grading did not finish within 30 s" in slow["tests"][0]["output"]
    following_results = json.loads((output / "b_next.json").read_text(encoding="utf-8"))
    following = _scores(following_results)
    assert following["mse"] == course.BY_NAME["mse"].points, following_results
    assert following["mse"] == course.BY_NAME["mse"].points and following["mae"] == course.BY_NAME["mae"].points
