"""What ``watch`` knows of each function, and which ones it checks next.

- A save re-checks the saved file's functions: the one in progress first, and
  alone, so that its verdict comes as soon as it can; then the ones whose code
  changed; then the rest of the file. A function waiting on another exercise is
  checked again when that exercise's file is saved.
- Each save starts a new generation of its file: a verdict graded from an older
  generation is dropped (the newer check is already queued).
- ``SLOTS`` checks run at once: one waits on its worker while the other works.
- A verdict stored by an earlier ``watch``, ``check`` or ``progress`` for the same
  file and grader (``grader.progress``) is not checked again at the start.

Nothing here starts a thread or draws: ``due`` says which checks to start, and
``finish`` takes their verdicts.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from grader import course, layout, progress
from grader.i18n import _
from grader.verdict import ExerciseVerdict, Status
from grader.watch.events import Notice

SLOTS = 2


@dataclass(eq=False)  # a job is itself, not any job of the same function and generation
class Job:
    exercise: course.Exercise
    generation: int  # of the exercise's file when the job started


@dataclass(frozen=True)
class Change:
    """What one check of a run found, against what was known before it."""

    before: ExerciseVerdict | None  # None: nothing was known
    after: ExerciseVerdict

    @property
    def name(self) -> str:
        return self.after.exercise.name


class Trigger(StrEnum):
    """What started a run (the screen says it in the student's language)."""

    STARTED = "started"
    SAVED = "saved"  # a save of ``Run.file``
    GONE = "gone"  # ``Run.file`` was deleted or renamed
    CHECK_ALL = "check all"  # the key ``a``


@dataclass
class Run:
    """The checks one event asked for: a save, ``a``, the start."""

    number: int
    trigger: Trigger
    when: str
    names: list[str]
    changes: list[Change] = field(default_factory=list)
    file: str = ""  # the file saved, or gone


@dataclass(frozen=True)
class Saved:
    """What a save of one file means."""

    module: str
    focus: course.Exercise | None  # the function in progress after this save
    edited: tuple[str, ...] = ()  # functions whose code changed, in file order
    problem: Notice | None = None  # why the file is not checked (it does not parse...)


def function_sources(tree: ast.Module) -> dict[str, str]:
    """Each top-level function's code, to tell which ones a save changed."""
    return {node.name: ast.dump(node) for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


class Schedule:
    def __init__(self, submission: Path, exercises: list[course.Exercise]) -> None:
        self.submission = submission
        self.folder = submission.resolve()
        self.exercises = exercises
        self.names = {e.name for e in exercises}
        self.modules = list(dict.fromkeys(e.module for e in exercises))
        self.results: dict[str, ExerciseVerdict] = {}
        self.from_cache: set[str] = set()  # verdicts stored by an earlier run, not checked here
        self.others: dict[str, progress.Entry] = {}  # the course's other functions, as far as known
        self.pending: list[course.Exercise] = []
        self.running: dict[str, Job] = {}
        self.solo: str | None = None  # the function to check alone (the one in progress)
        self.solo_job: Job | None = None  # ...while it is being checked
        self.generation = {m: 0 for m in course.LECTURES}
        self.sources: dict[str, dict[str, str]] = {}
        self.run: Run | None = None
        self.runs = 0

    # ---- what is known ----------------------------------------------------------------

    def status(self, exercise: course.Exercise) -> Status | None:
        result = self.results.get(exercise.name)
        return result.status if result else None

    def busy(self, name: str) -> bool:
        return name in self.running or any(e.name == name for e in self.pending)

    def next_unfinished(self, after: course.Exercise | None = None) -> course.Exercise | None:
        """The next function that does not pass, in course order, after ``after`` (not itself)."""
        order = self.exercises
        start = order.index(after) + 1 if after in order else 0
        return next((e for e in order[start:] + order[:start]
                     if self.status(e) is not Status.PASSED and e != after), None)

    # ---- what to check ----------------------------------------------------------------

    def start(self) -> None:
        """Take what is known without running anything, and queue the rest."""
        for module in self.modules:
            tree = layout.parse(self.submission / f"{module}.py")
            self.sources[module] = function_sources(tree) if tree else {}
        entries, _ = progress.survey(self.submission)
        self.others = {e.exercise.name: e for e in entries
                       if e.exercise.name not in self.names and e.status is not Status.NOT_RUN}
        for name, result in progress.recall(self.submission, self.exercises).items():
            self.results[name] = result
            self.from_cache.add(name)
        self.begin(Trigger.STARTED, [e for e in self.exercises if e.name not in self.results])

    def begin(self, trigger: Trigger, exercises: list[course.Exercise], solo: str | None = None,
              file: str = "") -> None:
        """A new run: these exercises ahead of whatever is still queued."""
        self.runs += 1
        self.run = Run(self.runs, trigger, time.strftime("%H:%M:%S"), [e.name for e in exercises], file=file)
        self.pending = exercises + [e for e in self.pending if e not in exercises]
        self.solo = solo

    def check_all(self) -> None:
        self.from_cache.clear()
        for module in self.modules:
            self.generation[module] += 1  # verdicts still on their way are from before
        self.begin(Trigger.CHECK_ALL, list(self.exercises))

    def modules_saved(self, paths: frozenset[Path] | set[Path]) -> list[str]:
        """The watched files among these saved paths (a new file may be the missing one)."""
        missing = [m for m in self.modules if not (self.submission / f"{m}.py").is_file()]
        touched: list[str] = []
        for path in sorted(paths):
            if path.parent.resolve() != self.folder or path.suffix != ".py":
                continue
            touched += [path.stem] if path.stem in self.modules else missing
        return list(dict.fromkeys(touched))

    def save(self, module: str, focus: course.Exercise | None) -> Saved:
        """Queue the checks one save of ``module`` calls for."""
        path = self.submission / f"{module}.py"
        mine = [e for e in self.exercises if e.module == module]
        edited: list[str] = []
        self.generation[module] += 1
        if path.is_file():
            try:
                source = path.read_bytes().decode("utf-8", "replace")
            except OSError as error:
                return Saved(module, focus, problem=Notice(_("{file} could not be read: {error}").format(
                    file=path.name, error=error.strerror)))
            problem = self._unreadable(path, source)
            if problem is not None:
                self.pending = [e for e in self.pending if e.module != module]  # nothing to check until fixed
                return Saved(module, focus, problem=problem)
            functions = function_sources(ast.parse(source))
            before = self.sources.get(module, {})
            edited = [e.name for e in mine if functions.get(e.name) != before.get(e.name)]
            self.sources[module] = functions
            trigger = Trigger.SAVED
        else:
            trigger = Trigger.GONE
        self.from_cache.difference_update(edited)
        if edited:
            focus = course.BY_NAME[edited[0]]
        elif focus is None or focus.module != module:
            focus = next((e for e in mine if self.status(e) is not Status.PASSED), mine[0])
        order = [focus] + [e for e in mine if e.name in edited and e != focus]
        order += [e for e in mine if e not in order] + self._waiting_on(module)
        self.begin(trigger, order, solo=focus.name, file=path.name)
        return Saved(module, focus, tuple(edited))

    def _unreadable(self, path: Path, source: str) -> Notice | None:
        """Why a saved file cannot be checked yet (saved in the middle of typing), if so."""
        if not source.strip():
            return Notice(_("{file} is empty — waiting for the next save").format(file=path.name), "warning")
        try:
            compile(source, path.name, "exec", dont_inherit=True)
        except SyntaxError as error:
            # error.msg is Python's own (English) words: quoted as Python says them.
            sentence = (_("{file} line {line}: {error} — not checked; fix it and save again") if error.lineno
                        else _("{file}: {error} — not checked; fix it and save again"))
            return Notice(sentence.format(file=path.name, line=error.lineno, error=error.msg))
        except (ValueError, RecursionError, MemoryError) as error:
            return Notice(_("{file} could not be parsed ({error})").format(
                file=path.name, error=type(error).__name__))
        return None

    def _waiting_on(self, module: str) -> list[course.Exercise]:
        """Functions of other files waiting on an exercise of ``module``."""
        return [e for e in self.exercises if e.module != module
                and (result := self.results.get(e.name)) is not None and result.status is Status.WAITING
                and result.waiting_on in course.BY_NAME and course.BY_NAME[result.waiting_on].module == module]

    def due(self) -> list[Job]:
        """The checks to start now, while slots are free: the one in progress alone."""
        started: list[Job] = []
        while len(self.running) < SLOTS and self.pending and self.solo_job is None:
            if self.solo is not None:
                wanted = next((e for e in self.pending if e.name == self.solo), None)
                if wanted is None:
                    self.solo = None
                    continue
                if wanted.name in self.running:
                    break  # its check from an older save is still on: then this one, alone
                self.pending.remove(wanted)
                self.solo_job = self._job(wanted)
                started.append(self.solo_job)
                break
            index = next((i for i, e in enumerate(self.pending) if e.name not in self.running), None)
            if index is None:
                break
            started.append(self._job(self.pending.pop(index)))
        return started

    def _job(self, exercise: course.Exercise) -> Job:
        job = Job(exercise, self.generation[exercise.module])
        self.running[exercise.name] = job
        return job

    def finish(self, job: Job, result: ExerciseVerdict | None) -> None:
        """A check is over: keep its verdict unless its file was saved again since."""
        name = job.exercise.name
        if self.running.get(name) is job:
            del self.running[name]
        if job is self.solo_job:
            self.solo_job = self.solo = None
        if result is None or job.generation != self.generation[job.exercise.module]:
            return
        before = self.results.get(name)
        self.results[name] = result
        self.from_cache.discard(name)
        if self.run is not None and name in self.run.names:
            self.run.changes = [c for c in self.run.changes if c.name != name] + [Change(before, result)]
