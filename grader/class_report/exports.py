"""Files for other tools: the misconceptions for office hours, and the scores in the
column layouts Canvas's and Moodle's gradebook imports read.

- Canvas (Grades > Import): the header ``Student, ID, SIS User ID, SIS Login ID,
  Section`` then one column per assignment, and a ``Points Possible`` row under it.
  Canvas finds a student by ID, else SIS User ID, else SIS Login ID, else by name:
  the submission's folder name goes in ``Student`` and ``SIS Login ID``. A column
  whose title is an assignment's (or ``Title (id)``) fills it; another title makes
  a new assignment.
- Moodle (Grades > Import > CSV file): the columns of its own CSV export, ``First
  name, Last name, ID number, Institution, Department, Email address``, then a grade
  item and its ``(Feedback)``. The import asks which column identifies a user: map
  ``ID number`` to the user's ID number (or ``Email address`` to the email, filled
  when the folder name is an address).
"""

from __future__ import annotations

import csv
from pathlib import Path

from grader.class_report.misconceptions import Group
from grader.class_report.reading import Submission
from grader.i18n import _
from grader.report_text import STATUS_WORDS, headline
from grader.verdict import Status, points

# The column titles are the gradebooks' own (their imports read them): never translated.
ASSIGNMENT = "Exercises"  # the gradebook column's title: rename it to the course's assignment
CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_USER_COLUMNS = ["First name", "Last name", "ID number", "Institution", "Department", "Email address"]


def _writer(path: Path):
    file = open(path, "w", newline="", encoding="utf-8")
    return file, csv.writer(file)


def write_misconceptions(path: Path, groups: dict[str, list[Group]]) -> None:
    """One row per student in a group: exercise, group, student, property, failure (the
    column names are identifiers for a spreadsheet's formulas; the property and the
    failure are sentences in the language being spoken)."""
    file, writer = _writer(path)
    with file:
        writer.writerow(["exercise", "group", "student", "property", "failure"])
        for exercise_groups in groups.values():
            for group in exercise_groups:
                lead = group.lead
                failure = headline(lead) if lead is not None else group.example.message
                failure = (failure.splitlines() or [""])[0]
                for student in group.students:
                    writer.writerow([group.exercise.name, group.name, student, group.property_broken, failure])


def write_canvas(path: Path, submissions: list[Submission]) -> None:
    file, writer = _writer(path)
    with file:
        writer.writerow(CANVAS_STUDENT_COLUMNS + [ASSIGNMENT])
        max_score = max(s.max_score for s in submissions)
        writer.writerow(["Points Possible", "", "", "", "", points(max_score)])
        for s in submissions:
            writer.writerow([s.student, "", "", s.student, "", points(s.score)])


def feedback_line(submission: Submission) -> str:
    """The score and what is left to do, in one line (for a gradebook's feedback cell)."""
    todo = [_("{function} ({status})").format(function=r.exercise.name, status=_(STATUS_WORDS[r.status]))
            for r in submission.results if r.status is not Status.PASSED]
    score = dict(score=points(submission.score), max_score=points(submission.max_score))
    if todo:
        return _("{score} / {max_score}. Not passed yet: {functions}.").format(**score, functions=", ".join(todo))
    return _("{score} / {max_score}. Every function passed.").format(**score)


def write_moodle(path: Path, submissions: list[Submission]) -> None:
    file, writer = _writer(path)
    with file:
        writer.writerow(MOODLE_USER_COLUMNS + [ASSIGNMENT, f"{ASSIGNMENT} (Feedback)"])
        for s in submissions:
            email = s.student if "@" in s.student else ""
            writer.writerow([s.student, "", s.student, "", "", email, points(s.score), feedback_line(s)])
