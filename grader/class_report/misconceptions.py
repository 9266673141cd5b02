"""A class's failures grouped into the misconceptions behind them.

Each student's failure of an exercise is its lead check (``ExerciseVerdict.lead``:
a crash, else a wrong value before the gradient and side checks that usually fail
because of it), or the exercise's one cause (a banned call, a file that did not
load, a changed signature). Two students land in one group when the checks saw
the same thing:

- the same property broken (the lead check's ``key``: its English title, whatever
  language the student was graded in), the same way (its status and ``Kind``: a
  wrong value, a wrong shape or type, an exception);
- on the same smallest input, with the same expected and received values (or the
  same error), as the check reports them.

The values are Python, the same in both languages, and say what a failure's
message would: where there are values, the message (a sentence in the language
the student was graded in) is left out of the key, so that a class graded in
Chinese and English still groups. Where there are none (an exception, a cause for
the whole exercise) the message is all there is to compare.

Hypothesis searches and shrinks deterministically for a seed: two functions that
agree on every input the check tries are led to the same smallest input and give
the same answers there, however differently they are written. And the smallest
input carries the bug's signature: a mean taken as a sum first shows on two
elements, a square root too many on a target of 2 (on 1 it would not show). What
differs between students of one bug is left out: the path of their file in a
traceback, what their code printed, the other checks that failed, floating-point
noise in the last digits (numbers are compared to 6 significant digits).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from grader import course
from grader.class_report.reading import Submission
from grader.i18n import _
from grader.report_text import STATUS_WORDS
from grader.verdict import CheckVerdict, ExerciseVerdict, Status

# An exercise's own statuses that are not a misconception: nothing written yet.
NOT_ATTEMPTED = (Status.NOT_WRITTEN, Status.MISSING, Status.WAITING, Status.PASSED, Status.NOT_RUN)

_FLOAT = re.compile(r"(?<![\w.])-?\d+\.\d*(?:e[-+]?\d+)?|(?<![\w.])-?\d+e[-+]?\d+")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_PATH = re.compile(r"(?:/[^\s\"'/:]+)+/([^\s\"'/:]+)")  # a file in the student's own folder


def _canonical(text: str | None) -> str:
    """Python literals with floats to 6 significant digits; memory addresses and the
    folders of file paths (each student's own) left out."""
    if not text:
        return ""
    text = _FLOAT.sub(lambda m: format(float(m.group()), ".6g"), text)
    return _PATH.sub(r"\1", _ADDRESS.sub("0x?", text))


@dataclass(frozen=True)
class Key:
    """What the checks saw: the same key, the same misconception."""

    exercise: str
    status: str
    check: str  # the property broken: the lead check's key ("" when one cause stands for the whole exercise)
    kind: str
    message: str
    arguments: tuple[tuple[str, str], ...]
    expected: str
    received: str


def check_key(verdict: CheckVerdict) -> str:
    """A check's language-independent identity (its English title)."""
    return verdict.key


def failure_key(result: ExerciseVerdict) -> Key | None:
    """The grouping key of a student's failure of one exercise (None: nothing wrong,
    or nothing written yet)."""
    if result.status in NOT_ATTEMPTED:
        return None
    lead = result.lead
    if lead is None:  # one cause for every check: a banned call, a file that did not load
        return Key(result.exercise.name, str(result.status), "", "", _canonical(result.message), (), "", "")
    example = lead.counterexample
    arguments = tuple((a.name, _canonical(a.source)) for a in example.arguments) if example else ()
    expected, received = _canonical(lead.expected_key), _canonical(lead.received_key)
    message = "" if expected or received else _canonical(lead.message)
    return Key(result.exercise.name, str(lead.status), check_key(lead), str(lead.kind or ""),
               message, arguments, expected, received)


@dataclass
class Group:
    """One misconception of one exercise: who shows it, and one of them as the example."""

    exercise: course.Exercise
    key: Key
    example: ExerciseVerdict  # the first student's verdict (by name)
    students: list[str] = field(default_factory=list)
    number: int = 0  # 1 for the exercise's largest group, 2 for the next...

    @property
    def lead(self) -> CheckVerdict | None:
        return self.example.lead

    @property
    def name(self) -> str:
        """``mse-1``: the exercise and the group's rank in it."""
        return f"{self.exercise.name}-{self.number}"

    @property
    def property_broken(self) -> str:
        """The property broken, as a teaching assistant reads it (in the report's language,
        whatever language the example was graded in)."""
        lead = self.lead
        return _(check_key(lead)) if lead is not None else _(STATUS_WORDS[self.example.status])

    @property
    def hint(self) -> str:
        lead = self.lead
        return lead.hint if lead is not None else ""


def group_failures(submissions: list[Submission]) -> dict[str, list[Group]]:
    """Per exercise (in course order, only those with failures), its groups, largest
    first (then by property, for a stable order); students by name within a group."""
    groups: dict[Key, Group] = {}
    for submission in sorted(submissions, key=lambda s: s.student):
        for result in submission.results:
            key = failure_key(result)
            if key is None:
                continue
            if key not in groups:
                groups[key] = Group(result.exercise, key, result)
            groups[key].students.append(submission.student)
    by_exercise: dict[str, list[Group]] = defaultdict(list)
    for group in groups.values():
        by_exercise[group.exercise.name].append(group)
    ordered: dict[str, list[Group]] = {}
    for exercise in course.EXERCISES:
        found = by_exercise.get(exercise.name)
        if not found:
            continue
        found.sort(key=lambda g: (-len(g.students), g.key.check, g.students[0]))  # the same in every language
        for number, group in enumerate(found, start=1):
            group.number = number
        ordered[exercise.name] = found
    return ordered
