"""``watch``'s screen: what is known, as rows of text that fit the terminal.

One frame, top to bottom: the run and what it changed, the function in focus (its
verdict as ``grader.report_text.exercise_blocks`` renders it, and the hints asked
for), the course strip, the total and the keys. In a terminal the frame is redrawn
in place (no alternate screen, no mouse: any terminal, over SSH too) and fitted to
its size; into a pipe, each run is printed once, whole, when nothing is left to check.

When the focus block is too tall (``fit``), the failing input's argument lines go
first, replaced by one line saying how to see it whole; the verdict, expected
against received, the hint and the link stay (see ``Keep`` for the order).
"""

from __future__ import annotations

import functools
import io
import shutil
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TextIO

from rich.cells import chop_cells, set_cell_size
from rich.console import Console
from rich.text import Text

from grader import course
from grader.report_text import (
    CODE, MARK, NOTE, PASTE_HEADER, READ, STATUS_WORDS, STYLE, TITLE, exercise_blocks, footer_lines, headline,
    read_line, value_lines,
)
from grader.verdict import FOUND_BY_A_CHECK, Counterexample, ExerciseVerdict, Status, points
from grader.watch.events import Notice
from grader.watch.schedule import Change, Run, Schedule

KEYS = "h hint · n next unfinished · a check all · q quit"
CLEAR, HOME, ERASE_LINE, ERASE_BELOW = "\x1b[2J", "\x1b[H", "\x1b[K", "\x1b[J"
HIDE_CURSOR, SHOW_CURSOR = "\x1b[?25l", "\x1b[?25h"
# How a change line says each status.
WORDS = {Status.PASSED: "passes", Status.FAILED: "fails", Status.CRASHED: "crashes", Status.TIMED_OUT: "times out",
         Status.BANNED: "banned call", Status.NOT_WRITTEN: "not started", Status.WAITING: "waiting",
         Status.MISSING: "missing", Status.NOT_RUN: "not checked"}
NOTICE_STYLE = {"error": "red", "warning": "yellow", "done": "green"}
MOST_CHANGES = 6  # change lines shown one by one; the rest are summed up


@dataclass
class View:
    """What the student looks at: the function in focus, the hints asked for, a notice."""

    focus: course.Exercise | None = None
    hint_level: int = 0
    notice: Notice | None = None
    keys: bool = True  # the keys work (stdin is a terminal): show them


@dataclass(frozen=True)
class Row:
    """One row of the screen, at most as wide as the terminal."""

    text: str
    style: str = ""


class Keep(StrEnum):
    """What ``fit`` may do with a piece of the focus block; it works down this list."""

    ARGUMENT = "argument"  # a line of the failing input's arguments: cut first if long, the tallest first
    PASTE = "paste"  # "paste it into Python": goes with the first line of input cut
    EXTRA = "extra"  # what the code printed, the largest error, the other failing checks
    IMPORT = "import"  # the input's imports: go before its short arguments
    INPUT = "input"  # the input's call (or an input told apart from nothing): cut last of the input
    BRIEF = "brief"  # the property: shortened to one row
    WHOLE = "whole"  # the verdict, expected, received, the hint, the link: shortened last
    HEAD = "head"  # the function's name and verdict: one row each, always there


@dataclass(frozen=True)
class Piece:
    """A piece of the focus block, before it is wrapped into rows."""

    text: str
    style: str = ""
    indent: int = 0  # a prose line wraps under itself
    keep: Keep = Keep.WHOLE

    @property
    def code(self) -> bool:
        """Python: folded at the edge, as a terminal does, never at spaces."""
        return self.keep in (Keep.ARGUMENT, Keep.IMPORT, Keep.INPUT)


# ---- rows of a given width ----------------------------------------------------------------


@functools.cache
def _measure(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False)


def wrap(piece: Piece, width: int) -> list[str]:
    """The piece as rows of at most ``width`` cells (wide characters count twice)."""
    room = max(1, width - piece.indent)
    rows = []
    for line in piece.text.expandtabs().split("\n"):
        if piece.code:
            parts = chop_cells(line, room) or [""]
        else:
            parts = [part.plain.rstrip() for part in Text(line).wrap(_measure(room), room, overflow="fold")] or [""]
        rows += [" " * piece.indent + part for part in parts]
    return rows


