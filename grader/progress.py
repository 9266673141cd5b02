"""``python -m grader progress``: the course map, and what the grader knows of a submission.

Two things live here, both light (no torch), so that ``progress`` answers at once
when nothing has changed:

- **the course map**: each lecture, its functions (done / failing / not started)
  and points, and the next thing to do, with links to the site;
- **the results cache**: ``watch``, ``progress`` and ``check()`` in a notebook store
  each function's last result in a folder of the user's cache
  (``$GRADER_CACHE_DIR``, else ``$XDG_CACHE_HOME/hylee-dl-course``, else
  ``~/.cache/hylee-dl-course``), never in the student's folder. A stored result
  counts only while the submission file, the lecture's checks, its reference
  solution and the course map are byte for byte those it was graded with;
- what the submission holds (stubs, messages) comes from ``grader.layout``.

How ``progress`` knows a function's status: a function whose body is still the
stub's ``raise NotImplementedError(...)`` is "not started" (read with ``ast``); a
function whose file is unchanged since ``watch``, ``progress`` or a notebook
``check()`` last graded it takes that stored result; every other function is
checked now (only those, on the fork server) and the results are stored.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import course
from grader.layout import static_status

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "grader" / "checks"
SOLUTIONS = ROOT / "solutions"

DONE, FAILING, NOT_STARTED, MISSING = "done", "failing", "not started", "missing"
# The verdicts of grader.runner (PASSED, FAILED, NOT_IMPLEMENTED, MISSING; a test keeps
# this in step), as the course map says them.
FROM_RUNNER = {"passed": DONE, "failed": FAILING, "not yet implemented": NOT_STARTED, "missing": MISSING}
MARK = {DONE: "✓", FAILING: "✗", NOT_STARTED: "·", MISSING: "?"}
STYLE = {DONE: "green", FAILING: "red", NOT_STARTED: "yellow", MISSING: "magenta"}


# ---- the results cache -----------------------------------------------------------------


def cache_dir() -> Path:
    """Where results are stored: never inside the student's submission."""
    if os.environ.get("GRADER_CACHE_DIR"):
        return Path(os.environ["GRADER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hylee-dl-course"


def _cache_file(submission: Path) -> Path:
    key = hashlib.sha256(str(submission.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"results-{key}.json"


@functools.cache
def _grader_digest(module: str) -> str:
    digest = hashlib.sha256()
    grading = [ROOT / "grader" / name for name in ("course.py", "runner.py", "feedback.py", "report_text.py")]
    for path in [CHECKS / f"{module}.py", SOLUTIONS / f"{module}.py", *grading]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()


def fingerprint(submission: Path, exercise: course.Exercise) -> str | None:
    """What a stored result depends on: the file, the checks, the reference, the course map
    and the grader's scoring and feedback code."""
    try:
        data = (submission / f"{exercise.module}.py").read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data + _grader_digest(exercise.module).encode()).hexdigest()


def _load_cache(submission: Path) -> dict[str, Any]:
    try:
        document = json.loads(_cache_file(submission).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    results = document.get("results") if type(document) is dict else None
    return results if type(results) is dict else {}


def remember(submission: Path, results: list[Any], fingerprints: dict[str, str | None] | None = None) -> None:
    """Store results (``grader.runner.ExerciseResult``) of a submission; ``fingerprints``
    (by function name) are the files' as graded, if they were taken before grading."""
    entries = _load_cache(submission)
    for result in results:
        exercise = result.exercise
        taken = (fingerprints or {}).get(exercise.name) or fingerprint(submission, exercise)
        if result.status == "missing" or taken is None:
            entries.pop(exercise.qualname, None)  # depends on the whole folder: not stored
            continue
        entries[exercise.qualname] = {
            "fingerprint": taken,
            "status": result.status,
            "score": result.score,
            "seconds": round(result.seconds, 3),
            "when": time.time(),
            "tests": [{"name": t.check_name, "score": t.score, "max_score": t.max_score,
                       "passed": t.passed, "output": t.output} for t in result.tests],
        }
    path = _cache_file(submission)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp",
                                         encoding="utf-8") as handle:
            json.dump({"submission": str(submission.resolve()), "results": entries}, handle)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: the map is only slower


def recall(submission: Path, exercises: list[course.Exercise]) -> dict[str, dict[str, Any]]:
    """The stored results that still hold (same file, same grader), by function name."""
    entries = _load_cache(submission)
    found = {}
    for exercise in exercises:
        entry = entries.get(exercise.qualname)
        if type(entry) is dict and entry.get("fingerprint") == fingerprint(submission, exercise) \
                and entry.get("status") in FROM_RUNNER and type(entry.get("tests")) is list:
            found[exercise.name] = entry
    return found


# ---- the course map -----------------------------------------------------------------------


@dataclass
class Status:
    exercise: course.Exercise
    state: str  # done | failing | not started | missing
    score: float = 0.0
    detail: str = ""  # the first failing property, or the one-line problem

    @property
    def unfinished(self) -> bool:
        return self.state != DONE


def _from_result(exercise: course.Exercise, status: str, score: float, tests: list[dict[str, Any]]) -> Status:
    state = FROM_RUNNER.get(status, FAILING)
    detail = ""
    failed = [t for t in tests if not t.get("passed")]
    if state == FAILING and failed:
        first = failed[0]
        same = len(failed) == len(tests) and all(t.get("output") == first.get("output") for t in failed)
        name = str(first.get("name", ""))
        output = str(first.get("output", "")).strip()
        # One message for every check (a load failure, a banned call...): say it; else the property.
        detail = output.splitlines()[0] if same and output else name.split(": ", 1)[-1]
    elif state == MISSING and tests:
        detail = (str(tests[0].get("output", "")).strip().splitlines() or [""])[0]
    return Status(exercise, state, float(score), detail)


def survey(submission: Path) -> tuple[list[Status], list[course.Exercise]]:
    """Every exercise's status as far as known without running anything, and the
    exercises that must be checked to know theirs."""
    trees: dict[str, Any] = {}
    cached = recall(submission, course.EXERCISES)
    statuses, stale = [], []
    for exercise in course.EXERCISES:
        kind, message = static_status(submission, exercise, trees)
        if kind == "stub":
            statuses.append(Status(exercise, NOT_STARTED))
        elif kind == "missing":
            statuses.append(Status(exercise, MISSING, 0.0, message))
        elif kind == "syntax":
            statuses.append(Status(exercise, FAILING, 0.0, message))
        elif exercise.name in cached:
            entry = cached[exercise.name]
            statuses.append(_from_result(exercise, entry["status"], entry.get("score", 0.0), entry["tests"]))
        else:
            statuses.append(Status(exercise, FAILING, 0.0, "not checked yet"))
            stale.append(exercise)
    return statuses, stale


def check_now(submission: Path, exercises: list[course.Exercise]) -> list[Any]:
    """Grade these exercises now (on the fork server) and store the results."""
    from grader.watch import start_fork_server

    fingerprints = {e.name: fingerprint(submission, e) for e in exercises}
    start_fork_server(connections=2)  # two grading processes, as `check` (see grade_submission)
    from grader.runner import grade_submission

    results = grade_submission(submission, exercises=exercises)
    remember(submission, results, fingerprints)
    return results


def next_step(statuses: list[Status]) -> Status | None:
    """The next thing to do: the first unfinished function in course order, a failing one first
    within its lecture (it was started)."""
    for module in course.LECTURES:
        lecture = [s for s in statuses if s.exercise.module == module and s.unfinished]
        if lecture:
            failing = [s for s in lecture if s.state in (FAILING, MISSING)]
            return (failing or lecture)[0]
    return None


def render(statuses: list[Status], submission: Path, console: Any = None) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = console or Console(highlight=False, soft_wrap=True)
    score = sum(s.score for s in statuses)
    done = sum(s.state == DONE for s in statuses)
    console.print(f"[bold]Course map[/bold] — {escape(str(submission))}")
    console.print(f"[bold]{score:g} / {course.MAX_SCORE:g} points[/bold] · {done} of {len(statuses)} "
                  f"functions done")
    for module, lecture in course.LECTURES.items():
        mine = [s for s in statuses if s.exercise.module == module]
        got = sum(s.score for s in mine)
        total = sum(s.exercise.points for s in mine)
        marks = "".join(MARK[s.state] for s in mine)
        console.print(f"\n[bold]{escape(lecture.title)}[/bold] ({module}.py)  {got:g}/{total:g}  {marks}  "
                      f"[dim]{course.SITE_URL}{module}/[/dim]")
        for s in mine:
            style = STYLE[s.state]
            points = f"{s.score:g}/{s.exercise.points:g}"
            detail = f"  [dim]{escape(s.detail)}[/dim]" if s.detail else ""
            console.print(f"  [{style}]{MARK[s.state]} {s.exercise.name:<24} {s.state:<12}[/{style}]"
                          f"{points:>6}{detail}")
    step = next_step(statuses)
    if step is None:
        console.print(f"\n[bold green]Everything passes: {score:g} / {course.MAX_SCORE:g}.[/bold green] "
                      "Inputs you never saw: python -m grader grade --submission DIR --output results.json --seed 7")
        return
    exercise = step.exercise
    doing = {NOT_STARTED: "not started", FAILING: "failing", MISSING: "missing"}[step.state]
    why = f": {step.detail}" if step.detail else ""
    console.print(f"\n[bold]Next:[/bold] {exercise.name} ({doing}{escape(why)})")
    console.print(f"  read   {escape(exercise.reading)} — {exercise.url}")
    console.print(f"  then   python -m grader watch {exercise.name}    "
                  f"(stuck? python -m grader hint {exercise.name})")


def run_progress(args: argparse.Namespace) -> int:
    from grader.cli import _submission

    submission = _submission(args.submission)
    statuses, stale = survey(submission)
    if stale:
        names = ", ".join(e.name for e in stale[:6]) + (", …" if len(stale) > 6 else "")
        print(f"checking {len(stale)} function{'s' if len(stale) != 1 else ''} changed since last checked "
              f"({names})…", file=sys.stderr, flush=True)
        results = {r.exercise.name: r for r in check_now(submission, stale)}
        for index, status in enumerate(statuses):
            result = results.get(status.exercise.name)
            if result is not None:
                tests = [{"name": t.check_name, "passed": t.passed, "output": t.output} for t in result.tests]
                statuses[index] = _from_result(status.exercise, result.status, result.score, tests)
    render(statuses, submission)
    return 0
