"""Verdicts as the plain text a student reads: in the terminal, in ``results.json``, in JUnit.

Every function here renders a ``grader.verdict`` object; none reads text back.
The pasteable input is written flush left, so that it pastes into a ``python``
prompt as it is.
"""

from __future__ import annotations

from enum import StrEnum

from grader import course
from grader.verdict import FOUND_BY_A_CHECK, CheckVerdict, ExerciseVerdict, Kind, Status, points

KIND_TITLES = {
    Kind.WRONG: "Wrong answer",
    Kind.WRONG_TYPE: "Wrong return type",
    Kind.WRONG_SHAPE: "Wrong shape",
    Kind.RAISED: "Your function raised an exception",
}
STATUS_TITLES = {
    Status.CRASHED: "Crash",
    Status.TIMED_OUT: "Timed out",
    Status.BANNED: "Banned call",
    Status.NOT_WRITTEN: "Not yet implemented",
    Status.WAITING: "Waiting on another exercise",
    Status.MISSING: "Missing",
    Status.NOT_RUN: "Not run",
}
# How the exercise's status is said on one line.
STATUS_WORDS = {
    Status.PASSED: "passed",
    Status.FAILED: "failed",
    Status.CRASHED: "crashed",
    Status.TIMED_OUT: "timed out",
    Status.BANNED: "banned call",
    Status.NOT_WRITTEN: "not yet implemented",
    Status.WAITING: "waiting",
    Status.MISSING: "missing",
    Status.NOT_RUN: "not run",
}
# How each screen marks and colours a status (rich styles).
MARK = {Status.PASSED: "✓", Status.FAILED: "✗", Status.CRASHED: "✗", Status.TIMED_OUT: "✗",
        Status.BANNED: "✗", Status.NOT_WRITTEN: "·", Status.WAITING: "…", Status.MISSING: "?",
        Status.NOT_RUN: "○"}
STYLE = {Status.PASSED: "green", Status.FAILED: "red", Status.CRASHED: "red", Status.TIMED_OUT: "red",
         Status.BANNED: "red", Status.NOT_WRITTEN: "yellow", Status.WAITING: "cyan",
         Status.MISSING: "magenta", Status.NOT_RUN: "dim"}
PASTE_HEADER = "Smallest failing input (paste it into Python started in your submission's folder):"


def snippet(verdict: CheckVerdict) -> str:
    return verdict.counterexample.snippet() if verdict.counterexample else ""


def headline(verdict: CheckVerdict) -> str:
    """What went wrong, in one line."""
    if verdict.status is Status.FAILED:
        title = KIND_TITLES.get(verdict.kind, "Wrong answer")
    else:
        title = STATUS_TITLES.get(verdict.status, str(verdict.status))
    return f"{title}: {verdict.message}"


def value_lines(verdict: CheckVerdict) -> list[str]:
    """Expected against received, saying what is compared."""
    lines = []
    expected, received = ((f"Expected {verdict.compared}", f"Your {verdict.compared}") if verdict.compared
                          else ("Expected", "Received"))
    if verdict.expected is not None:
        lines.append(f"{expected}: {verdict.expected}")
    if verdict.received is not None:
        lines.append(f"{received}: {verdict.received}")
    return lines


def footer_lines(verdict: CheckVerdict) -> list[str]:
    """What the code printed, and the hint."""
    lines = []
    if verdict.printed.strip():
        lines += ["Your code printed:", verdict.printed.strip()[-800:]]
    if verdict.hint:
        lines.append(f"Hint: {verdict.hint}")
    return lines


def read_line(exercise: course.Exercise) -> str:
    return f"Read: {exercise.reading} — {exercise.url}"


