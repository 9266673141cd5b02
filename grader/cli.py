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
    python -m grader report OUTDIR [--output report.html]
    python -m grader gradescope-bundle --output autograder.zip
    python -m grader classroom --output DIR
    python -m grader release --output DIR

Every command takes ``--lang zh|en``: the language it speaks (else ``COURSE_LANG``,
else the locale, else Chinese; ``grader.i18n``). Every wrong path or unknown name is
answered with one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from grader import argparse_words, i18n
from grader.i18n import _
from grader.paths import DEFAULT_SUBMISSION, UsageError, exercises, submission_folder


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is said in one line (not a usage block)."""

    def error(self, message: str) -> None:
        self.exit(2, _("error: {message} (see {command})").format(message=message, command=f"{self.prog} --help")
                  + "\n")


def _language_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--lang", choices=list(i18n.LANGUAGES), default=default,
                        help=_("the language to speak: zh (Chinese) or en (English); "
                               "default: COURSE_LANG, else the locale, else zh"))


def _parser() -> argparse.ArgumentParser:
    """The command line, its help in the language being spoken (``main`` chose it)."""
    parser = _Parser(prog="python -m grader", description=_("Check or grade the course's exercises."))
    _language_option(parser, None)
    # The same option after the command; not given there, it leaves the one before it alone.
    common = argparse.ArgumentParser(add_help=False)
    _language_option(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                     metavar="COMMAND", title=_("commands"))

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=help, parents=[common])

    check = command("check", _("check your functions and explain every failure"))
    check.add_argument("names", nargs="*", metavar="NAME", help=_("a function (mse) or a module (l01_regression)"))
    check.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR",
                       help=_("the folder holding your l01_regression.py ... (default: exercises/)"))
    check.add_argument("--all", action="store_true", dest="every",
                       help=_("show every failed check with its own input, not only the most telling one"))

    grade = command("grade", _("grade one submission into a results.json file"))
    grade.add_argument("--submission", type=Path, required=True, metavar="DIR",
                       help=_("the folder holding the student's l01_regression.py ..."))
    grade.add_argument("--output", type=Path, required=True, metavar="FILE", help=_("the results.json to write"))
    grade.add_argument("--seed", type=int, default=0, help=_("which inputs the properties are tried on"))
    grade.add_argument("--junit", type=Path, metavar="FILE", help=_("also write JUnit XML"))

    batch = command("grade-batch", _("grade every sub-directory of DIR (one student each)"))
    batch.add_argument("--submissions", type=Path, required=True, metavar="DIR",
                       help=_("a folder with one sub-folder per student"))
    batch.add_argument("--output", type=Path, required=True, metavar="OUTDIR", help=_("where the results go"))
    batch.add_argument("--jobs", type=int, default=None, metavar="N", help=_("parallel jobs (default: cores)"))
    batch.add_argument("--seed", type=int, default=0, help=_("which inputs the properties are tried on"))
    batch.add_argument("--shard", default="1/1", metavar="K/N", help=_("grade only the K-th of N slices"))
    batch.add_argument("--force", action="store_true", help=_("re-grade students already graded"))

    merge = command("merge", _("join the output folders of shards into one gradebook"))
    merge.add_argument("folders", nargs="+", type=Path, metavar="OUTDIR", help=_("the --output folders of the shards"))
    merge.add_argument("--output", type=Path, required=True, metavar="OUTDIR", help=_("where the joined results go"))

    report = command("report", _("the class report of a graded folder: page, misconceptions, feedback files, "
                                 "gradebook exports"))
    report.add_argument("folder", type=Path, metavar="OUTDIR", help=_("the --output folder of grade-batch or merge"))
    report.add_argument("--output", type=Path, default=None, metavar="FILE",
                        help=_("the page (default: OUTDIR/report.html)"))

    bundle = command("gradescope-bundle", _("build Gradescope's autograder zip"))
    bundle.add_argument("--output", type=Path, required=True, metavar="FILE", help=_("the zip to write"))

    classroom = command("classroom", _("write a GitHub Classroom autograding workflow"))
    classroom.add_argument("--output", type=Path, required=True, metavar="DIR", help=_("the repository to write it into"))

    watch = command("watch", _("re-check on every save"))
    watch.add_argument("names", nargs="*", metavar="NAME", help=_("a function (mse) or a module (l01_regression)"))
    watch.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR",
                       help=_("the folder holding your l01_regression.py ... (default: exercises/)"))

    hint = command("hint", _("a hint for an exercise, from a nudge to the shape of the answer"))
    hint.add_argument("name", metavar="NAME", help=_("a function (mse)"))
    hint.add_argument("--level", type=int, default=1, metavar="K", help=_("which hint: 1 is the gentlest"))

    repro = command("repro", _("write repro_NAME.py, a script that reproduces NAME's failure"))
    repro.add_argument("name", metavar="NAME", help=_("a function (mse)"))
    repro.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR",
                       help=_("the folder holding your l01_regression.py ... (default: exercises/)"))

    progress = command("progress", _("the course map: what is done and what is next"))
    progress.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR",
                          help=_("the folder holding your l01_regression.py ... (default: exercises/)"))

    release = command("release", _("write the student edition (no reference code)"))
    release.add_argument("--output", type=Path, required=True, metavar="DIR", help=_("the folder to write"))

    solution = command("solution", _("the reference of an exercise, once yours passes"))
    solution.add_argument("name", metavar="NAME", help=_("a function (mse)"))
    solution.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR",
                          help=_("the folder holding your l01_regression.py ... (default: exercises/)"))
    solution.add_argument("--anyway", action="store_true", help=_("show it even though yours does not pass yet"))
    return parser


def asked_language(argv: list[str]) -> str | None:
    """The value of ``--lang`` on a command line, read before the parser exists (its
    help is written in that language); the parser itself then checks it."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word.startswith("--lang="):
            return word.partition("=")[2]
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


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
        raise UsageError(_("the folder of --output does not exist: {folder}").format(folder=args.output.parent))
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
    print(_("{student}: {score} / {maximum} -> {file}").format(
        student=submission.name, score=f"{document['score']:g}", maximum=f"{document['max_score']:g}",
        file=args.output))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The language first: the help and argparse's errors are said in it too.
    i18n.set_language(i18n.chosen(asked_language(argv)))
    argparse_words.speak()
    args = _parser().parse_args(argv)
    if args.lang and args.lang != i18n.language():  # spelled in a way the first look missed (--la en)
        i18n.set_language(args.lang)
    try:
        return _command(args.command)(args)
    except UsageError as error:
        print(_("error: {message}").format(message=error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
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
