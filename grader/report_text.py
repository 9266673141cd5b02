"""The feedback text of a failed check, as a student reads it."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from grader.feedback import Failure, describe

if TYPE_CHECKING:
    from grader.checks import Check, Student
    from grader.sandbox import WorkerLost

KIND_TITLES = {
    "wrong": "Wrong answer",
    "wrong_type": "Wrong return type",
    "raised": "Your function raised an exception",
}


def _indent(text: str) -> str:
    return textwrap.indent(text, "    ")


def _footer(check: "Check", student: "Student") -> list[str]:
    lines = []
    if student.last_printed.strip():
        lines += ["Your code printed:", _indent(student.last_printed.strip()[-800:])]
    if check.hint:
        lines.append(f"Hint: {check.hint}")
    exercise = check.exercise
    lines.append(f"Read: {exercise.reading} — {exercise.url}")
    return lines


def failure_text(check: "Check", failure: Failure, student: "Student") -> str:
    lines = [
        f"{KIND_TITLES.get(failure.kind, 'Wrong answer')}: {failure.problem}",
        f"Property: {check.description}",
    ]
    if student.last_call:
        lines += ["Smallest failing input (paste it into Python):", _indent(student.last_call)]
    if failure.expected is not None or failure.received is not None:
        lines.append(f"Expected: {describe(failure.expected)}")
        lines.append(f"Received: {describe(failure.received)}")
    if failure.details:
        lines.append(failure.details)
    return "\n".join(lines + _footer(check, student))


def lost_text(check: "Check", lost: "WorkerLost", student: "Student") -> str:
    lines = [f"Crash: {lost.reason}", f"Property being checked: {check.description}"]
    if student.last_call:
        lines += ["On this input (paste it into Python):", _indent(student.last_call)]
    return "\n".join(lines + _footer(check, student))
