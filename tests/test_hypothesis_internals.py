"""The hypothesis the grader runs on is the one its internals were written for."""

from __future__ import annotations

import hypothesis

from grader import hypothesis_internals


def test_installed_hypothesis_is_the_one_the_grader_was_written_for() -> None:
    problem = hypothesis_internals.version_problem()
    assert problem is None, problem


def test_the_pin_in_pyproject_is_that_version() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"hypothesis=={hypothesis_internals.WRITTEN_FOR}" in project["project"]["dependencies"]


def test_a_version_problem_says_what_to_do(monkeypatch) -> None:
    monkeypatch.setattr(hypothesis, "__version__", "0.0.1")
    problem = hypothesis_internals.version_problem()
    assert problem is not None and "hypothesis==" in problem and "0.0.1" in problem
