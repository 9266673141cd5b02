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
