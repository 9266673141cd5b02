"""The class report: what a teaching assistant reads after ``grade-batch``, and what
goes back to students.

    python -m grader report OUTDIR [--output report.html] [--lang zh|en]

Reads every results file in OUTDIR (``reading``), counts (``statistics``), groups
the failures into misconceptions (``misconceptions``), and writes:

- the page (``page``, charts by ``charts``): OUTDIR/report.html unless --output;
- OUTDIR/misconceptions.csv, OUTDIR/canvas.csv, OUTDIR/moodle.csv (``exports``);
- OUTDIR/feedback/<student>.md and .html (``feedback_files``).

Every word the page says is in ``words``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.paths import UsageError

REPORT_NAME = "report.html"
MISCONCEPTIONS_NAME = "misconceptions.csv"
CANVAS_NAME = "canvas.csv"
MOODLE_NAME = "moodle.csv"
FEEDBACK_FOLDER = "feedback"


@dataclass(frozen=True)
class Written:
    """Where the report's files went."""

    page: Path
    misconceptions: Path
    canvas: Path
    moodle: Path
    feedback: Path
    students: int


def write_report(folder: Path, page: Path | None = None, lang: str = "en") -> Written:
    """Read the graded ``folder`` and write the page and the files beside the results."""
    from grader.class_report import exports, feedback_files
    from grader.class_report.misconceptions import group_failures
    from grader.class_report.page import render
    from grader.class_report.reading import read_class
    from grader.class_report.statistics import class_stats
    from grader.class_report.words import words

    graded = read_class(folder)
    page = page or folder / REPORT_NAME
    if page.is_dir():
        page = page / REPORT_NAME
    if not page.parent.is_dir():
        raise UsageError(f"the folder of --output does not exist: {page.parent}")
    said = words(lang)
    submissions = graded.submissions
    groups = group_failures(submissions)
    written = Written(page, folder / MISCONCEPTIONS_NAME, folder / CANVAS_NAME, folder / MOODLE_NAME,
                      folder / FEEDBACK_FOLDER, len(submissions))
    # The feedback files are a third of the work and need nothing back: a forked
    # copy of this process writes them while this one writes the rest.
    feedback = _in_a_child(lambda: feedback_files.write_feedback(written.feedback, submissions, said, lang))
    exports.write_misconceptions(written.misconceptions, groups)
    exports.write_canvas(written.canvas, submissions)
    exports.write_moodle(written.moodle, submissions)
    files = [(written.misconceptions, said["misconceptions_csv"]), (written.feedback, said["feedback_files"]),
             (written.canvas, said["canvas_csv"]), (written.moodle, said["moodle_csv"])]
    html = render(graded, class_stats(graded), groups, files, written.feedback, page, said, lang)
    page.write_text(html, encoding="utf-8")
    if os.waitstatus_to_exitcode(os.waitpid(feedback, 0)[1]) != 0:
        raise OSError(f"the feedback files could not all be written to {written.feedback}")
    return written


def _in_a_child(job: Callable[[], None]) -> int:
    """Run ``job`` in a forked child; its pid (exit status 0 when it succeeded)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            job()
            code = 0
        finally:
            os._exit(code)
    return pid


def how_to_open(page: Path) -> str:
    """The line that says where the page is and how to open it."""
    return f"report: {page} (open it in a browser: xdg-open {page}, or {page.resolve().as_uri()})"


def after_grading(folder: Path, complete: bool = True) -> str:
    """What ``grade-batch`` and ``merge`` say last: the class report, written, and how
    to open it; or, for one shard of a class, how to make it once the shards are merged."""
    again = f"python -m grader report {folder}"
    if not complete:
        return "class report: after merging the shards (python -m grader merge ...), python -m grader report OUTDIR"
    try:
        from grader.class_report.words import language

        written = write_report(folder, lang=language(None))
    except ImportError as missing:
        return f"class report: {again} (it needs {missing.name}: pip install -e '.[report]')"
    except (UsageError, OSError) as error:
        return f"class report: not written ({error})"
    except Exception as error:  # noqa: BLE001 - the grades are written; the report must not undo that
        return f"class report: not written ({error.__class__.__name__}: {error}); try: {again}"
    return f"{how_to_open(written.page)}\n  misconceptions.csv, feedback/, canvas.csv, moodle.csv beside it; again: {again}"


def run_report(args: argparse.Namespace) -> int:
    try:
        import jinja2  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError as missing:
        raise UsageError(f"the class report needs {missing.name}: pip install -e '.[report]'") from None
    from grader.class_report.words import language

    try:
        written = write_report(args.folder, args.output, language(args.lang))
    except OSError as error:
        raise UsageError(f"the report could not be written: {error}") from None
    print(f"{written.students} students: {written.misconceptions.name}, {written.canvas.name}, "
          f"{written.moodle.name}, {written.feedback.name}/ in {args.folder}", file=sys.stderr)
    print(how_to_open(written.page), file=sys.stderr)
    return 0