def shorten(rows: list[str], limit: int, width: int) -> list[str]:
    """At most ``limit`` rows, the last ending in "…" if anything was left out."""
    if len(rows) <= limit:
        return rows
    return rows[:limit - 1] + [set_cell_size(rows[limit - 1], width - 1).rstrip() + "…"]


def one_row(text: str, style: str, width: int) -> Row:
    return Row(shorten(wrap(Piece(text), width), 1, width)[0], style)


# ---- fitting the focus block ----------------------------------------------------------------


def cut_note(lines: int, name: str) -> Piece:
    """The line that stands for the input's lines cut."""
    cut = f"{lines} input lines cut: python -m grader check {name} shows them all" if lines != 1 else \
        f"1 input line cut: python -m grader check {name} shows it"
    return Piece(f"… {cut}", "dim")


def fit(pieces: list[Piece], width: int, rows: int, name: str) -> list[Row]:
    """The focus block of function ``name`` in at most ``rows`` rows of ``width`` cells.

    Until it fits: the failing input's argument lines longer than a row are cut,
    the tallest first (with its paste header: what is left would not paste), and
    one line says how to see the input whole; then what the code printed, the
    largest error and the other failing checks go; then the input's imports, its
    short argument lines (the last first) and its call; then the property is
    shortened to one row; then the other long pieces to two rows, then one; last,
    rows are cut from the bottom."""
    if rows <= 0:
        return []
    wrapped = [shorten(wrap(p, width), 1, width) if p.keep is Keep.HEAD else wrap(p, width) for p in pieces]
    gone: set[int] = set()

    def left(*kinds: Keep) -> list[int]:
        return [i for i, p in enumerate(pieces) if p.keep in kinds and i not in gone]

    def cut_lines() -> int:
        return sum(len(pieces[i].text.splitlines()) for i in gone if pieces[i].code)

    def height() -> int:
        note = len(wrap(cut_note(cut_lines(), name), width)) if cut_lines() else 0
        return note + sum(len(r) for i, r in enumerate(wrapped) if i not in gone)

    for kind, tallest in ((Keep.ARGUMENT, 2), (Keep.EXTRA, 1), (Keep.IMPORT, 1), (Keep.ARGUMENT, 1),
                          (Keep.INPUT, 1)):
        while height() > rows and (candidates := [i for i in left(kind) if len(wrapped[i]) >= tallest]):
            # The imports go together: one left alone would read as if it were all.
            gone.update(candidates if kind is Keep.IMPORT else [max(candidates, key=lambda i: (len(wrapped[i]), i))])
            if cut_lines():
                gone.update(left(Keep.PASTE))
    for kind, limit in ((Keep.BRIEF, 1), (Keep.WHOLE, 2), (Keep.WHOLE, 1)):
        while height() > rows:
            tall = [i for i in left(kind) if len(wrapped[i]) > limit]
            if not tall:
                break
            index = max(tall, key=lambda i: (len(wrapped[i]), i))
            wrapped[index] = shorten(wrapped[index], limit, width)

    out: list[Row] = []
    noted = False
    for index, piece in enumerate(pieces):
        if index not in gone:
            out += [Row(text, piece.style) for text in wrapped[index]]
        elif piece.code and not noted:  # where the input was
            note = cut_note(cut_lines(), name)
            out += [Row(text, note.style) for text in wrap(note, width)]
            noted = True
    if len(out) > rows:
        more = len(out) - rows + 1
        out = out[:rows - 1] + [one_row(f"… {more} more lines: a larger window, or python -m grader check {name}",
                                        "dim", width)]
    return out


# ---- the focus block -------------------------------------------------------------------------


def input_pieces(code: str, example: Counterexample | None) -> list[Piece]:
    """The failing input, flush left: its arguments apart from its imports and call."""
    lines = code.splitlines()
    if example is None or code != example.snippet():
        return [Piece(code, keep=Keep.INPUT)]
    head = len(example.imports) + 1  # Counterexample.snippet: the imports, the function's, then arguments
    return [Piece(line, keep=Keep.IMPORT if number < head else Keep.INPUT if number == len(lines) - 1
                  else Keep.ARGUMENT) for number, line in enumerate(lines)]


