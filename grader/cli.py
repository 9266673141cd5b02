"""``python -m grader``: the commands of GRADER.md.

For a student:

    python -m grader check [NAME ...] [--submission DIR]
    python -m grader watch [NAME ...] [--submission DIR]
    python -m grader hint NAME [--level K]
    python -m grader progress [--submission DIR]
    python -m grader repro NAME [--submission DIR]
    python -m grader solution NAME [--submission DIR] [--anyway]

For a teaching assistant or a course platform:

    python -m grader grade --submission DIR --output results.json [--seed S] [--junit FILE]
    python -m grader grade-batch --submissions DIR --output OUTDIR [--jobs N] [--shard K/N] [--force]
    python -m grader merge OUTDIR ... --output OUTDIR
    python -m grader report OUTDIR [--output report.html] [--lang zh|en]
    python -m grader gradescope-bundle --output autograder.zip
    python -m grader classroom --output DIR
    python -m grader release --output DIR

Every wrong path or unknown name is answered with one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from grader.paths import DEFAULT_SUBMISSION, UsageError, exercises, submission_folder


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is said in one line (not a usage block)."""

    def error(self, message: str) -> None:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m grader", description="Check or grade the course's exercises.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check your functions and explain every failure")
    check.add_argument("names", nargs="*", metavar="NAME", help="a function (mse) or a module (l01_regression)")
    check.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR")
    check.add_argument("--all", action="store_true", dest="every",
                       help="show every failed check with its own input, not only the most telling one")

    grade = commands.add_parser("grade", help="grade one submission into a results.json file")
    grade.add_argument("--submission", type=Path, required=True, metavar="DIR")
    grade.add_argument("--output", type=Path, required=True, metavar="FILE")
    grade.add_argument("--seed", type=int, default=0, help="which inputs the properties are tried on")
    grade.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML")

    batch = commands.add_parser("grade-batch", help="grade every sub-directory of DIR (one student each)")
    batch.add_argument("--submissions", type=Path, required=True, metavar="DIR")
    batch.add_argument("--output", type=Path, required=True, metavar="OUTDIR")
    batch.add_argument("--jobs", type=int, default=None, metavar="N", help="parallel jobs (default: cores)")
    batch.add_argument("--seed", type=int, default=0, help="which inputs the properties are tried on")
    batch.add_argument("--shard", default="1/1", metavar="K/N", help="grade only the K-th of N slices")
    batch.add_argument("--force", action="store_true", help="re-grade students already graded")

    merge = commands.add_parser("merge", help="join the output folders of shards into one gradebook")
    merge.add_argument("folders", nargs="+", type=Path, metavar="OUTDIR")
    merge.add_argument("--output", type=Path, required=True, metavar="OUTDIR")

    report = commands.add_parser("report", help="the class report of a graded folder: page, misconceptions, "
                                                "feedback files, gradebook exports")
    report.add_argument("folder", type=Path, metavar="OUTDIR", help="the --output folder of grade-batch or merge")
    report.add_argument("--output", type=Path, default=None, metavar="FILE", help="the page (default: OUTDIR/report.html)")
    report.add_argument("--lang", choices=["zh", "en"], default=None,
                        help="the page's language (default: COURSE_LANG, else the locale, else zh)")

    bundle = commands.add_parser("gradescope-bundle", help="build Gradescope's autograder zip")
    bundle.add_argument("--output", type=Path, required=True, metavar="FILE")

    classroom = commands.add_parser("classroom", help="write a GitHub Classroom autograding workflow")
    classroom.add_argument("--output", type=Path, required=True, metavar="DIR")

    watch = commands.add_parser("watch", help="re-check on every save")
    watch.add_argument("names", nargs="*", metavar="NAME")
    watch.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR")

    hint = commands.add_parser("hint", help="a hint for an exercise, from a nudge to the shape of the answer")
    hint.add_argument("name", metavar="NAME")
    hint.add_argument("--level", type=int, default=1, metavar="K")

    repro = commands.add_parser("repro", help="write repro_NAME.py, a script that reproduces NAME's failure")
    repro.add_argument("name", metavar="NAME", help="a function (mse)")
    repro.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR")

    progress = commands.add_parser("progress", help="the course map: what is done and what is next")
    progress.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR")

    release = commands.add_parser("release", help="write the student edition (no reference code)")
    release.add_argument("--output", type=Path, required=True, metavar="DIR")

    solution = commands.add_parser("solution", help="the reference of an exercise, once yours passes")
    solution.add_argument("name", metavar="NAME")
    solution.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR")
    solution.add_argument("--anyway", action="store_true", help="show it even though yours does not pass yet")
    return parser


def run_check(args: argparse.Namespace) -> int:
    submission = submission_folder(args.submission)
    chosen = exercises(args.names)
    from grader import session
    from grader.terminal import CheckReport

    report = CheckReport(every=args.every)
    results = session.grade(submission, chosen, on_result=report.show)
    report.total(results)
    return 0 if all(r.passed for r in results) else 1


def run_grade(args: argparse.Namespace) -> int:
    from grader import forkserver

    started = time.perf_counter()
    submission = submission_folder(args.submission)
    if args.output.parent and not args.output.parent.exists():
        raise UsageError(f"the folder of --output does not exist: {args.output.parent}")
    from grader import recorded

    recorded.check_seed(args.seed)
    forkserver.start_server(connections=2)
    from grader import sandbox
    from grader.results import results_json, write_junit, write_results

    sandbox.hide(submission.parent, args.output.resolve().parent)  # other students, other results
    from grader.runner import grade_submission

    results = grade_submission(submission, seed=args.seed)
    document = results_json(results, time.perf_counter() - started, seed=args.seed)
    write_results(args.output, document)
    if args.junit:
        write_junit(args.junit, results)
    print(f"{submission.name}: {document['score']:g} / {document['max_score']:g} -> {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _command(args.command)(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _command(name: str):
    """The function that runs a command; each command of its own lives in its own module."""
    if name == "check":
        return run_check
    if name == "grade":
        return run_grade
    if name in ("grade-batch", "merge"):
        from grader import batch

        return batch.run_grade_batch if name == "grade-batch" else batch.run_merge
    if name == "report":
        from grader import class_report

        return class_report.run_report
    if name in ("gradescope-bundle", "classroom"):
        from grader import platforms

        return platforms.run_gradescope_bundle if name == "gradescope-bundle" else platforms.run_classroom
    if name == "watch":
        from grader import watch

        return watch.run_watch
    if name == "hint":
        from grader import hints

        return hints.run_hint
    if name == "repro":
        from grader import repro

        return repro.run_repro
    if name == "release":
        from grader import release

        return release.run_release
    if name == "solution":
        from grader import solution

        return solution.run_solution
    from grader import progress

    return progress.run_progress
