"""A graded class, read back as verdicts: the output folder of ``grade-batch`` or
``merge`` (``OUTDIR/<student>.json``), or a folder of Gradescope ``results.json``
files (``DIR/<student>/results.json``), which share the format.

Only the verdicts stored as data are read (``grader.results.verdicts``); a file that
holds none (another grader's, a half-written one) is listed as unreadable, and the
rest of the class is reported as usual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch import STATE_FILE
from grader.i18n import _
from grader.paths import UsageError
from grader.results import verdicts
from grader.verdict import ExerciseVerdict

GRADESCOPE_NAME = "results.json"


@dataclass
class Submission:
    """One student's graded submission."""

    student: str  # the submission folder's name
    results: list[ExerciseVerdict]
    score: float
    max_score: float
    seconds: float  # grading time of the whole submission (results.json's execution_time)
    seed: int | None

    @property
    def by_exercise(self) -> dict[str, ExerciseVerdict]:
        return {r.exercise.name: r for r in self.results}


@dataclass
class GradedClass:
    """Every readable submission of a folder, by student name, and what could not be read."""

    folder: Path
    submissions: list[Submission]
    seed: int | None  # the state file's, else the one all results files agree on
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, why)

    @property
    def seeds(self) -> set[int | None]:
        return {s.seed for s in self.submissions}


def results_files(folder: Path) -> list[tuple[str, Path]]:
    """(student, file) for every results file: ``<student>.json`` at the top (not the
    dot files, not our own exports), or ``<student>/results.json`` one folder down."""
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        if not path.name.startswith("."):
            found[path.stem] = path
    for path in sorted(folder.glob(f"*/{GRADESCOPE_NAME}")):
        student = path.parent.name
        if not student.startswith(".") and student not in found:
            found[student] = path
    return sorted(found.items())


def read_submission(student: str, path: Path) -> Submission:
    """One results file as a Submission; ValueError (saying why) if it holds no verdicts."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(_("not readable JSON ({error})").format(error=error.__class__.__name__)) from None
    results = verdicts(document)
    extra = document["extra_data"]
    seed = extra.get("seed")
    return Submission(
        student=student,
        results=results,
        score=sum(r.score for r in results),
        max_score=sum(r.exercise.points for r in results),
        seconds=_number(document.get("execution_time")),
        seed=seed if type(seed) is int else None,
    )


def _number(value: object) -> float:
    return float(value) if type(value) in (int, float) else 0.0


def _state_seed(folder: Path) -> int | None:
    try:
        seed = json.loads((folder / STATE_FILE).read_text(encoding="utf-8")).get("seed")
    except (OSError, ValueError, AttributeError):
        return None
    return seed if type(seed) is int else None


def read_class(folder: Path) -> GradedClass:
    """Every student's verdicts in ``folder``; a UsageError when there is nothing to report."""
    if not folder.is_dir():
        raise UsageError(_("no such directory: {folder}").format(folder=folder))
    files = results_files(folder)
    if not files:
        raise UsageError(_("no results files in {folder} (give the --output folder of grade-batch or merge)")
                         .format(folder=folder))
    submissions, unreadable = [], []
    for student, path in files:
        try:
            submissions.append(read_submission(student, path))
        except ValueError as error:
            unreadable.append((str(path.relative_to(folder)), str(error)))
    if not submissions:
        raise UsageError(_("none of the {count} results files in {folder} holds this grader's verdicts "
                           "(first: {file}: {why})").format(count=len(files), folder=folder,
                                                           file=unreadable[0][0], why=unreadable[0][1]))
    seed = _state_seed(folder)
    if seed is None:
        seeds = {s.seed for s in submissions}
        seed = seeds.pop() if len(seeds) == 1 else None
    return GradedClass(folder, submissions, seed, unreadable)