def check_text(verdict: CheckVerdict) -> str:
    """The whole feedback of one check, as ``results.json`` and JUnit carry it."""
    if verdict.status is Status.PASSED:
        return "passed"
    if verdict.status not in FOUND_BY_A_CHECK:
        return verdict.message  # one cause for the whole exercise, said in full
    lines = [headline(verdict), f"Property: {verdict.statement}"]
    if verdict.counterexample:
        lines += [PASTE_HEADER, snippet(verdict)]
    lines += value_lines(verdict) + ([verdict.details] if verdict.details else [])
    return "\n".join(lines + footer_lines(verdict) + [read_line(verdict.exercise)])


def others_line(result: ExerciseVerdict, shown: CheckVerdict) -> str:
    """The other failed checks, which probably share the shown one's cause."""
    others = [c.title for c in result.failed if c is not shown]
    if not others:
        return ""
    return f"also failing, probably for the same reason: {'; '.join(others)}"


def all_command(result: ExerciseVerdict) -> str:
    return f"every failure with its own input: python -m grader check {result.exercise.name} --all"


def repro_command(result: ExerciseVerdict) -> str:
    return f"this failure as a script to run and debug: python -m grader repro {result.exercise.name}"


def summary_line(result: ExerciseVerdict) -> str:
    """``mse 1.5/3 failed``: the function's line in a list."""
    return f"{result.exercise.name} {points(result.score)}/{points(result.exercise.points)} " \
           f"{STATUS_WORDS[result.status]}"


# ---- an exercise's feedback as blocks: each screen lays them out its own way ----------


class Block(StrEnum):
    """What a block of feedback is, so that each screen can lay it out (and ``watch``
    decide what a small terminal keeps) without reading the text."""

    TITLE = "title"  # "failed: <the check's title>"
    HEADLINE = "headline"  # what went wrong, in one line
    PROPERTY = "property"  # the property, in a sentence
    PASTE = "paste"  # the line announcing the input to paste
    CODE = "code"  # the input itself: written flush left by every screen
    VALUE = "value"  # expected, or received
    DETAILS = "details"  # the largest error, where it raised
    PRINTED = "printed"  # what the student's code printed
    HINT = "hint"
    NOTE = "note"  # the other failed checks, and how to see them all
    READ = "read"  # the section to read, with its address
    CAUSE = "cause"  # the one cause for the whole exercise (not written, waiting...)


def check_blocks(verdict: CheckVerdict) -> list[tuple[Block, str]]:
    """One failed check as (kind, text) blocks: the failure, the input to paste,
    expected against received, hint and link."""
    blocks = [(Block.TITLE, f"failed: {verdict.title}"), (Block.HEADLINE, headline(verdict)),
              (Block.PROPERTY, f"Property: {verdict.statement}")]
    if verdict.counterexample:
        blocks += [(Block.PASTE, PASTE_HEADER), (Block.CODE, snippet(verdict))]
    blocks += [(Block.VALUE, line) for line in value_lines(verdict)]
    if verdict.details:
        blocks.append((Block.DETAILS, verdict.details))
    if verdict.printed.strip():
        blocks.append((Block.PRINTED, f"Your code printed:\n{verdict.printed.strip()[-800:]}"))
    if verdict.hint:
        blocks.append((Block.HINT, f"Hint: {verdict.hint}"))
    return blocks + [(Block.READ, read_line(verdict.exercise))]


def exercise_blocks(result: ExerciseVerdict, every: bool = False) -> list[tuple[Block, str]]:
    """What a student reads under a function's line: nothing when it passed; the one
    cause when there is one; else the most telling failure, then the others' names
    (``every``: each other failure in full)."""
    if result.status is Status.PASSED:
        return []
    lead = result.lead
    if lead is None:  # one cause for every check: not written, waiting, missing, banned...
        return [(Block.CAUSE, result.message)]
    if not every:
        blocks = check_blocks(lead)
        others = others_line(result, lead)
        if others:
            blocks += [(Block.NOTE, others), (Block.NOTE, all_command(result))]
        return blocks + [(Block.NOTE, repro_command(result))]
    blocks = []
    for verdict in result.failed:
        blocks += [block for block in check_blocks(verdict) if block[0] is not Block.READ]
    return blocks + [(Block.READ, read_line(result.exercise))]