def verdict_pieces(result: ExerciseVerdict) -> list[Piece]:
    """``exercise_blocks`` as pieces, each told what ``fit`` may do with it."""
    lead = result.lead
    extra: set[str] = set()  # what the code printed, the largest error
    whole: set[str] = set()
    if lead is not None:
        extra = set(footer_lines(replace(lead, hint=""))) | ({lead.details} if lead.details else set())
        whole = {headline(lead), *value_lines(lead), *footer_lines(lead)} - extra
    pieces = []
    for kind, text in exercise_blocks(result):
        if kind == CODE:
            pieces += input_pieces(text, lead.counterexample if lead else None)
        elif kind == TITLE:
            pieces.append(Piece(text, "red", 2))
        elif kind == NOTE:
            pieces.append(Piece(text, "dim", 2, Keep.EXTRA))
        elif kind == READ:
            pieces.append(Piece(text, "dim", 2))
        elif lead is None:  # one cause for the whole function, said in full
            pieces.append(Piece(text, STYLE[result.status], 4))
        elif text == PASTE_HEADER:
            pieces.append(Piece(text, "", 4, Keep.PASTE))
        else:
            keep = Keep.EXTRA if text in extra else Keep.WHOLE if text in whole else Keep.BRIEF
            pieces.append(Piece(text, "", 4, keep))
    return pieces


def status_words(result: ExerciseVerdict) -> str:
    if result.status is Status.WAITING and result.waiting_on:
        return f"waiting on {result.waiting_on}"
    return STATUS_WORDS[result.status]


def verdict_line(result: ExerciseVerdict, busy: bool, cached: bool) -> Piece:
    exercise = result.exercise
    parts = [f"{MARK[result.status]} {status_words(result)}",
             f"{points(result.score)}/{points(exercise.points)} points"]
    if result.status in (Status.PASSED, *FOUND_BY_A_CHECK):
        parts.append(f"{sum(c.passed for c in result.checks)} of {len(result.checks)} checks pass")
    state = "  (checking again…)" if busy else "  (from last time)" if cached else ""
    return Piece(" · ".join(parts) + state, STYLE[result.status] + (" dim" if busy else " bold"), 2, Keep.HEAD)


def focus_pieces(schedule: Schedule, view: View) -> list[Piece]:
    """The function in focus: its verdict and what to do next, and the hints asked for."""
    exercise = view.focus
    if exercise is None:
        return []
    pieces = [Piece(f"▶ {exercise.name} · {exercise.lecture.title} · “{exercise.section}”", "bold", 0, Keep.HEAD)]
    result = schedule.results.get(exercise.name)
    busy = schedule.busy(exercise.name)
    if result is None:
        pieces.append(Piece("⟳ checking…" if busy else "not checked yet", "cyan", 2, Keep.HEAD))
    else:
        pieces.append(verdict_line(result, busy, exercise.name in schedule.from_cache))
        pieces += next_step(schedule, result)
    return pieces + hint_pieces(exercise, view.hint_level)


def next_step(schedule: Schedule, result: ExerciseVerdict) -> list[Piece]:
    """What the verdict says, and what to do about it."""
    exercise = result.exercise
    if result.status is Status.PASSED:
        following = schedule.next_unfinished(exercise)
        if following is None:
            return [Piece("Every function you watch passes.", "green", 2)]
        return [Piece(f"Next unfinished: {following.name} — press n", "green", 2)]
    if result.status is Status.NOT_WRITTEN:
        return [Piece("Replace the stub's `raise NotImplementedError(...)` with your code and save.", "", 2),
                Piece(read_line(exercise), "dim", 2),
                Piece("Stuck? Press h for a hint.", "dim", 2, Keep.EXTRA)]
    pieces = verdict_pieces(result)
    first = course.BY_NAME.get(result.waiting_on) if result.status is Status.WAITING else None
    if first is not None and first.name in schedule.names:
        pieces.append(Piece(f"Press n to go to {first.name}.", STYLE[Status.WAITING], 2))
    return pieces


def hint_pieces(exercise: course.Exercise, level: int) -> list[Piece]:
    from grader.hints import hints_for

    hints = hints_for(exercise)
    level = min(level, len(hints))
    if not level:
        return []
    more = "press h for the next hint" if level < len(hints) else "that was the last hint"
    return [Piece("", keep=Keep.EXTRA), Piece(f"Hint {level} of {len(hints)}:", "bold yellow", 2),
            Piece(hints[level - 1], "yellow", 4), Piece(f"Read: {exercise.url} · {more}", "dim", 4)]


# ---- the rest of the frame ---------------------------------------------------------------------


