"""``python -m grader``: check your exercises, or grade a submission.

    python -m grader check [NAME ...] [--submission DIR]
    python -m grader grade --submission DIR --output results.json [--seed S] [--junit FILE]

Every wrong path or unknown name is answered with one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUBMISSION = ROOT / "exercises"


class UsageError(Exception):
    """A mistake in the command line: said in one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m grader", description="Check or grade the course's exercises.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check your functions and explain every failure")
    check.add_argument("names", nargs="*", metavar="NAME", help="a function (mse) or a module (l01_regression)")
    check.add_argument("--submission", type=Path, default=DEFAULT_SUBMISSION, metavar="DIR")

    grade = commands.add_parser("grade", help="grade one submission into a results.json file")
    grade.add_argument("--submission", type=Path, required=True, metavar="DIR")
    grade.add_argument("--output", type=Path, required=True, metavar="FILE")
    grade.add_argument("--seed", type=int, default=0, help="which inputs the properties are tried on")
    grade.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML")
    return parser


def _submission(path: Path) -> Path:
    if not path.exists():
        raise UsageError(f"no such directory: {path}")
    if not path.is_dir():
        raise UsageError(f"not a directory: {path} (give the folder that holds l01_regression.py ...)")
    return path.resolve()


def _exercises(names: list[str]):
    from grader import course

    try:
        return course.select(names)
    except KeyError as unknown:
        known = ", ".join(course.LECTURES)
        raise UsageError(f"unknown function or module {unknown.args[0]!r} (modules: {known})") from None


def _grade_all(exercises, submission: Path, seed: int, on_result=None):
    """Grade exercises two at a time (while one waits on its worker, the other
    generates inputs); results come back in course order."""
    from concurrent.futures import ThreadPoolExecutor

    from grader.runner import grade_exercise

    results = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for result in pool.map(lambda e: grade_exercise(e, submission, seed), exercises):
            results.append(result)
            if on_result:
                on_result(result)
    return results


def run_check(args: argparse.Namespace) -> int:
    from grader import forkserver

    submission = _submission(args.submission)
    exercises = _exercises(args.names)
    forkserver.start_server()
    from grader.terminal import CheckReport

    report = CheckReport()
    results = _grade_all(exercises, submission, seed=0, on_result=report.show)
    report.total(results)
    return 0 if all(r.status == "passed" for r in results) else 1


def run_grade(args: argparse.Namespace) -> int:
    from grader import forkserver

    started = time.perf_counter()
    submission = _submission(args.submission)
    if args.output.parent and not args.output.parent.exists():
        raise UsageError(f"the folder of --output does not exist: {args.output.parent}")
    forkserver.start_server()
    from grader import course
    from grader.results import results_json, write_junit, write_results

    results = _grade_all(course.EXERCISES, submission, seed=args.seed)
    document = results_json(results, time.perf_counter() - started)
    write_results(args.output, document)
    if args.junit:
        write_junit(args.junit, results)
    print(f"{submission.name}: {document['score']:g} / {document['max_score']:g} -> {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "grade":
            return run_grade(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 2
