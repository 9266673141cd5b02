"""Grading a whole class: ``grade-batch`` and ``merge``.

    python -m grader grade-batch --submissions DIR --output OUTDIR [--jobs N] [--shard K/N] [--force]
    python -m grader merge OUTDIR ... --output OUTDIR

Every sub-directory of DIR is one student's submission, named by the
sub-directory. The grader imports torch, the checks and the references once,
then forks ``--jobs`` grading processes that take students one at a time; each
student's functions run in workers forked from the one fork server. Results go to
``OUTDIR/<student>.json`` (Gradescope's format) as soon as a student is done, so
an interrupted run resumes where it stopped; ``OUTDIR/gradebook.csv`` is
written from all of them at the end.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import pickle
import signal
import socket
import statistics
import sys
import time
from pathlib import Path

from grader import course
from grader.i18n import N_, _, ngettext
from grader.paths import UsageError
from grader.safe_text import readable

SUBMISSION_TIME_LIMIT = 20 * 60  # seconds for one student, whatever the submission does
# The seed the folder was graded with. Its name starts with a dot, as no student's can
# (students() skips such folders): a student folder named "batch" grades like any other.
STATE_FILE = ".grade-batch.json"
# The one check of a submission the grader could not finish.
GRADED = N_("graded")


# ---- which students ---------------------------------------------------------------


def parse_shard(text: str) -> tuple[int, int]:
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(_("--shard wants K/N, e.g. 2/10, not {text!r}").format(text=text)) from None
    if not 1 <= k <= n:
        raise UsageError(_("--shard {text}: K must be between 1 and N").format(text=text))
    return k, n


def students(submissions: Path, shard: tuple[int, int] = (1, 1)) -> list[str]:
    """The K-th of N slices of the class, by sorted name: deterministic on any machine."""
    # A link is not a student's folder (it may point at a classmate's, or at the solutions).
    names = sorted(
        d.name for d in submissions.iterdir()
        if d.is_dir() and not d.is_symlink() and not d.name.startswith(".") and d.name != "__pycache__"
    )
    k, n = shard
    return names[k - 1 :: n]


def _graded(output: Path, student: str) -> bool:
    try:
        json.loads((output / f"{student}.json").read_text(encoding="utf-8"))["score"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def _check_state(output: Path, seed: int, force: bool) -> None:
    state = output / STATE_FILE
    if state.exists():
        earlier = json.loads(state.read_text(encoding="utf-8")).get("seed")
        if earlier == seed:
            return
        if not force:
            raise UsageError(_("{folder} was graded with --seed {seed}; use that seed, or --force to re-grade all")
                             .format(folder=output, seed=earlier))
    state.write_text(json.dumps({"seed": seed}) + "\n", encoding="utf-8")


# ---- grading processes ------------------------------------------------------------


def _grade_one(submissions: Path, output: Path, student: str, seed: int) -> float:
    from grader.results import results_json, write_results
    from grader.runner import grade_submission

    started = time.perf_counter()
    results = grade_submission(submissions / student, seed=seed, split=False)
    document = results_json(results, time.perf_counter() - started, seed=seed)
    write_results(output / f"{student}.json", document)
    return document["score"]


def _grading_process(index: int, processes: int, channel: socket.socket, submissions: Path, output: Path,
                     seed: int, replacement: bool) -> None:
    """Forked grader ``index`` of ``processes``: takes student names from the parent until it says stop.

    A replacement (for one killed mid-student) starts a fork server of its own: the
    shared one's connection ``index`` may hold half a request of the killed process."""
    from grader import forkserver
    from grader.sandbox import on_one_cpu

    if replacement:
        forkserver.server().restart()
    else:
        forkserver.server().keep_only(index)
    stream = channel.makefile("rwb", buffering=0)
    with on_one_cpu(index, processes):
        while True:
            student = pickle.load(stream)
            if student is None:
                return
            try:
                score = _grade_one(submissions, output, student, seed)
            except Exception as error:  # noqa: BLE001 - reported, and the class goes on
                score = None
                _write_error(output, student, _("the grader failed on this submission: {error}").format(error=error),
                             seed)
            pickle.dump((student, score), stream)


def _write_error(output: Path, student: str, message: str, seed: int | None = None) -> None:
    """A results file for a submission the grader could not finish: every function 0, why."""
    from grader.results import results_json, write_results
    from grader.verdict import CheckVerdict, ExerciseVerdict, Status

    results = [
        ExerciseVerdict(e, Status.CRASHED,
                        [CheckVerdict(e.module, e.name, _(GRADED), Status.CRASHED, 0.0, e.points,
                                      message=message, key=GRADED)],
                        message=message)
        for e in course.EXERCISES
    ]
    write_results(output / f"{student}.json", results_json(results, 0.0, seed=seed))


