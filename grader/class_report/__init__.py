"""The class report: what a teaching assistant reads after ``grade-batch``, and what
goes back to students.

    python -m grader report OUTDIR [--output report.html] [--lang zh|en]

Reads every results file in OUTDIR (``reading``), counts (``statistics``), groups
the failures into misconceptions (``misconceptions``), and writes:

- the page (``page``, charts by ``charts``): OUTDIR/report.html unless --output;
- OUTDIR/misconceptions.csv, OUTDIR/canvas.csv, OUTDIR/moodle.csv (``exports``);
- OUTDIR/feedback/<student>.md and .html (``feedback_files``).

Everything is written in one language, the report's ``--lang`` (else the
language the grader speaks, ``grader.i18n``): the page's words, and the checks'
titles, which the verdicts identify by key whatever language a student was graded in.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader import i18n
from grader.i18n import N_, _, ngettext
from grader.paths import UsageError

REPORT_NAME = "report.html"
MISCONCEPTIONS_NAME = "misconceptions.csv"
CANVAS_NAME = "canvas.csv"
MOODLE_NAME = "moodle.csv"
FEEDBACK_FOLDER = "feedback"
# What each file beside the results is, as the page lists them.
MISCONCEPTIONS_WHAT = N_("one row per student in a group, for office hours")
FEEDBACK_WHAT = N_("each student's feedback, as check shows it, ready to send")
CANVAS_WHAT = N_("scores for Canvas's gradebook import")
MOODLE_WHAT = N_("scores for Moodle's grade import (CSV)")


@dataclass(frozen=True)
class Written:
    """Where the report's files went."""

    page: Path
    misconceptions: Path
    canvas: Path
    moodle: Path
    feedback: Path
    students: int


def write_report(folder: Path, page: Path | None = None) -> Written:
    """Read the graded ``folder`` and write the page and the files beside the results,
    in the language being spoken (``grader.i18n.set_language``)."""
    from grader.class_report import exports, feedback_files
    from grader.class_report.misconceptions import group_failures
    from grader.class_report.page import render
    from grader.class_report.reading import read_class
    from grader.class_report.statistics import class_stats

    graded = read_class(folder)
    page = page or folder / REPORT_NAME
    if page.is_dir():
        page = page / REPORT_NAME
    if not page.parent.is_dir():
        raise UsageError(_("the folder of --output does not exist: {folder}").format(folder=page.parent))
    submissions = graded.submissions
    groups = group_failures(submissions)
    written = Written(page, folder / MISCONCEPTIONS_NAME, folder / CANVAS_NAME, folder / MOODLE_NAME,
                      folder / FEEDBACK_FOLDER, len(submissions))
    # The feedback files are a third of the work and need nothing back: a forked
    # copy of this process writes them while this one writes the rest.
    feedback = _in_a_child(lambda: feedback_files.write_feedback(written.feedback, submissions))
    exports.write_misconceptions(written.misconceptions, groups)
    exports.write_canvas(written.canvas, submissions)
    exports.write_moodle(written.moodle, submissions)
    files = [(written.misconceptions, _(MISCONCEPTIONS_WHAT)), (written.feedback, _(FEEDBACK_WHAT)),
             (written.canvas, _(CANVAS_WHAT)), (written.moodle, _(MOODLE_WHAT))]
    html = render(graded, class_stats(graded), groups, files, written.feedback, page)
    page.write_text(html, encoding="utf-8")
    if os.waitstatus_to_exitcode(os.waitpid(feedback, 0)[1]) != 0:
        raise OSError(_("the feedback files could not all be written to {folder}").format(folder=written.feedback))
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
    return _("report: {page} (open it in a browser: xdg-open {page}, or {address})").format(
        page=page, address=page.resolve().as_uri())


def after_grading(folder: Path, complete: bool = True) -> str:
    """What ``grade-batch`` and ``merge`` say last: the class report, written, and how
    to open it; or, for one shard of a class, how to make it once the shards are merged."""
    again = f"python -m grader report {folder}"
    if not complete:
        return _("class report: after merging the shards (python -m grader merge ...), "
                 "python -m grader report OUTDIR")
    try:
        written = write_report(folder)
    except ImportError as missing:
        return _("class report: {command} (it needs {package}: pip install -e '.[report]')").format(
            command=again, package=missing.name)
    except (UsageError, OSError) as error:
        return _("class report: not written ({error})").format(error=error)
    except Exception as error:  # noqa: BLE001 - the grades are written; the report must not undo that
        return _("class report: not written ({error}); try: {command}").format(
            error=f"{error.__class__.__name__}: {error}", command=again)
    files = ", ".join([MISCONCEPTIONS_NAME, FEEDBACK_FOLDER + "/", CANVAS_NAME, MOODLE_NAME])
    return how_to_open(written.page) + "\n  " + _("{files} beside it; again: {command}").format(
        files=files, command=again)


def run_report(args: argparse.Namespace) -> int:
    # The report's own --lang; else the language the command was started in.
    i18n.set_language(i18n.chosen(args.lang))
    try:
        import jinja2  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError as missing:
        raise UsageError(_("the class report needs {package}: pip install -e '.[report]'").format(
            package=missing.name)) from None
    try:
        written = write_report(args.folder, args.output)
    except OSError as error:
        raise UsageError(_("the report could not be written: {error}").format(error=error)) from None
    files = ", ".join([written.misconceptions.name, written.canvas.name, written.moodle.name,
                       written.feedback.name + "/"])
    print(ngettext("{count} student: {files} in {folder}", "{count} students: {files} in {folder}",
                   written.students).format(count=written.students, files=files, folder=args.folder),
          file=sys.stderr)
    print(how_to_open(written.page), file=sys.stderr)
    return 0
