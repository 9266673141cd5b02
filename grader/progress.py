"""``python -m grader progress``: the course map, and what the grader knows of a submission.

Two things live here, both light (no torch), so that ``progress`` answers at once
when nothing has changed:

- **the course map**: each lecture, its functions (done / failing / not started)
  and points, and the next thing to do, with links to the site;
- **the results cache**: ``watch``, ``progress`` and ``check()`` in a notebook store
  each function's last verdict in a folder of the user's cache
  (``$GRADER_CACHE_DIR``, else ``$XDG_CACHE_HOME/hylee-dl-course``, else
  ``~/.cache/hylee-dl-course``), never in the student's folder. A stored verdict
  counts only while the submission file, its reference solution, every file of
  the grader package and the hypothesis and torch versions are those it was
  graded with, and in the language it is shown in (a verdict's sentences are in the
  language it was graded in);
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
import importlib.metadata
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import course, i18n
from grader.i18n import N_, _, ngettext
from grader.layout import static_status
from grader.report_text import MARK, STYLE
from grader.verdict import UNSTARTED, ExerciseVerdict, Status

ROOT = Path(__file__).resolve().parent.parent
GRADER = ROOT / "grader"
SOLUTIONS = ROOT / "solutions"

# How the course map says each status (translated where shown).
WORDS = {Status.PASSED: N_("done"), Status.FAILED: N_("failing"), Status.CRASHED: N_("crashes"),
         Status.TIMED_OUT: N_("times out"), Status.BANNED: N_("banned call"), Status.NOT_WRITTEN: N_("not started"),
         Status.WAITING: N_("waiting"), Status.MISSING: N_("missing"), Status.NOT_RUN: N_("not checked")}


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
def grader_digest() -> str:
    """Every file of the grader package (checks, strategies, fixtures, feedback, assets...)
    and the versions of what draws and runs the inputs: a stored verdict holds only while
    the grader that gave it is the grader that runs now."""
    digest = hashlib.sha256()
    for path in sorted(GRADER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(GRADER)).encode() + b"\0")
            digest.update(path.read_bytes())
    for package in ("hypothesis", "torch"):
        try:
            digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package} absent".encode())
    return digest.hexdigest()


def fingerprint(submission: Path, exercise: course.Exercise) -> str | None:
    """What a stored result depends on: the submission file, the reference, the grader,
    and the language it speaks (a Chinese verdict is not shown to an English reader)."""
    try:
        data = (submission / f"{exercise.module}.py").read_bytes()
    except OSError:
        return None
    try:
        reference = (SOLUTIONS / f"{exercise.module}.py").read_bytes()
    except OSError:
        reference = b"-"
    said = f"{grader_digest()}\0{i18n.language()}".encode()
    return hashlib.sha256(data + b"\0" + reference + b"\0" + said).hexdigest()


def _load_cache(submission: Path) -> dict[str, Any]:
    try:
        document = json.loads(_cache_file(submission).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    results = document.get("results") if type(document) is dict else None
    return results if type(results) is dict else {}


def remember(submission: Path, results: list[ExerciseVerdict],
             fingerprints: dict[str, str | None] | None = None) -> None:
    """Store the verdicts of a submission; ``fingerprints`` (by function name) are the
    files' as graded, if they were taken before grading."""
    entries = _load_cache(submission)
    for result in results:
        exercise = result.exercise
        taken = (fingerprints or {}).get(exercise.name) or fingerprint(submission, exercise)
        if result.status is Status.MISSING or taken is None:
            entries.pop(exercise.qualname, None)  # depends on the whole folder: not stored
            continue
        entries[exercise.qualname] = {"fingerprint": taken, "when": time.time(), "verdict": result.to_dict()}
    path = _cache_file(submission)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp",
                                         encoding="utf-8") as handle:
            json.dump({"submission": str(submission.resolve()), "results": entries}, handle)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: the map is only slower


def recall(submission: Path, exercises: list[course.Exercise]) -> dict[str, ExerciseVerdict]:
    """The stored verdicts that still hold (same file, same grader), by function name."""
    entries = _load_cache(submission)
    found = {}
    for exercise in exercises:
        entry = entries.get(exercise.qualname)
        if type(entry) is not dict or entry.get("fingerprint") != fingerprint(submission, exercise):
            continue
        try:
            found[exercise.name] = ExerciseVerdict.from_dict(entry["verdict"])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # stored by another version of the grader: graded again
    return found


# ---- the course map -----------------------------------------------------------------------


@dataclass
class Entry:
    """One function on the course map."""

    exercise: course.Exercise
    status: Status
    score: float = 0.0
    detail: str = ""  # the failing property, or the one-line problem

    @property
    def unfinished(self) -> bool:
        return self.status is not Status.PASSED


def _from_verdict(result: ExerciseVerdict) -> Entry:
    lead = result.lead
    if result.status is Status.PASSED:
        detail = ""
    elif lead is not None:
        detail = lead.title
    else:
        detail = (result.message.splitlines() or [""])[0]
    return Entry(result.exercise, result.status, result.score, detail)


