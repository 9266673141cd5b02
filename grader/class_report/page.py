"""The class report as one HTML page: offline (styles inline, charts as inline SVG,
no script, nothing fetched), its words from ``grader.class_report.words``."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import jinja2

from grader.class_report import charts
from grader.class_report.misconceptions import Group
from grader.class_report.reading import GradedClass
from grader.class_report.statistics import STUCK_SHARE, ClassStats
from grader.report_text import headline, value_lines
from grader.verdict import points

TEMPLATE = "report.html.j2"
LARGEST = 10  # groups listed first, across the course: next tutorial's plan


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def _group_headline(group: Group) -> str:
    lead = group.lead
    return headline(lead) if lead is not None else group.example.message


def _grading_time(graded: GradedClass, words: dict[str, str]) -> str:
    slowest = max(graded.submissions, key=lambda s: s.seconds)
    seconds = [s.seconds for s in graded.submissions]
    return words["grading_time_value"].format(median=f"{statistics.median(seconds):.1f}",
                                              mean=f"{statistics.mean(seconds):.1f}",
                                              slowest=f"{slowest.seconds:.1f}", student=slowest.student)


def _seed(graded: GradedClass, words: dict[str, str]) -> str:
    seeds = graded.seeds
    if len(seeds) > 1:
        return words["seed_mixed"].format(seeds=", ".join(sorted(str(s) for s in seeds)))
    return str(graded.seed)


def render(graded: GradedClass, stats: ClassStats, groups: dict[str, list[Group]], files: list[tuple[Path, str]],
           feedback: Path, page: Path, words: dict[str, str], lang: str) -> str:
    """The page's HTML; ``files`` are (path, what it is) to link, and ``feedback`` the
    folder of the students' feedback pages, linked from their names."""
    exercises = stats.exercises
    shares = {"full": [e.full_marks for e in exercises], "failing": [e.failing for e in exercises],
              "waiting": [e.waiting for e in exercises], "not_written": [e.not_written for e in exercises]}
    labels = {"full": words["full_marks"], "failing": words["failing"], "waiting": words["waiting"],
              "not_written": words["not_written"]}
    links = [(Path(os.path.relpath(path, page.parent)).as_posix() + ("/" if path.is_dir() else ""),
              path.name + ("/" if path.is_dir() else ""), what) for path, what in files]
    return _environment().get_template(TEMPLATE).render(
        w=words, lang=lang, folder=str(graded.folder), folder_name=graded.folder.name,
        stats=stats, groups=groups, seed=_seed(graded, words),
        largest=sorted((g for gs in groups.values() for g in gs), key=lambda g: -len(g.students))[:LARGEST],
        isolation=stats.isolation.most_common(), grading_time=_grading_time(graded, words),
        unreadable=graded.unreadable, stuck_percent=round(100 * STUCK_SHARE),
        histogram_svg=charts.score_histogram(stats.totals, stats.max_score, words["histogram_x"], words["histogram_y"]),
        exercise_svg=charts.exercise_bars([e.exercise.name for e in exercises], shares, labels),
        files=links, feedback_href=Path(os.path.relpath(feedback, page.parent)).as_posix() + "/", points=points, percent=_percent, headline=_group_headline, value_lines=value_lines,
    )