def _checks(result: ExerciseVerdict) -> tuple[int, int]:
    return sum(c.passed for c in result.checks), len(result.checks)


def _first_failure(result: ExerciseVerdict) -> str:
    lead = result.lead
    return lead.title if lead is not None and result.status is Status.FAILED else ""


def _word(result: ExerciseVerdict) -> str:
    if result.status is Status.WAITING and result.waiting_on:
        return f"waiting on {result.waiting_on}"
    return WORDS[result.status]


def _moved(change: Change) -> bool:
    before, after = change.before, change.after
    if before is None:
        return False
    return _word(before) != _word(after) or (after.status is Status.FAILED and (
        _checks(before) != _checks(after) or _first_failure(before) != _first_failure(after)))


def change_line(change: Change) -> tuple[str, str]:
    before, after = change.before, change.after
    delta = after.score - (before.score if before else 0.0)
    gained = f"  {'+' if delta > 0 else '−'}{points(abs(delta))} points" if round(delta, 2) else ""
    passed, total = _checks(after)
    counted = f" ({passed}/{total} checks)" if after.status in (Status.PASSED, Status.FAILED) else ""
    if before is None:
        text = f"  {change.name}: {_word(after)}{counted}{gained}"
    elif _word(before) != _word(after):
        text = f"  {change.name}: {_word(before)} → {_word(after)}{counted}{gained}"
    elif after.status is Status.FAILED:
        was = _checks(before)[0]
        moved = f", was {was}" if was != passed else ""
        first = (f"; now first fails “{_first_failure(after)}”"
                 if _first_failure(after) != _first_failure(before) else "")
        text = f"  {change.name}: still fails ({passed}/{total} checks{moved}){first}{gained}"
    else:
        text = f"  {change.name}: still {_word(after)}"
    return text, STYLE[after.status] if _moved(change) or before is None else "dim"


def change_lines(run: Run) -> list[tuple[str, str]]:
    """What this run changed, one line a function; first results and unchanged ones summed up."""
    order = {name: index for index, name in enumerate(run.names)}
    changes = sorted(run.changes, key=lambda c: order.get(c.name, 0))
    first = [c for c in changes if c.before is None]
    moved = [c for c in changes if _moved(c)]
    same = [c for c in changes if c.before is not None and not _moved(c)]
    lines = [change_line(c) for c in moved[:MOST_CHANGES]]
    if len(moved) > MOST_CHANGES:
        lines.append((f"  … and {len(moved) - MOST_CHANGES} more changed", "dim"))
    if len(first) <= 2:
        lines += [change_line(c) for c in first]
    else:
        counts: dict[str, int] = {}
        for change in first:
            counts[_word(change.after)] = counts.get(_word(change.after), 0) + 1
        summary = ", ".join(f"{n} {word}" for word, n in counts.items())
        lines.append((f"  checked {len(first)}: {summary}", "dim"))
    if same:
        names = ", ".join(c.name for c in same[:4]) + (", …" if len(same) > 4 else "")
        lines.append((f"  unchanged: {names}", "dim"))
    return lines


def run_line(schedule: Schedule, run: Run) -> str:
    busy = [n for n in run.names if schedule.busy(n)]
    state = f" · checking {busy[0]}…" if len(busy) == 1 else f" · checking {len(busy)} functions…" if busy else ""
    cached = len(schedule.from_cache & schedule.names)
    if run.trigger == "started" and cached:
        state += f" · {cached} unchanged since last time"
    return f"Run {run.number} · {run.when} · {run.trigger}{state}"


def strip(schedule: Schedule) -> str:
    """The course map on one line: a mark per function, lecture by lecture."""
    parts = []
    for module in course.LECTURES:
        marks = ""
        for exercise in (e for e in course.EXERCISES if e.module == module):
            if exercise.name in schedule.names:
                status = schedule.status(exercise)
            else:
                other = schedule.others.get(exercise.name)
                status = other.status if other else None
            marks += MARK[status] if status else "○"
        parts.append(f"{module.split('_')[0]} {marks}")
    return "   ".join(parts)