def survey(submission: Path) -> tuple[list[Entry], list[course.Exercise]]:
    """Every exercise's status as far as known without running anything, and the
    exercises that must be checked to know theirs."""
    trees: dict[str, Any] = {}
    cached = recall(submission, course.EXERCISES)
    entries, stale = [], []
    for exercise in course.EXERCISES:
        kind, message = static_status(submission, exercise, trees)
        if kind == "stub":
            entries.append(Entry(exercise, Status.NOT_WRITTEN))
        elif kind == "missing":
            entries.append(Entry(exercise, Status.MISSING, 0.0, message))
        elif kind == "syntax":
            entries.append(Entry(exercise, Status.CRASHED, 0.0, message))
        elif exercise.name in cached:
            entries.append(_from_verdict(cached[exercise.name]))
        else:
            entries.append(Entry(exercise, Status.NOT_RUN, 0.0, _("not checked yet")))
            stale.append(exercise)
    return entries, stale


def check_now(submission: Path, exercises: list[course.Exercise]) -> list[ExerciseVerdict]:
    """Grade these exercises now and store the results."""
    from grader.session import grade

    return grade(submission, exercises)


def next_step(entries: list[Entry]) -> Entry | None:
    """The next thing to do: the first unfinished function in course order, a started one
    (failing, waiting) first within its lecture."""
    for module in course.LECTURES:
        lecture = [e for e in entries if e.exercise.module == module and e.unfinished]
        if lecture:
            started = [e for e in lecture if e.status not in UNSTARTED]
            return (started or lecture)[0]
    return None


def render(entries: list[Entry], submission: Path, console: Any = None) -> None:
    from rich.console import Console
    from rich.markup import escape

    from grader.verdict import points

    console = console or Console(highlight=False, soft_wrap=True)
    score = sum(e.score for e in entries)
    done = sum(e.status is Status.PASSED for e in entries)
    heading = _("Course map")
    console.print(f"[bold]{escape(heading)}[/bold] — {escape(str(submission))}")
    console.print("[bold]" + escape(ngettext(
        "{score} / {maximum} points · {done} of {count} function done",
        "{score} / {maximum} points · {done} of {count} functions done", len(entries)).format(
        score=points(score), maximum=points(course.MAX_SCORE), done=done, count=len(entries))) + "[/bold]")
    for module, lecture in course.LECTURES.items():
        mine = [e for e in entries if e.exercise.module == module]
        got = sum(e.score for e in mine)
        total = sum(e.exercise.points for e in mine)
        marks = "".join(MARK[e.status] for e in mine)
        title = _("{lecture} ({file})").format(lecture=_(lecture.title), file=f"{module}.py")
        console.print(f"\n[bold]{escape(title)}[/bold]  {points(got)}/{points(total)}  "
                      f"{marks}  [dim]{escape(lecture_url(module))}[/dim]")
        for e in mine:
            style = STYLE[e.status]
            score_text = f"{points(e.score)}/{points(e.exercise.points)}"
            detail = f"  [dim]{escape(e.detail)}[/dim]" if e.detail else ""
            word = escape(_padded(_(WORDS[e.status]), 12))
            console.print(f"  [{style}]{MARK[e.status]} {e.exercise.name:<24} {word}[/{style}]"
                          f"{score_text:>6}{detail}")
    step = next_step(entries)
    if step is None:
        everything = _("Everything passes: {score} / {maximum}.").format(
            score=points(score), maximum=points(course.MAX_SCORE))
        unseen = _("Inputs you never saw: {command}").format(
            command="python -m grader grade --submission DIR --output results.json --seed 7")
        console.print(f"\n[bold green]{escape(everything)}[/bold green] {escape(unseen)}")
        return
    exercise = step.exercise
    state = _(WORDS[step.status])
    if step.detail:
        state = _("{status}: {detail}").format(status=state, detail=step.detail)
    heading = _("Next:")
    console.print(f"\n[bold]{escape(heading)}[/bold] {exercise.name} ({escape(state)})")
    console.print("  " + escape(_("read   {reading} — {url}").format(reading=exercise.reading, url=exercise.url)))
    console.print("  " + escape(_("then   {command}    (stuck? {hint})").format(
        command=f"python -m grader watch {exercise.name}", hint=f"python -m grader hint {exercise.name}")))


def lecture_url(module: str) -> str:
    """The lecture's page on the site, in the language being spoken."""
    exercise = next(e for e in course.EXERCISES if e.module == module)
    return exercise.url.split("#")[0]


def _padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


def run_progress(args: argparse.Namespace) -> int:
    from grader.paths import submission_folder

    submission = submission_folder(args.submission)
    entries, stale = survey(submission)
    if stale:
        names = ", ".join(e.name for e in stale[:6]) + (", …" if len(stale) > 6 else "")
        print(ngettext("checking {count} function changed since last checked ({names})…",
                       "checking {count} functions changed since last checked ({names})…", len(stale)).format(
                  count=len(stale), names=names), file=sys.stderr, flush=True)
        results = {r.exercise.name: r for r in check_now(submission, stale)}
        entries = [_from_verdict(results[e.exercise.name]) if e.exercise.name in results else e for e in entries]
    render(entries, submission)
    return 0
