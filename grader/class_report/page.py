"""The class report as one HTML page: offline (styles inline, charts as inline SVG,
no script, nothing fetched), in the language being spoken (``grader.i18n``): the
page's own words are ``LABELS``, the checks' words come from the verdicts."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import jinja2

from grader.class_report import charts
from grader.class_report.misconceptions import Group
from grader.class_report.reading import GradedClass
from grader.class_report.statistics import STUCK_SHARE, ClassStats
from grader.i18n import N_, _, language, ngettext
from grader.report_text import headline, value_lines
from grader.verdict import points

TEMPLATE = "report.html.j2"
LARGEST = 10  # groups listed first, across the course: next tutorial's plan

# The page's words, translated when the page is rendered (``--lang``).
LABELS = {
    "title": N_("Class report"),
    "generated_from": N_("From {folder}: {students} students graded."),
    "unreadable": N_("Files that hold no verdicts of this grader (left out):"),
    "seed": N_("Seed"),
    "isolation": N_("Isolation in force"),
    "isolation_none": N_("not recorded"),
    "grading_time": N_("Grading time per submission"),
    "overview": N_("Overview"),
    "mean": N_("Mean"),
    "median": N_("Median"),
    "histogram": N_("Scores"),
    "exercises": N_("Exercises"),
    "exercise": N_("Exercise"),
    "points": N_("Points"),
    "mean_points": N_("Mean points"),
    "full_marks": N_("Full marks"),
    "failing": N_("Failing"),
    "waiting": N_("Waiting on another"),
    "not_written": N_("Not written"),
    "checks": N_("Checks"),
    "check": N_("Check"),
    "fails": N_("Share of the class that fails it"),
    "fails_written": N_("Of those who wrote the function"),
    "misconceptions": N_("Misconceptions"),
    "misconceptions_intro": N_("Each exercise's failures, grouped by what the checks saw: the property broken "
                               "and the smallest input that breaks it, with the expected and received values. "
                               "Largest groups first."),
    "no_misconceptions": N_("No failures: every function written was right."),
    "largest_groups": N_("The largest groups of the class"),
    "group": N_("Group"),
    "property": N_("Property broken"),
    "example": N_("Example message"),
    "smallest_input": N_("Smallest failing input"),
    "hint": N_("Hint"),
    "reteach": N_("Section to reteach"),
    "students": N_("Students"),
    "stuck": N_("Students who are stuck"),
    "stuck_intro": N_("Below {share}% of their points, or with an exercise waiting on another one that is "
                      "still a stub."),
    "no_stuck": N_("Nobody."),
    "student": N_("Student"),
    "total": N_("Total"),
    "waits_on": N_("{exercise} waits on {first}"),
    "files": N_("Files"),
    "files_intro": N_("Written next to the results:"),
    "labelled": N_("{label}:"),
}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def _group_headline(group: Group) -> str:
    lead = group.lead
    return headline(lead) if lead is not None else group.example.message


def _grading_time(graded: GradedClass) -> str:
    slowest = max(graded.submissions, key=lambda s: s.seconds)
    seconds = [s.seconds for s in graded.submissions]
    return _("median {median} s, mean {mean} s, slowest {slowest} s ({student})").format(
        median=f"{statistics.median(seconds):.1f}", mean=f"{statistics.mean(seconds):.1f}",
        slowest=f"{slowest.seconds:.1f}", student=slowest.student)


def _seed(graded: GradedClass) -> str:
    seeds = graded.seeds
    if len(seeds) > 1:
        return _("mixed ({seeds}): these students were not graded on the same inputs").format(
            seeds=", ".join(sorted(str(s) for s in seeds)))
    return str(graded.seed)


def _student_count(count: int) -> str:
    return ngettext("{count} student", "{count} students", count).format(count=count)


def render(graded: GradedClass, stats: ClassStats, groups: dict[str, list[Group]], files: list[tuple[Path, str]],
           feedback: Path, page: Path) -> str:
    """The page's HTML, in the language being spoken; ``files`` are (path, what it is)
    to link, and ``feedback`` the folder of the students' feedback pages, linked from
    their names."""
    words = {name: _(text) for name, text in LABELS.items()}
    exercises = stats.exercises
    shares = {"full": [e.full_marks for e in exercises], "failing": [e.failing for e in exercises],
              "waiting": [e.waiting for e in exercises], "not_written": [e.not_written for e in exercises]}
    labels = {"full": words["full_marks"], "failing": words["failing"], "waiting": words["waiting"],
              "not_written": words["not_written"]}
    links = [(Path(os.path.relpath(path, page.parent)).as_posix() + ("/" if path.is_dir() else ""),
              path.name + ("/" if path.is_dir() else ""), what) for path, what in files]
    return _environment().get_template(TEMPLATE).render(
        w=words, lang=language(), folder=str(graded.folder), folder_name=graded.folder.name,
        stats=stats, groups=groups, seed=_seed(graded),
        largest=sorted((g for gs in groups.values() for g in gs), key=lambda g: -len(g.students))[:LARGEST],
        isolation=stats.isolation.most_common(), grading_time=_grading_time(graded),
        unreadable=graded.unreadable, stuck_percent=round(100 * STUCK_SHARE),
        histogram_svg=charts.score_histogram(stats.totals, stats.max_score, _("total points"), _("students")),
        exercise_svg=charts.exercise_bars([e.exercise.name for e in exercises], shares, labels),
        files=links, feedback_href=Path(os.path.relpath(feedback, page.parent)).as_posix() + "/",
        points=points, percent=_percent, headline=_group_headline, value_lines=value_lines,
        student_count=_student_count, translate=_,
    )