class _Grader:
    """The parent's handle on one forked grading process."""

    def __init__(self, index: int, processes: int, submissions: Path, output: Path, seed: int,
                 replacement: bool = False) -> None:
        ours, theirs = socket.socketpair()
        self.pid = os.fork()
        if self.pid == 0:
            ours.close()
            code = 0
            try:
                _grading_process(index, processes, theirs, submissions, output, seed, replacement)
            except BaseException:  # noqa: BLE001
                code = 1
            os._exit(code)
        theirs.close()
        self.index = index
        self.socket = ours
        self.stream = ours.makefile("rwb", buffering=0)
        self.student: str | None = None
        self.since = 0.0

    def give(self, student: str | None) -> None:
        self.student, self.since = student, time.monotonic()
        pickle.dump(student, self.stream)

    def finished(self) -> tuple[str, float | None]:
        student, score = pickle.load(self.stream)
        self.student = None
        return student, score

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        self.socket.close()


def _prepare_grading() -> None:
    """Import every check and reference before forking, so each grading process starts warm."""
    from grader.checks import checks_for
    from grader.runner import _reference_function

    for exercise in course.EXERCISES:
        checks_for(exercise)
        _reference_function(exercise)
    # What is loaded now lives as long as the run: keep the garbage collector from
    # scanning it again and again (a full collection took ~0.1 s a submission), and
    # from writing into the pages the grading processes share with us.
    gc.freeze()


def _grade_class(todo: list[str], submissions: Path, output: Path, seed: int, jobs: int, progress) -> None:
    import selectors
    from collections import deque

    waiting = deque(todo)
    processes = min(jobs, len(todo))
    graders: list[_Grader] = []
    selector = selectors.DefaultSelector()
    busy = 0

    def start(index: int, replacement: bool = False) -> _Grader:
        grader = _Grader(index, processes, submissions, output, seed, replacement)
        selector.register(grader.socket, selectors.EVENT_READ, grader)
        if index < len(graders):
            graders[index] = grader
        else:
            graders.append(grader)
        return grader

    def give_next(grader: _Grader) -> None:
        nonlocal busy
        if waiting:
            grader.give(waiting.popleft())
            busy += 1

    def replace(grader: _Grader, why: str) -> _Grader:
        """Record why this student has no grade, and carry on with a fresh grading process."""
        _write_error(output, grader.student, why, seed)
        selector.unregister(grader.socket)
        grader.kill()
        return start(grader.index, replacement=True)

    for index in range(processes):
        give_next(start(index))
    # Each grading process holds its own connection to the fork server: when one is
    # killed, the server sees it close and kills that process's workers.
    from grader import forkserver

    forkserver.server().keep_only(None)
    while busy:
        for key, _events in selector.select(timeout=1.0):
            grader = key.data
            try:
                student, score = grader.finished()
            except (EOFError, OSError, pickle.UnpicklingError):  # the grading process died
                student, score = grader.student, None
                grader = replace(grader, _("grading this submission stopped unexpectedly"))
            busy -= 1
            progress(student, score)
            give_next(grader)
        for grader in graders:
            if grader.student and time.monotonic() - grader.since > SUBMISSION_TIME_LIMIT:
                student = grader.student
                fresh = replace(grader, _("grading did not finish within {seconds} s").format(
                    seconds=SUBMISSION_TIME_LIMIT))
                busy -= 1
                progress(student, None)
                give_next(fresh)
    for grader in graders:
        grader.give(None)
        os.waitpid(grader.pid, 0)


# ---- the gradebook ----------------------------------------------------------------


def function_scores(document: dict) -> dict[str, float]:
    """Score per function, from the verdicts a results file holds."""
    from grader.results import verdicts

    scores = {e.name: 0.0 for e in course.EXERCISES}
    for result in verdicts(document):
        scores[result.exercise.name] = result.score
    return scores


def _results_files(output: Path) -> list[Path]:
    """Every student's results file in ``output`` (the state file starts with a dot)."""
    return [path for path in sorted(output.glob("*.json")) if not path.name.startswith(".")]


