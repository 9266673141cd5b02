"""Verdicts as the plain text a student reads: in the terminal, in ``results.json``, in JUnit.

Every function here renders a ``grader.verdict`` object; none reads text back.
The pasteable input is written flush left, so that it pastes into a ``python``
prompt as it is. The words are the grader's (``grader.i18n``), in the language
being spoken; what the verdict itself says is in the language it was graded in.
"""

from __future__ import annotations

from enum import StrEnum

from grader import course
from grader.i18n import N_, _
from grader.verdict import FOUND_BY_A_CHECK, CheckVerdict, ExerciseVerdict, Kind, Status, points

# Headlines of a failed check; every table of words here is translated where it is shown.
KIND_TITLES = {
    Kind.WRONG: N_("Wrong answer: {message}"),
    Kind.WRONG_TYPE: N_("Wrong return type: {message}"),
    Kind.WRONG_SHAPE: N_("Wrong shape: {message}"),
    Kind.RAISED: N_("Your function raised an exception: {message}"),
}
STATUS_TITLES = {
    Status.CRASHED: N_("Crash: {message}"),
    Status.TIMED_OUT: N_("Timed out: {message}"),
    Status.BANNED: N_("Banned call: {message}"),
    Status.NOT_WRITTEN: N_("Not yet implemented: {message}"),
    Status.WAITING: N_("Waiting on another exercise: {message}"),
    Status.MISSING: N_("Missing: {message}"),
    Status.NOT_RUN: N_("Not run: {message}"),
}
# How the exercise's status is said on one line (the Status values stay the data's).
STATUS_WORDS = {
    Status.PASSED: N_("passed"),
    Status.FAILED: N_("failed"),
    Status.CRASHED: N_("crashed"),
    Status.TIMED_OUT: N_("timed out"),
    Status.BANNED: N_("banned call"),
    Status.NOT_WRITTEN: N_("not yet implemented"),
    Status.WAITING: N_("waiting"),
    Status.MISSING: N_("missing"),
    Status.NOT_RUN: N_("not run"),
}
# How each screen marks and colours a status (rich styles).
MARK = {Status.PASSED: "✓", Status.FAILED: "✗", Status.CRASHED: "✗", Status.TIMED_OUT: "✗",
        Status.BANNED: "✗", Status.NOT_WRITTEN: "·", Status.WAITING: "…", Status.MISSING: "?",
        Status.NOT_RUN: "○"}
STYLE = {Status.PASSED: "green", Status.FAILED: "red", Status.CRASHED: "red", Status.TIMED_OUT: "red",
         Status.BANNED: "red", Status.NOT_WRITTEN: "yellow", Status.WAITING: "cyan",
         Status.MISSING: "magenta", Status.NOT_RUN: "dim"}
PASTE_HEADER = N_("Smallest failing input (paste it into Python started in your submission's folder):")


def status_word(status: Status) -> str:
    """The status as a line says it, in the language being spoken."""
    return _(STATUS_WORDS[status])


def snippet(verdict: CheckVerdict) -> str:
    return verdict.counterexample.snippet() if verdict.counterexample else ""


def headline(verdict: CheckVerdict) -> str:
    """What went wrong, in one line."""
    if verdict.status is Status.FAILED:
        sentence = KIND_TITLES.get(verdict.kind, KIND_TITLES[Kind.WRONG])
    else:
        sentence = STATUS_TITLES.get(verdict.status, KIND_TITLES[Kind.WRONG])
    return _(sentence).format(message=verdict.message)


def value_lines(verdict: CheckVerdict) -> list[str]:
    """Expected against received, saying what is compared."""
    lines = []
    expected, received = ((_("Expected {compared}: {value}"), _("Your {compared}: {value}")) if verdict.compared
                          else (_("Expected: {value}"), _("Received: {value}")))
    if verdict.expected is not None:
        lines.append(expected.format(compared=verdict.compared, value=verdict.expected))
    if verdict.received is not None:
        lines.append(received.format(compared=verdict.compared, value=verdict.received))
    return lines


def printed_text(verdict: CheckVerdict) -> str:
    """What the student's code printed during the failing call (its end), announced."""
    return _("Your code printed:") + "\n" + verdict.printed.strip()[-800:]


def hint_line(verdict: CheckVerdict) -> str:
    return _("Hint: {hint}").format(hint=verdict.hint)


def property_line(verdict: CheckVerdict) -> str:
    return _("Property: {statement}").format(statement=verdict.statement)


def footer_lines(verdict: CheckVerdict) -> list[str]:
    """What the code printed, and the hint."""
    lines = []
    if verdict.printed.strip():
        lines.append(printed_text(verdict))
    if verdict.hint:
        lines.append(hint_line(verdict))
    return lines


def read_line(exercise: course.Exercise) -> str:
    return _("Read: {reading} — {url}").format(reading=exercise.reading, url=exercise.url)


def check_text(verdict: CheckVerdict) -> str:
    """The whole feedback of one check, as ``results.json`` and JUnit carry it."""
    if verdict.status is Status.PASSED:
        return status_word(Status.PASSED)
    if verdict.status not in FOUND_BY_A_CHECK:
        return verdict.message  # one cause for the whole exercise, said in full
    lines = [headline(verdict), property_line(verdict)]
    if verdict.counterexample:
        lines += [_(PASTE_HEADER), snippet(verdict)]
    lines += value_lines(verdict) + ([verdict.details] if verdict.details else [])
    return "\n".join(lines + footer_lines(verdict) + [read_line(verdict.exercise)])


def others_line(result: ExerciseVerdict, shown: CheckVerdict) -> str:
    """The other failed checks, which probably share the shown one's cause."""
    others = [c.title for c in result.failed if c is not shown]
    if not others:
        return ""
    return _("also failing, probably for the same reason: {checks}").format(checks=_("; ").join(others))


def all_command(result: ExerciseVerdict) -> str:
    return _("every failure with its own input: {command}").format(
        command=f"python -m grader check {result.exercise.name} --all")


def repro_command(result: ExerciseVerdict) -> str:
    return _("this failure as a script to run and debug: {command}").format(
        command=f"python -m grader repro {result.exercise.name}")


def summary_line(result: ExerciseVerdict) -> str:
    """``mse 1.5/3 failed``: the function's line in a list."""
    return f"{result.exercise.name} {points(result.score)}/{points(result.exercise.points)} " \
           f"{status_word(result.status)}"


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
    blocks = [(Block.TITLE, _("failed: {check}").format(check=verdict.title)), (Block.HEADLINE, headline(verdict)),
              (Block.PROPERTY, property_line(verdict))]
    if verdict.counterexample:
        blocks += [(Block.PASTE, _(PASTE_HEADER)), (Block.CODE, snippet(verdict))]
    blocks += [(Block.VALUE, line) for line in value_lines(verdict)]
    if verdict.details:
        blocks.append((Block.DETAILS, verdict.details))
    if verdict.printed.strip():
        blocks.append((Block.PRINTED, printed_text(verdict)))
    if verdict.hint:
        blocks.append((Block.HINT, hint_line(verdict)))
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
