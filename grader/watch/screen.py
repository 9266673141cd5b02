"""``watch``'s screen: what is known, as rows of text that fit the terminal.

One frame, top to bottom: the run and what it changed, the function in focus (its
verdict as ``grader.report_text.exercise_blocks`` renders it, and the hints asked
for), the course strip, the total and the keys. In a terminal the frame is redrawn
in place (no alternate screen, no mouse: any terminal, over SSH too) and fitted to
its size (``grader.watch.fit``); into a pipe, each run is printed once, whole, when
nothing is left to check.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console
from rich.text import Text

from grader import course
from grader.i18n import N_, _, ngettext
from grader.report_text import MARK, STATUS_WORDS, STYLE, Block, exercise_blocks, read_line
from grader.verdict import FOUND_BY_A_CHECK, CheckVerdict, Counterexample, ExerciseVerdict, Status, points
from grader.watch.events import Notice
from grader.watch.fit import Keep, Piece, Row, fit, height, one_row, shorten, wrap
from grader.watch.schedule import Change, Run, Schedule, Trigger

KEYS = N_("h hint · n next unfinished · a check all · q quit")
CLEAR, HOME, ERASE_LINE, ERASE_BELOW = "\x1b[2J", "\x1b[H", "\x1b[K", "\x1b[J"
HIDE_CURSOR, SHOW_CURSOR = "\x1b[?25l", "\x1b[?25h"
# How a change line says each status.
WORDS = {Status.PASSED: N_("passes"), Status.FAILED: N_("fails"), Status.CRASHED: N_("crashes"),
         Status.TIMED_OUT: N_("times out"), Status.BANNED: N_("banned call"), Status.NOT_WRITTEN: N_("not started"),
         Status.WAITING: N_("waiting"), Status.MISSING: N_("missing"), Status.NOT_RUN: N_("not checked")}
# What started a run, as the run's line says it.
TRIGGERS = {Trigger.STARTED: N_("started"), Trigger.SAVED: N_("saved {file}"), Trigger.GONE: N_("{file} is gone"),
            Trigger.CHECK_ALL: N_("check all")}
NOTICE_STYLE = {"error": "red", "warning": "yellow", "done": "green"}
MOST_CHANGES = 6  # change lines shown one by one; the rest are summed up


@dataclass
class View:
    """What the student looks at: the function in focus, the hints asked for, a notice."""

    focus: course.Exercise | None = None
    hint_level: int = 0
    notice: Notice | None = None
    keys: bool = True  # the keys work (stdin is a terminal): show them


# ---- the focus block -------------------------------------------------------------------------


def input_pieces(code: str, example: Counterexample | None) -> list[Piece]:
    """The failing input, flush left: its arguments apart from its imports and call."""
    lines = code.splitlines()
    if example is None or code != example.snippet():
        return [Piece(code, keep=Keep.INPUT)]
    head = len(example.imports) + 1  # Counterexample.snippet: the imports, the function's, then arguments
    return [Piece(line, keep=Keep.IMPORT if number < head else Keep.INPUT if number == len(lines) - 1
                  else Keep.ARGUMENT) for number, line in enumerate(lines)]


# What a small terminal may do with each kind of feedback block (grader.watch.fit).
KEEP = {Block.PASTE: Keep.PASTE, Block.DETAILS: Keep.EXTRA, Block.PRINTED: Keep.EXTRA,
        Block.PROPERTY: Keep.BRIEF, Block.HEADLINE: Keep.WHOLE, Block.VALUE: Keep.WHOLE,
        Block.HINT: Keep.WHOLE, Block.CAUSE: Keep.WHOLE}


def verdict_pieces(result: ExerciseVerdict) -> list[Piece]:
    """``exercise_blocks`` as pieces, each told what ``fit`` may do with it."""
    lead = result.lead
    pieces = []
    for kind, text in exercise_blocks(result):
        if kind is Block.CODE:
            pieces += input_pieces(text, lead.counterexample if lead else None)
        elif kind is Block.TITLE:
            pieces.append(Piece(text, "red", 2))
        elif kind is Block.NOTE:
            pieces.append(Piece(text, "dim", 2, Keep.EXTRA))
        elif kind is Block.READ:
            pieces.append(Piece(text, "dim", 2))
        elif kind is Block.CAUSE:  # one cause for the whole function, said in full
            pieces.append(Piece(text, STYLE[result.status], 4))
        else:
            pieces.append(Piece(text, "", 4, KEEP[kind]))
    return pieces


def verdict_line(result: ExerciseVerdict, busy: bool, cached: bool) -> Piece:
    exercise = result.exercise
    parts = [f"{MARK[result.status]} {said(result, STATUS_WORDS)}",
             _("{score}/{maximum} points").format(score=points(result.score), maximum=points(exercise.points))]
    if result.status in (Status.PASSED, *FOUND_BY_A_CHECK):
        passed, total = _checks(result)
        parts.append(ngettext("{passed} of {count} check passes", "{passed} of {count} checks pass", total).format(
            passed=passed, count=total))
    state = ""
    if busy:
        state = "  " + _("(checking again…)")
    elif cached:
        state = "  " + _("(from last time)")
    return Piece(" · ".join(parts) + state, STYLE[result.status] + (" dim" if busy else " bold"), 2, Keep.HEAD)


def focus_pieces(schedule: Schedule, view: View) -> list[Piece]:
    """The function in focus: its verdict and what to do next, and the hints asked for."""
    exercise = view.focus
    if exercise is None:
        return []
    where = _("{lecture} · “{section}”").format(lecture=_(exercise.lecture.title), section=_(exercise.section))
    pieces = [Piece(f"▶ {exercise.name} · {where}", "bold", 0, Keep.HEAD)]
    result = schedule.results.get(exercise.name)
    busy = schedule.busy(exercise.name)
    if result is None:
        pieces.append(Piece(("⟳ " + _("checking…")) if busy else _("not checked yet"), "cyan", 2, Keep.HEAD))
    else:
        pieces.append(verdict_line(result, busy, exercise.name in schedule.from_cache))
        pieces += next_step(schedule, result, view.keys)
    return pieces + hint_pieces(exercise, view.hint_level)


def next_step(schedule: Schedule, result: ExerciseVerdict, keys: bool) -> list[Piece]:
    """What the verdict says, and what to do about it (the keys, where they work)."""
    exercise = result.exercise
    if result.status is Status.PASSED:
        following = schedule.next_unfinished(exercise)
        if following is None:
            return [Piece(_("Every function you watch passes."), "green", 2)]
        sentence = _("Next unfinished: {name} — press n") if keys else _("Next unfinished: {name}")
        return [Piece(sentence.format(name=following.name), "green", 2)]
    if result.status is Status.NOT_WRITTEN:
        return [Piece(_("Replace the stub's `raise NotImplementedError(...)` with your code and save."), "", 2),
                Piece(read_line(exercise), "dim", 2)] + (
               [Piece(_("Stuck? Press h for a hint."), "dim", 2, Keep.EXTRA)] if keys else [])
    pieces = verdict_pieces(result)
    first = course.BY_NAME.get(result.waiting_on) if result.status is Status.WAITING else None
    if keys and first is not None and first.name in schedule.names:
        pieces.append(Piece(_("Press n to go to {name}.").format(name=first.name), STYLE[Status.WAITING], 2))
    return pieces


def hint_pieces(exercise: course.Exercise, level: int) -> list[Piece]:
    from grader.hints import hints_for

    hints = hints_for(exercise)
    level = min(level, len(hints))
    if not level:
        return []
    more = _("press h for the next hint") if level < len(hints) else _("that was the last hint")
    return [Piece("", keep=Keep.EXTRA),
            Piece(_("Hint {level} of {count}:").format(level=level, count=len(hints)), "bold yellow", 2),
            Piece(_(hints[level - 1]), "yellow", 4),
            Piece(_("Read: {url} · {more}").format(url=exercise.url, more=more), "dim", 4)]


# ---- the rest of the frame ---------------------------------------------------------------------


def _checks(result: ExerciseVerdict) -> tuple[int, int]:
    return sum(c.passed for c in result.checks), len(result.checks)


def _first_failure(result: ExerciseVerdict) -> CheckVerdict | None:
    lead = result.lead
    return lead if lead is not None and result.status is Status.FAILED else None


def _first_key(result: ExerciseVerdict) -> str:
    """Which check fails first, whatever the language: its key."""
    first = _first_failure(result)
    return first.key if first is not None else ""


def said(result: ExerciseVerdict, words: dict[Status, str]) -> str:
    """The status in these words; waiting names the exercise to write first."""
    if result.status is Status.WAITING and result.waiting_on:
        return _("waiting on {name}").format(name=result.waiting_on)
    return _(words[result.status])


def _word(result: ExerciseVerdict) -> str:
    return said(result, WORDS)


def _state(result: ExerciseVerdict) -> tuple[Status, str]:
    """What a change line compares: the status, and the exercise waited on."""
    return result.status, result.waiting_on if result.status is Status.WAITING else ""


def _moved(change: Change) -> bool:
    before, after = change.before, change.after
    if before is None:
        return False
    return _state(before) != _state(after) or (after.status is Status.FAILED and (
        _checks(before) != _checks(after) or _first_key(before) != _first_key(after)))


def change_line(change: Change) -> tuple[str, str]:
    before, after = change.before, change.after
    delta = after.score - (before.score if before else 0.0)
    gained = ""
    if round(delta, 2):
        gained = "  " + (_("+{points} points") if delta > 0 else _("−{points} points")).format(points=points(abs(delta)))
    passed, total = _checks(after)
    counted = " " + _("({passed}/{count} checks)").format(passed=passed, count=total) \
        if after.status in (Status.PASSED, Status.FAILED) else ""
    if before is None:
        text = f"  {change.name}: {_word(after)}{counted}{gained}"
    elif _state(before) != _state(after):
        text = f"  {change.name}: {_word(before)} → {_word(after)}{counted}{gained}"
    elif after.status is Status.FAILED:
        was = _checks(before)[0]
        counts = (_("still fails ({passed}/{count} checks, was {was})") if was != passed
                  else _("still fails ({passed}/{count} checks)")).format(passed=passed, count=total, was=was)
        first = _first_failure(after)
        now = ("; " + _("now first fails “{check}”").format(check=first.title)
               if first is not None and _first_key(after) != _first_key(before) else "")
        text = f"  {change.name}: {counts}{now}{gained}"
    else:
        text = f"  {change.name}: " + _("still {status}").format(status=_word(after))
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
        lines.append(("  " + _("… and {count} more changed").format(count=len(moved) - MOST_CHANGES), "dim"))
    if len(first) <= 2:
        lines += [change_line(c) for c in first]
    else:
        counts: dict[str, int] = {}
        for change in first:
            counts[_word(change.after)] = counts.get(_word(change.after), 0) + 1
        summary = _(", ").join(_("{count} {status}").format(count=n, status=word) for word, n in counts.items())
        lines.append(("  " + _("checked {count}: {summary}").format(count=len(first), summary=summary), "dim"))
    if same:
        names = ", ".join(c.name for c in same[:4]) + (", …" if len(same) > 4 else "")
        lines.append(("  " + _("unchanged: {names}").format(names=names), "dim"))
    return lines


def run_line(schedule: Schedule, run: Run) -> str:
    busy = [n for n in run.names if schedule.busy(n)]
    state = ""
    if len(busy) == 1:
        state = " · " + _("checking {name}…").format(name=busy[0])
    elif busy:
        state = " · " + _("checking {count} functions…").format(count=len(busy))
    cached = len(schedule.from_cache & schedule.names)
    if run.trigger is Trigger.STARTED and cached:
        state += " · " + _("{count} unchanged since last time").format(count=cached)
    run_words = _("Run {number} · {when} · {trigger}").format(
        number=run.number, when=run.when, trigger=_(TRIGGERS[run.trigger]).format(file=run.file))
    return run_words + state


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
    line = ngettext("Course total {score} / {maximum}  {bar}  {done} of {count} function passes",
                    "Course total {score} / {maximum}  {bar}  {done} of {count} functions pass",
                    len(course.EXERCISES)).format(score=points(total), maximum=points(course.MAX_SCORE), bar=bar,
                                                  done=done, count=len(course.EXERCISES))
    return line + (" · " + _("{count} waiting").format(count=waiting) if waiting else "")


def frame(schedule: Schedule, view: View, columns: int, rows: int | None) -> list[Row]:
    """The whole screen as rows; ``rows`` None: all of it (a pipe), else fitted to that many.

    The function in focus gets the room it needs before the title line, the change
    lines after the first and the rules do; only then is its block cut (``fit``)."""
    width = max(40, columns - 1)
    run = schedule.run
    count = len(schedule.exercises)
    title = one_row(ngettext("grader watch · {folder} · {count} function", "grader watch · {folder} · {count} functions",
                             count).format(folder=schedule.submission, count=count), "bold", width)
    top = [one_row(run_line(schedule, run), "bold cyan", width)] if run else []
    changes = [one_row(text, style, width) for text, style in change_lines(run)] if run else []
    notice = [Row(text, NOTICE_STYLE[view.notice.level])
              for text in shorten(wrap(Piece(view.notice.text), width), 2, width)] if view.notice else []
    rule = one_row("─" * min(width, 100), "dim", width)
    bottom = [one_row(strip(schedule), "", width), one_row(total_line(schedule, width), "bold", width)]
    if view.keys:
        bottom.append(one_row(_(KEYS), "dim", width))
    pieces = focus_pieces(schedule, view)
    if rows is None:
        focus = [Row(text, p.style) for p in pieces for text in wrap(p, width)]
        return [title, *top, *changes, *notice, rule, *focus, rule, *bottom]

    needed = height(pieces, width)
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