def write_gradebook(output: Path) -> list[tuple[str, dict]]:
    """``gradebook.csv`` from every ``<student>.json`` in ``output``, by student name."""
    rows = [(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in _results_files(output)]
    with open(output / "gradebook.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "total"] + [e.name for e in course.EXERCISES])
        for student, document in rows:
            scores = function_scores(document)
            # A folder name that is not UTF-8 (GBK, from a zip made on Chinese Windows) as readable text.
            writer.writerow([readable(student), _number(document["score"])]
                            + [_number(scores[e.name]) for e in course.EXERCISES])
    return rows


def _number(value: float) -> str:
    return f"{round(float(value), 4):g}"


def summary(rows: list[tuple[str, dict]]) -> str:
    if not rows:
        return _("no submissions graded")
    totals = [float(document["score"]) for _student, document in rows]
    lines = [ngettext("{count} student, mean {mean} / {max_score}, median {median}",
                      "{count} students, mean {mean} / {max_score}, median {median}", len(rows)).format(
        count=len(rows), mean=f"{statistics.mean(totals):.1f}", max_score=f"{course.MAX_SCORE:g}",
        median=f"{statistics.median(totals):.1f}")]
    for exercise in course.EXERCISES:
        full = sum(function_scores(d)[exercise.name] >= exercise.points - 1e-9 for _student, d in rows)
        share = _("{percent}% full marks").format(percent=f"{100 * full / len(rows):5.1f}")
        lines.append(f"  {exercise.name:<24} {share}")
    return "\n".join(lines)


# ---- commands ---------------------------------------------------------------------


def run_grade_batch(args: argparse.Namespace) -> int:
    from grader import forkserver, sandbox

    submissions = args.submissions
    if not submissions.is_dir():
        raise UsageError(_("no such directory: {folder}").format(folder=submissions))
    shard = parse_shard(args.shard)
    jobs = args.jobs or os.cpu_count() or 1
    if jobs < 1:
        raise UsageError(_("--jobs must be at least 1"))
    from grader import recorded

    recorded.check_seed(args.seed)
    output = args.output
    output.mkdir(parents=True, exist_ok=True)
    _check_state(output, args.seed, args.force)
    mine = students(submissions, shard)
    todo = [s for s in mine if args.force or not _graded(output, s)]
    print(ngettext("{count} student in this shard, {done} already graded, {todo} to grade with {jobs} jobs",
                   "{count} students in this shard, {done} already graded, {todo} to grade with {jobs} jobs",
                   len(mine)).format(count=len(mine), done=len(mine) - len(todo), todo=len(todo), jobs=jobs),
          file=sys.stderr)

    if todo:
        forkserver.start_server(connections=min(jobs, len(todo)))
        sandbox.hide(submissions, output)
        _prepare_grading()
        _grade_class(todo, submissions.resolve(), output.resolve(), args.seed, jobs, _progress_printer(len(todo)))
    rows = write_gradebook(output)
    print(summary([(s, d) for s, d in rows if s in set(mine)]), file=sys.stderr)
    print(_("gradebook: {path}").format(path=output / "gradebook.csv"), file=sys.stderr)
    from grader.class_report import after_grading

    print(after_grading(output, complete=shard[1] == 1), file=sys.stderr)
    return 0


def _progress_printer(total: int):
    """done / total, rate and time left, on one line of a terminal (a line each in a log)."""
    started = time.monotonic()
    done = 0
    terminal = sys.stderr.isatty()

    def show(student: str, score: float | None) -> None:
        nonlocal done
        done += 1
        elapsed = time.monotonic() - started
        rate = done / elapsed * 60 if elapsed else 0.0
        left = (total - done) / (done / elapsed) if done and elapsed else 0.0
        shown = _("error") if score is None else f"{score:g}"
        line = _("[{done}/{total}] {rate}/min, {left} s left — {student}: {score}").format(
            done=done, total=total, rate=f"{rate:.0f}", left=f"{left:.0f}", student=student, score=shown)
        print(("\r\033[K" if terminal else "") + line, end="" if terminal and done < total else "\n",
              file=sys.stderr, flush=True)

    return show


def _seed_of(folder: Path) -> int | None:
    state = folder / STATE_FILE
    if not state.exists():
        return None
    try:
        return json.loads(state.read_text(encoding="utf-8")).get("seed")
    except (OSError, ValueError, AttributeError):
        raise UsageError(_("{state} cannot be read: was {folder} written by grade-batch?").format(
            state=state, folder=folder)) from None


def run_merge(args: argparse.Namespace) -> int:
    import shutil

    output = args.output
    for folder in args.folders:
        if not folder.is_dir():
            raise UsageError(_("no such directory: {folder}").format(folder=folder))
    # Every folder's seed first: slices graded on other inputs must not be joined, and
    # nothing is copied until that is known.
    seeds = {folder: _seed_of(folder) for folder in args.folders}
    known = {seed for seed in seeds.values() if seed is not None}
    if len(known) > 1:
        listed = ", ".join(f"{folder} (--seed {seed})" for folder, seed in seeds.items())
        raise UsageError(_("the folders were graded with different seeds: {folders}").format(folders=listed))
    output.mkdir(parents=True, exist_ok=True)
    for folder in args.folders:
        if folder.resolve() == output.resolve():
            continue
        for path in _results_files(folder):
            shutil.copyfile(path, output / path.name)
    if known:
        (output / STATE_FILE).write_text(json.dumps({"seed": known.pop()}) + "\n", encoding="utf-8")
    rows = write_gradebook(output)
    print(summary(rows), file=sys.stderr)
    print(_("gradebook: {path}").format(path=output / "gradebook.csv"), file=sys.stderr)
    from grader.class_report import after_grading

    print(after_grading(output), file=sys.stderr)
    return 0
