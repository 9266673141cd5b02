"""``python -m grader watch [NAME ...] [--submission DIR]``: re-check on every save.

The student's loop: edit, save, read what changed, press ``h`` for a hint, go on.

- Every save of a submission file re-checks that file's functions, the ones whose
  code changed first (each alone, so that its verdict comes as soon as it can);
  a save that does not parse gets one line, and the last results stay.
- The screen is redrawn in place (no alternate screen, no mouse: any terminal,
  over SSH too): what the last save changed, the function in progress with its
  first failure and its counterexample, the course strip and the total, and the
  keys: ``h`` next hint for that function, ``n`` next unfinished function,
  ``a`` check all again, ``q`` quit. Ctrl-C quits as well (exit status 0).
- Torch is imported once, here, and by the fork server that forks one worker per
  function; a check after a save costs the check, not an interpreter start.
- Results are stored where ``python -m grader progress`` finds them
  (``grader.progress``), and a function whose file is unchanged since then is
  not checked again when ``watch`` starts.

Files are watched with ``watchfiles`` (inotify on Linux; set
``WATCHFILES_FORCE_POLLING=1`` on a file system without it).
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import queue
import select
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from grader import course, layout, progress
from grader.report_text import MARK, STATUS_WORDS, STYLE, exercise_blocks, CODE, TITLE, NOTE, READ
from grader.verdict import ExerciseVerdict, Status, points

KEYS = "h hint · n next unfinished · a check all · q quit"
SLOTS = 2  # exercises graded at once (one waits on its worker while the other works)
PASSED, FAILED = Status.PASSED, Status.FAILED
WORDS = {Status.PASSED: "passes", Status.FAILED: "fails", Status.CRASHED: "crashes", Status.TIMED_OUT: "times out",
         Status.BANNED: "banned call", Status.NOT_WRITTEN: "not started", Status.WAITING: "waiting",
         Status.MISSING: "missing", Status.NOT_RUN: "not checked"}
CLEAR, HOME, ERASE_LINE, ERASE_BELOW = "\x1b[2J", "\x1b[H", "\x1b[K", "\x1b[J"
HIDE_CURSOR, SHOW_CURSOR = "\x1b[?25l", "\x1b[?25h"


@dataclass
class Job:
    exercise: course.Exercise
    generation: int  # of the module's file when the job started; older results are dropped
    fingerprint: str | None


@dataclass
class Change:
    name: str
    before: str | None  # status before this run (None: unknown)
    after: str
    score_delta: float
    checks: tuple[int, int]  # checks passed, checks in all
    checks_before: tuple[int, int] | None
    first_failure: str  # title of the first failing check, "" if none
    first_failure_before: str


@dataclass
class Run:
    number: int
    trigger: str  # "started", "saved l01_regression.py", "check all"
    when: str
    names: list[str]
    changes: list[Change] = field(default_factory=list)


def _passed_checks(result: ExerciseVerdict) -> tuple[int, int]:
    return sum(c.passed for c in result.checks), len(result.checks)


def _first_failure_title(result: ExerciseVerdict) -> str:
    lead = result.lead
    return lead.title if lead is not None and result.status is FAILED else ""


def _function_dumps(tree: ast.Module) -> dict[str, str]:
    return {node.name: ast.dump(node) for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


class Watcher:
    def __init__(self, submission: Path, exercises: list[course.Exercise], out: TextIO,
                 keys: bool, screen: bool) -> None:
        self.submission = submission
        self.exercises = exercises
        self.names = {e.name for e in exercises}
        self.modules = list(dict.fromkeys(e.module for e in exercises))
        self.out = out
        self.keys = keys
        self.screen = screen  # redraw in place (a terminal) or print each finished run (a pipe)
        self.events: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.results: dict[str, ExerciseVerdict] = {}
        self.from_cache: set[str] = set()
        self.pending: list[course.Exercise] = []
        self.running: dict[str, Job] = {}
        self.solo: str | None = None  # the exercise to grade alone (the one just edited)
        self.solo_job: Job | None = None  # ...while it is being graded
        self.generation = {m: 0 for m in course.LECTURES}
        self.sources: dict[str, dict[str, str]] = {}
        self.focus: course.Exercise | None = None
        self.hint_level = 0
        self.message = ""  # one line: a syntax error, the last hint reached...
        self.message_style = "red"
        self.run: Run | None = None
        self.runs = 0
        self.resized = False
        self.first_frame = True
        self.printed_run = 0  # the last run printed whole (pipe mode)
        self.others: dict[str, progress.Entry] = {}
        self.finished = False

    # ---- events -------------------------------------------------------------------------

    def start(self) -> None:
        for module in self.modules:
            path = self.submission / f"{module}.py"
            tree = layout.parse(path)
            self.sources[module] = _function_dumps(tree) if tree else {}
        entries, _ = progress.survey(self.submission)
        self.others = {e.exercise.name: e for e in entries  # known without running anything
                       if e.exercise.name not in self.names and e.status is not Status.NOT_RUN}
        for name, result in progress.recall(self.submission, self.exercises).items():
            self.results[name] = result
            self.from_cache.add(name)
        stale = [e for e in self.exercises if e.name not in self.results]
        self._begin_run("started", stale)
        self.focus = self._first_unfinished() or self.exercises[0]
        threading.Thread(target=self._watch_files, daemon=True, name="watch-files").start()
        if self.keys:
            threading.Thread(target=self._read_keys, daemon=True, name="watch-keys").start()

    def _watch_files(self) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(
                self.submission, watch_filter=lambda change, path: path.endswith(".py"),
                recursive=False, step=30, stop_event=self.stop, raise_interrupt=False,
                rust_timeout=1000,
            ):
                self.events.put(("files", {Path(path) for _, path in changes}))
        except Exception as error:  # noqa: BLE001 - said on screen, the rest still works
            self.events.put(("error", f"watching files stopped: {type(error).__name__}: {error}"))

    def _read_keys(self) -> None:
        fd = sys.stdin.fileno()
        while not self.stop.is_set():
            try:
                ready, _, _ = select.select([fd], [], [], 0.2)
                if not ready:
                    continue
                data = os.read(fd, 64)
            except (OSError, ValueError):
                return
            if not data:
                return
            if data.startswith(b"\x1b"):
                continue  # an arrow key or another escape sequence
            for key in data.decode("utf-8", "ignore"):
                self.events.put(("key", key))

    def _grade(self, job: Job) -> None:
        from grader.session import grade_one

        try:
            result = grade_one(self.submission, job.exercise)
        except BaseException as error:  # noqa: BLE001 - a fault of the grader: said on screen
            self.events.put(("error", f"the grader failed on {job.exercise.name}: {type(error).__name__}: {error}"))
            result = None
        self.events.put(("result", job, result))

    def loop(self) -> None:
        self.start()
        self.dispatch()
        self.render()
        while not self.finished:
            try:
                event = self.events.get(timeout=0.25)
            except queue.Empty:
                if self.resized:
                    self.resized = False
                    self.render()
                continue
            self.handle(event)
            while not self.finished:
                try:
                    self.handle(self.events.get_nowait())
                except queue.Empty:
                    break
            if self.finished:
                break
            self.dispatch()
            self.render()

    def handle(self, event: tuple) -> None:
        kind = event[0]
        if kind == "files":
            self.saved(event[1])
        elif kind == "key":
            self.key(event[1])
        elif kind == "result":
            self.finished_job(event[1], event[2])
        elif kind == "error":
            self.message, self.message_style = event[1], "red"

    def dispatch(self) -> None:
        """Start checks while slots are free: the function just edited first, and alone."""
        while len(self.running) < SLOTS and self.pending:
            if self.solo_job is not None:
                return
            if self.solo is not None:
                wanted = next((e for e in self.pending if e.name == self.solo), None)
                if wanted is None:
                    self.solo = None
                    continue
                if wanted.name in self.running:
                    return  # its check from an older save is still on: then this one, alone
                self.pending.remove(wanted)
                self.solo_job = self._start(wanted)
                return
            index = next((i for i, e in enumerate(self.pending) if e.name not in self.running), None)
            if index is None:
                return
            self._start(self.pending.pop(index))

    def _start(self, exercise: course.Exercise) -> Job:
        job = Job(exercise, self.generation[exercise.module], progress.fingerprint(self.submission, exercise))
        self.running[exercise.name] = job
        threading.Thread(target=self._grade, args=(job,), daemon=True, name=f"grade-{exercise.name}").start()
        return job

    def _begin_run(self, trigger: str, exercises: list[course.Exercise], solo: str | None = None) -> None:
        self.runs += 1
        self.run = Run(self.runs, trigger, time.strftime("%H:%M:%S"), [e.name for e in exercises])
        ahead = [e for e in exercises]
        self.pending = ahead + [e for e in self.pending if e not in ahead]
        self.solo = solo

    def saved(self, paths: set[Path]) -> None:
        missing = [m for m in self.modules if not (self.submission / f"{m}.py").is_file()]
        touched: list[str] = []
        for path in sorted(paths):
            if path.parent.resolve() != self.submission or path.suffix != ".py":
                continue
            if path.stem in self.modules:
                touched.append(path.stem)
            else:
                touched += missing  # a new or renamed file: perhaps the missing one
        for module in dict.fromkeys(touched):
            self._saved_module(module)

    def _saved_module(self, module: str) -> None:
        path = self.submission / f"{module}.py"
        self.generation[module] += 1
        mine = [e for e in self.exercises if e.module == module]
        edited: list[str] = []
        if path.is_file():
            try:
                source = path.read_bytes().decode("utf-8", "replace")
            except OSError:
                return
            if not source.strip():
                self.message, self.message_style = f"{path.name} is empty — waiting for the next save", "yellow"
                return
            try:
                compile(source, path.name, "exec", dont_inherit=True)
                tree = ast.parse(source)
            except SyntaxError as error:
                where = f" line {error.lineno}" if error.lineno else ""
                self.message = f"{path.name}{where}: {error.msg} — not checked; fix it and save again"
                self.message_style = "red"
                self.pending = [e for e in self.pending if e.module != module]
                return
            except (ValueError, RecursionError, MemoryError) as error:
                self.message, self.message_style = f"{path.name} could not be parsed ({type(error).__name__})", "red"
                return
            dumps = _function_dumps(tree)
            before = self.sources.get(module, {})
            edited = [e.name for e in mine if dumps.get(e.name) != before.get(e.name)]
            self.sources[module] = dumps
            trigger = f"saved {path.name}"
        else:
            trigger = f"{path.name} is gone"
        self.message = ""
        order = [e for e in mine if e.name in edited] + [e for e in mine if e.name not in edited]
        for name in edited:
            self.from_cache.discard(name)
        previous_focus = self.focus
        if edited:
            self.focus = course.BY_NAME[edited[0]]
        elif self.focus is None or self.focus.module != module:
            unfinished = [e for e in mine if self._status(e) != PASSED]
            self.focus = (unfinished or mine or [self.focus])[0]
        if self.focus is not None and self.focus in order:  # the one in progress first, alone
            order.remove(self.focus)
            order.insert(0, self.focus)
        if self.focus != previous_focus:
            self.hint_level = 0
        self._begin_run(trigger, order, solo=order[0].name if order else None)

    def key(self, key: str) -> None:
        if key in ("q", "Q", "\x04"):
            self.finished = True
        elif key == "h":
            self._next_hint()
        elif key == "n":
            self._next_unfinished()
        elif key == "a":
            self.message = ""
            self.from_cache.clear()
            for module in self.modules:
                self.generation[module] += 1  # results still on their way are from before
            self._begin_run("check all", list(self.exercises))
        elif key in ("\r", "\n"):
            self.render(force=True)

    def _next_hint(self) -> None:
        from grader.hints import hints_for

        if self.focus is None:
            return
        hints = hints_for(self.focus)
        if self.hint_level < len(hints):
            self.hint_level += 1
            self.message = ""
        else:
            self.message = (f"that was the last of {len(hints)} hints for {self.focus.name}; "
                            f"read {self.focus.url}")
            self.message_style = "yellow"

    def _next_unfinished(self) -> None:
        order = self.exercises
        start = order.index(self.focus) + 1 if self.focus in order else 0
        for exercise in order[start:] + order[:start]:
            if self._status(exercise) != PASSED and exercise != self.focus:
                self.focus, self.hint_level, self.message = exercise, 0, ""
                return
        if self.focus is not None and self._status(self.focus) != PASSED:
            self.message, self.message_style = f"{self.focus.name} is the only unfinished function left", "yellow"
        else:
            self.message, self.message_style = "every function you watch passes", "green"

    def finished_job(self, job: Job, result: Any) -> None:
        name = job.exercise.name
        self.running.pop(name, None)
        if job is self.solo_job:
            self.solo_job = self.solo = None
        if result is None or job.generation != self.generation[job.exercise.module]:
            return  # graded from an older save: its newer check is queued
        before = self.results.get(name)
        self.results[name] = result
        self.from_cache.discard(name)
        if self.run is not None and name in self.run.names:
            self.run.changes = [c for c in self.run.changes if c.name != name]
            self.run.changes.append(Change(
                name, before.status if before else None, result.status,
                result.score - (before.score if before else 0.0), _passed_checks(result),
                _passed_checks(before) if before else None, _first_failure_title(result),
                _first_failure_title(before) if before else "",
            ))

    # ---- what is known --------------------------------------------------------------------

    def _status(self, exercise: course.Exercise) -> str | None:
        result = self.results.get(exercise.name)
        return result.status if result else None

    def _first_unfinished(self) -> course.Exercise | None:
        return next((e for e in self.exercises if self._status(e) != PASSED), None)

    def _busy(self, name: str) -> bool:
        return name in self.running or any(e.name == name for e in self.pending)

    # ---- the screen -------------------------------------------------------------------------

    def _lines(self, width: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
        """The screen as (text, style) lines: the top, the focus block, the bottom."""
        top: list[tuple[str, str]] = []
        score = sum(r.score for r in self.results.values())
        top.append((f"grader watch · {self.submission} · {len(self.exercises)} function"
                    f"{'s' if len(self.exercises) != 1 else ''}", "bold"))
        run = self.run
        if run is not None:
            busy = [n for n in run.names if self._busy(n)]
            state = f" · checking {busy[0]}…" if busy and len(busy) == 1 else (
                f" · checking {len(busy)} functions…" if busy else "")
            cached = len([n for n in self.from_cache if n in self.names])
            if run.trigger == "started" and cached:
                state += f" · {cached} unchanged since last time"
            top.append((f"Run {run.number} · {run.when} · {run.trigger}{state}", "bold cyan"))
            top += self._changes(run)
        if self.message:
            top.append((self.message, self.message_style))
        top.append(("─" * min(width, 100), "dim"))
        focus = self._focus_lines(width)
        bottom = [("─" * min(width, 100), "dim"), (self._strip(), ""),
                  (self._total_line(score), "bold")]
        if self.keys:
            bottom.append((KEYS, "dim"))
        return top, focus, bottom

    def _changes(self, run: Run) -> list[tuple[str, str]]:
        """What this run changed, one line a function; first results and unchanged ones summed up."""
        order = {name: index for index, name in enumerate(run.names)}
        changes = sorted(run.changes, key=lambda c: order.get(c.name, 0))
        first = [c for c in changes if c.before is None]
        moved = [c for c in changes if c.before is not None and (
            c.before != c.after or (c.after == FAILED and (c.checks != c.checks_before
                                                            or c.first_failure != c.first_failure_before)))]
        same = [c for c in changes if c.before is not None and c not in moved]
        lines = [self._change_line(c) for c in moved[:6]]
        if len(moved) > 6:
            lines.append((f"  … and {len(moved) - 6} more changed", "dim"))
        if len(first) <= 2:
            lines += [self._change_line(c) for c in first]
        else:
            counts = {}
            for change in first:
                word = WORDS.get(change.after, change.after)
                counts[word] = counts.get(word, 0) + 1
            summary = ", ".join(f"{n} {word}" for word, n in counts.items())
            lines.append((f"  checked {len(first)}: {summary}", "dim"))
        if same:
            names = ", ".join(c.name for c in same[:4]) + (", …" if len(same) > 4 else "")
            lines.append((f"  unchanged: {names}", "dim"))
        return lines

    def _change_line(self, change: Change) -> tuple[str, str]:
        after = WORDS.get(change.after, change.after)
        delta = f"  {'+' if change.score_delta > 0 else '−'}{points(abs(change.score_delta))} points" \
            if round(change.score_delta, 2) else ""
        passed, total = change.checks
        counted = f" ({passed}/{total} checks)" if change.after in (PASSED, FAILED) else ""
        if change.before is None:
            text = f"  {change.name}: {after}{counted}{delta}"
        elif change.before != change.after:
            text = f"  {change.name}: {WORDS.get(change.before, change.before)} → {after}{counted}{delta}"
        elif change.after == FAILED:
            was = change.checks_before[0] if change.checks_before else passed
            moved = f", was {was}" if was != passed else ""
            first = (f"; now first fails “{change.first_failure}”"
                     if change.first_failure != change.first_failure_before else "")
            text = f"  {change.name}: still fails ({passed}/{total} checks{moved}){first}{delta}"
        else:
            text = f"  {change.name}: still {after}"
        style = STYLE[change.after] if change.before != change.after or change.after == FAILED else "dim"
        return text, style

    def _focus_lines(self, width: int) -> list[tuple[str, str]]:
        exercise = self.focus
        if exercise is None:
            return []
        lines: list[tuple[str, str]] = []
        result = self.results.get(exercise.name)
        busy = self._busy(exercise.name)
        head = f"▶ {exercise.name} · {exercise.lecture.title} · “{exercise.section}”"
        lines.append((head, "bold"))
        if result is None:
            lines.append(("  ⟳ checking…" if busy else "  not checked yet", "cyan"))
        else:
            passed, total = _passed_checks(result)
            score = f"{points(result.score)}/{points(exercise.points)} points"
            verdict = f"{MARK[result.status]} {STATUS_WORDS[result.status]}"
            state = "  (checking again…)" if busy else ("  (from last time)" if exercise.name in self.from_cache
                                                        else "")
            lines.append((f"  {verdict} · {score} · {passed} of {total} checks pass{state}",
                          STYLE[result.status] + (" dim" if busy else " bold")))
            lines += self._verdict_lines(exercise, result)
        if self.hint_level:
            lines += self._hint_lines(exercise, width)
        return lines

    def _verdict_lines(self, exercise: course.Exercise, result: ExerciseVerdict) -> list[tuple[str, str]]:
        lines: list[tuple[str, str]] = []
        if result.status is PASSED:
            following = next((e for e in self.exercises[self.exercises.index(exercise) + 1:]
                              + self.exercises if self._status(e) != PASSED), None)
            if following is not None:
                lines.append((f"  Next unfinished: {following.name} — press n", "green"))
            else:
                lines.append(("  Every function you watch passes.", "green"))
            return lines
        if result.status is Status.NOT_WRITTEN:
            lines.append(("  Replace the stub's `raise NotImplementedError(...)` with your code and save.", ""))
            lines.append((f"  Read: {exercise.reading} — {exercise.url}", "dim"))
            lines.append(("  Stuck? Press h for a hint.", "dim"))
            return lines
        for kind, text in exercise_blocks(result):
            if kind == CODE:
                lines += [(line, "") for line in text.splitlines()]
            elif kind == TITLE:
                lines.append(("  " + text, "red"))
            elif kind in (NOTE, READ):
                lines.append(("  " + text, "dim"))
            else:
                lines += [("    " + line, STYLE[result.status] if result.lead is None else "")
                          for line in text.splitlines()]
        return lines

    def _hint_lines(self, exercise: course.Exercise, width: int) -> list[tuple[str, str]]:
        import textwrap

        from grader.hints import hints_for

        hints = hints_for(exercise)
        level = min(self.hint_level, len(hints))
        if not level:
            return []
        lines = [("", ""), (f"  Hint {level} of {len(hints)}:", "bold yellow")]
        for text in textwrap.wrap(hints[level - 1], width=max(20, min(width, 100) - 4)):
            lines.append(("    " + text, "yellow"))
        more = "press h for the next hint" if level < len(hints) else "that was the last hint"
        lines.append((f"    Read: {exercise.url} · {more}", "dim"))
        return lines

    def _strip(self) -> str:
        parts = []
        for module in course.LECTURES:
            marks = ""
            for exercise in (e for e in course.EXERCISES if e.module == module):
                if exercise.name in self.names:
                    status = self._status(exercise)
                    marks += MARK[status] if status else "○"
                else:
                    other = self.others.get(exercise.name)
                    marks += MARK[other.status] if other else "○"
            parts.append(f"{module.split('_')[0]} {marks}")
        return "   ".join(parts)

    def _total_line(self, score: float) -> str:
        watched_done = sum(self._status(e) == PASSED for e in self.exercises)
        others = sum(s.score for s in self.others.values())
        total = score + others
        done = watched_done + sum(s.status is PASSED for s in self.others.values())
        filled = int(round(20 * total / course.MAX_SCORE)) if course.MAX_SCORE else 0
        bar = "█" * filled + "░" * (20 - filled)
        return f"Course total {points(total)} / {points(course.MAX_SCORE)}  {bar}  {done} of {len(course.EXERCISES)} functions pass"

    def render(self, force: bool = False) -> None:
        columns, rows = shutil.get_terminal_size((100, 40))
        width = max(40, columns - 1)
        top, focus, bottom = self._lines(width)
        if not self.screen:
            self._print_run(top, focus, bottom, force)
            return
        text_lines = self._to_text(top + focus + bottom, width)
        top_count = len(self._to_text(top, width))
        bottom_lines = self._to_text(bottom, width)
        room = rows - 1 - top_count - len(bottom_lines)
        focus_lines = text_lines[top_count:len(text_lines) - len(bottom_lines)]
        if len(focus_lines) > room:
            cut = len(focus_lines) - max(room - 1, 0)
            focus_lines = focus_lines[:max(room - 1, 0)] + [
                f"    … {cut} more lines (a larger window, or python -m grader check {self.focus.name})"[:width]]
        frame = text_lines[:top_count] + focus_lines + bottom_lines
        prefix = (CLEAR if self.first_frame else "") + HOME
        self.first_frame = False
        self.out.write(prefix + "".join(line + ERASE_LINE + "\r\n" for line in frame[:-1])
                       + frame[-1] + ERASE_LINE + ERASE_BELOW)
        self.out.flush()

    def _to_text(self, lines: list[tuple[str, str]], width: int) -> list[str]:
        from rich.console import Console
        from rich.padding import Padding
        from rich.text import Text

        buffer = io.StringIO()
        console = Console(file=buffer, width=width, force_terminal=self.screen, highlight=False,
                          emoji=False, color_system="standard" if self.screen else None)
        for text, style in lines:
            body = text.lstrip(" ")
            indent = len(text) - len(body)
            # A long line wraps under itself, not at the left edge.
            console.print(Padding(Text(body, style=style, overflow="fold"), (0, 0, 0, indent)) if indent
                          else Text(text, style=style, overflow="fold"))
        return [line.rstrip(" ") for line in buffer.getvalue().rstrip("\n").split("\n")] if lines else []

    def _print_run(self, top, focus, bottom, force: bool) -> None:
        """A pipe: print the screen once per run, when nothing is left to check."""
        if self.run is None or (any(self._busy(n) for n in self.run.names) and not force) \
                or (self.printed_run == self.run.number and not force and not self.message):
            return
        self.printed_run = self.run.number
        lines = self._to_text(top + focus + bottom, 100)
        self.out.write("\n".join(lines) + "\n\n")
        self.out.flush()

    def close(self) -> None:
        self.stop.set()


def run_watch(args: argparse.Namespace) -> int:
    from grader.paths import exercises as named_exercises
    from grader.paths import submission_folder
    from grader.session import start_fork_server

    submission = submission_folder(args.submission)
    exercises = named_exercises(args.names)
    start_fork_server()
    out = sys.stdout
    screen = out.isatty() and os.environ.get("TERM") != "dumb"  # a dumb terminal gets the pipe's output
    keys = sys.stdin.isatty()
    if screen:
        out.write("grader watch: loading torch and the checks…\r\n")
        out.flush()
    import grader.runner  # noqa: F401 - torch, once, before the first save

    watcher = Watcher(submission, exercises, out, keys=keys, screen=screen)
    terminal = None
    if keys:
        import termios
        import tty

        terminal = termios.tcgetattr(sys.stdin.fileno())
        tty.setcbreak(sys.stdin.fileno())
    if screen:
        out.write(HIDE_CURSOR)
        signal.signal(signal.SIGWINCH, lambda *_: setattr(watcher, "resized", True))
    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # a kill or a closed terminal: leave the terminal as it was

    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), stop)
    try:
        watcher.loop()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.close()
        try:
            if terminal is not None:
                import termios

                termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, terminal)
            if screen:
                out.write(SHOW_CURSOR + "\r\n")
            out.write("Stopped watching. Your course map: python -m grader progress\n")
            out.flush()
        except (OSError, ValueError):
            pass  # the terminal is gone (SIGHUP)
    return 0
