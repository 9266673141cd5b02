"""Where workers run: on the CPU of the grading process that started them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grader.sandbox import Worker, on_one_cpu

REPORTS_ITS_CPUS = """
import os
import torch

def mse(*args):
    return torch.tensor(sorted(os.sched_getaffinity(0)))
"""


def _worker_cpus(tmp_path: Path) -> list[int]:
    (tmp_path / "l01_regression.py").write_text(REPORTS_ITS_CPUS)
    worker = Worker(tmp_path / "l01_regression.py", "l01_regression")
    try:
        answer = worker.call("mse", [], {})
        assert answer.status == "returned", answer
        return answer.value.tolist()
    finally:
        worker.close()


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs")
def test_a_worker_runs_on_the_cpu_of_its_grading_process(tmp_path: Path) -> None:
    allowed = sorted(os.sched_getaffinity(0))
    with on_one_cpu(1, 2):
        assert sorted(os.sched_getaffinity(0)) == [allowed[1]]
        assert _worker_cpus(tmp_path) == [allowed[1]]
    assert sorted(os.sched_getaffinity(0)) == allowed  # given back afterwards
    assert _worker_cpus(tmp_path) == allowed


def test_more_grading_processes_than_cpus_are_left_to_the_scheduler() -> None:
    allowed = os.sched_getaffinity(0)
    with on_one_cpu(0, len(allowed) + 1):
        assert os.sched_getaffinity(0) == allowed


FORGES_ITS_ISOLATION = """
import os, pickle, stat
payload = pickle.dumps({"status": "loaded", "functions": ["mse"], "isolation": "FORGED: fully isolated"})
for fd in range(3, 64):
    try:
        if stat.S_ISSOCK(os.fstat(fd).st_mode):
            os.write(fd, len(payload).to_bytes(4, "big") + payload)
    except OSError:
        pass

def mse(*args):
    return None
"""


def test_the_isolation_sentence_is_said_before_student_code_runs(tmp_path: Path, speak) -> None:
    """A submission that writes its own load answer, isolation sentence and all, at import
    time cannot change what the results say of the isolation."""
    speak("en")
    (tmp_path / "l01_regression.py").write_text(FORGES_ITS_ISOLATION)
    worker = Worker(tmp_path / "l01_regression.py", "l01_regression")
    try:
        assert "FORGED" not in worker.isolation
        assert worker.isolation.startswith("student code ran in separate worker processes")
    finally:
        worker.close()


NOT_A_TENSOR = """
def mse(pred, target):
    return 1.5
"""


@pytest.mark.parametrize(("lang", "isolation", "not_a_tensor"), [
    ("zh", "学生代码在独立的工作进程中运行", "结果不是张量"),
    ("en", "student code ran in separate worker processes", "the result is not a tensor"),
])
def test_a_worker_speaks_the_language_of_the_command(tmp_path: Path, speak, lang: str, isolation: str,
                                                     not_a_tensor: str) -> None:
    """The fork server was started when the test session began, before any language
    was chosen (as a command starts it before reading --lang, and a notebook keeps it
    across checks in both languages): each worker speaks the language of its request."""
    import torch

    speak(lang)
    (tmp_path / "l01_regression.py").write_text(NOT_A_TENSOR)
    worker = Worker(tmp_path / "l01_regression.py", "l01_regression")
    try:
        assert worker.isolation.startswith(isolation), worker.isolation
        answer = worker.call("mse", [torch.ones(2), torch.zeros(2)], {}, grad_wrt=[0], cotangent=torch.ones(()))
        assert answer.status == "returned" and answer.grad_error == not_a_tensor, answer
    finally:
        worker.close()


def test_a_fork_server_that_died_is_started_again(tmp_path: Path) -> None:
    from grader import forkserver

    forkserver.server().process.kill()
    forkserver.server().process.wait()
    assert _worker_cpus(tmp_path)  # a worker still starts, and answers