def total_line(schedule: Schedule, width: int) -> str:
    statuses = [schedule.status(e) for e in schedule.exercises] + [e.status for e in schedule.others.values()]
    total = sum(r.score for r in schedule.results.values()) + sum(e.score for e in schedule.others.values())
    done = statuses.count(Status.PASSED)
    waiting = statuses.count(Status.WAITING)
    size = 20 if width >= 90 else 10
    filled = int(round(size * total / course.MAX_SCORE)) if course.MAX_SCORE else 0
    bar = "█" * filled + "░" * (size - filled)
    return (f"Course total {points(total)} / {points(course.MAX_SCORE)}  {bar}  {done} of {len(course.EXERCISES)} "
            f"functions pass" + (f" · {waiting} waiting" if waiting else ""))


def frame(schedule: Schedule, view: View, columns: int, rows: int | None) -> list[Row]:
    """The whole screen as rows; ``rows`` None: all of it (a pipe), else fitted to that many.

    The function in focus gets the room it needs before the title line, the change
    lines after the first and the rules do; only then is its block cut (``fit``)."""
    width = max(40, columns - 1)
    run = schedule.run
    count = len(schedule.exercises)
    title = one_row(f"grader watch · {schedule.submission} · {count} function{'s' if count != 1 else ''}",
                    "bold", width)
    top = [one_row(run_line(schedule, run), "bold cyan", width)] if run else []
    changes = [one_row(text, style, width) for text, style in change_lines(run)] if run else []
    notice = [Row(text, NOTICE_STYLE[view.notice.level])
              for text in shorten(wrap(Piece(view.notice.text), width), 2, width)] if view.notice else []
    rule = one_row("─" * min(width, 100), "dim", width)
    bottom = [one_row(strip(schedule), "", width), one_row(total_line(schedule, width), "bold", width)]
    if view.keys:
        bottom.append(one_row(KEYS, "dim", width))
    pieces = focus_pieces(schedule, view)
    if rows is None:
        focus = [Row(text, p.style) for p in pieces for text in wrap(p, width)]
        return [title, *top, *changes, *notice, rule, *focus, rule, *bottom]

    needed = sum(len(shorten(wrap(p, width), 1, width) if p.keep is Keep.HEAD else wrap(p, width)) for p in pieces)
    room = rows - len(top) - len(changes[:1]) - len(notice) - len(bottom)
    shown_changes, show_title, show_rules = changes[:1], False, False
    if room - (len(changes) - 1) >= needed and len(changes) > 1:
        shown_changes, room = changes, room - (len(changes) - 1)
    if room - 1 >= needed:
        show_title, room = True, room - 1
    if room - 2 >= needed:
        show_rules, room = True, room - 2
    focus = fit(pieces, width, room, view.focus.name if view.focus else "")
    rules = [rule] if show_rules else []
    screen = ([title] if show_title else []) + top + shown_changes + notice + rules + focus + rules + bottom
    return screen[:max(rows, 1)]


class Screen:
    """Where frames go: redrawn in place in a terminal, printed once a run into a pipe."""

    def __init__(self, out: TextIO, terminal: bool) -> None:
        self.out = out
        self.terminal = terminal
        self.first_frame = True
        self.printed: tuple[int, Notice | None] | None = None  # the last run and notice printed (a pipe)

    def draw(self, schedule: Schedule, view: View, force: bool = False) -> None:
        if not self.terminal:
            self._print_run(schedule, view, force)
            return
        columns, rows = shutil.get_terminal_size((100, 40))
        lines = self._styled(frame(schedule, view, columns, rows), columns)
        prefix = (CLEAR if self.first_frame else "") + HOME
        self.first_frame = False
        self.out.write(prefix + "".join(line + ERASE_LINE + "\r\n" for line in lines[:-1])
                       + lines[-1] + ERASE_LINE + ERASE_BELOW)
        self.out.flush()

    def _styled(self, rows: list[Row], columns: int) -> list[str]:
        buffer = io.StringIO()
        console = Console(file=buffer, width=columns, force_terminal=True, color_system="standard",
                          highlight=False, emoji=False)
        for row in rows:
            console.print(Text(row.text, style=row.style), no_wrap=True, overflow="crop")
        return buffer.getvalue().rstrip("\n").split("\n")

    def _print_run(self, schedule: Schedule, view: View, force: bool) -> None:
        """A pipe: the screen once per run, when nothing is left to check."""
        run = schedule.run
        if run is None or (any(schedule.busy(n) for n in run.names) and not force) \
                or (self.printed == (run.number, view.notice) and not force):
            return
        self.printed = (run.number, view.notice)
        self.out.write("\n".join(row.text for row in frame(schedule, view, 101, None)) + "\n\n")
        self.out.flush()
