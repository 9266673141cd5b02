"""Results as files: Gradescope's ``results.json`` and JUnit XML, rendered from verdicts.

Each test of ``results.json`` carries its feedback as text (``output``, what
Gradescope shows) and its verdict as data (``extra_data``, what ``report`` and
``progress`` read); the top level's ``extra_data`` holds each exercise's own
status and the language the feedback is written in. ``verdicts(document)`` gives
the verdicts back. Test names and feedback are in the student's language; a
verdict's ``key`` names its check in any language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from grader import course, i18n
from grader.i18n import _
from grader.report_text import check_text, headline
from grader.safe_text import readable, readable_data
from grader.verdict import FOUND_BY_A_CHECK, CheckVerdict, ExerciseVerdict, Status

FORMAT = 3  # of the verdicts in extra_data: 3 adds the language and each check's key
# Format 2 still reads: English verdicts without keys (a check's key was its title).
READABLE = (2, FORMAT)


def _round(points: float) -> float:
    return round(points, 4)


def results_json(results: list[ExerciseVerdict], execution_time: float, seed: int | None = None,
                 language: str | None = None) -> dict:
    """Gradescope's results format; every test named ``<module>.<function>: ...``.

    ``language``: the one the verdicts were graded in (default: the one being spoken).
    The top-level ``output`` says how student code was isolated while graded."""
    language = language or i18n.language()
    tests = []
    for result in results:
        for verdict in result.checks:
            tests.append({
                "name": verdict.name,
                "score": _round(verdict.score),
                "max_score": _round(verdict.max_score),
                "status": "passed" if verdict.passed else "failed",
                "output": check_text(verdict),
                "visibility": "visible",
                "extra_data": verdict.to_dict(),
            })
    graded = {r.exercise.name for r in results}
    exercises = []
    for result in results:
        summary = result.to_dict()
        del summary["checks"]  # each is in its test's extra_data
        del summary["seconds"]  # the same submission gives the same file: time is execution_time's
        exercises.append(summary)
    document: dict[str, Any] = {
        "score": _round(sum(r.score for r in results)),
        "max_score": _round(sum(e.points for e in course.EXERCISES if e.name in graded)),
        "execution_time": round(execution_time, 2),
        "tests": tests,
        "extra_data": {"format": FORMAT, "language": language, "seed": seed, "exercises": exercises},
    }
    isolation = next((r.isolation for r in results if r.isolation), "")
    if isolation:
        document["output"] = _("Isolation: {isolation}.").format(isolation=isolation)
    return document


def verdicts(document: dict) -> list[ExerciseVerdict]:
    """The verdicts a results file holds (written by ``results_json``).

    Raises:
        ValueError: the file holds no verdicts of a format this grader reads (a much
            older grader's, or not ours).
    """
    extra = document.get("extra_data") if type(document) is dict else None
    if type(extra) is not dict or type(extra.get("format")) is not int \
            or extra["format"] not in READABLE:
        raise ValueError(_("not a results file of this grader's format"))
    try:
        checks: dict[str, list[dict]] = {}
        for test in document["tests"]:
            data = test["extra_data"]
            checks.setdefault(data["function"], []).append(data)
        return [ExerciseVerdict.from_dict({**summary, "checks": checks.get(summary["function"], [])})
                for summary in extra["exercises"]]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(_("the results file's verdicts cannot be read ({error})").format(error=repr(error))) from None


def write_results(path: Path, document: dict) -> None:
    """Write atomically, so that a reader never sees half a file."""
    temporary = path.with_name(path.name + ".tmp")
    text = json.dumps(readable_data(document), indent=1, ensure_ascii=False)  # whatever the strings hold
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(path)


def write_junit(path: Path, results: list[ExerciseVerdict], language: str | None = None) -> None:
    """JUnit XML: a test case per check, named as the student reads it; the suite's
    ``language`` property says which language the feedback is in."""
    suite = ElementTree.Element("testsuite", name="grader")
    properties = ElementTree.SubElement(suite, "properties")
    ElementTree.SubElement(properties, "property", name="language", value=language or i18n.language())
    failures = skipped = count = 0
    for result in results:
        for verdict in result.checks:
            count += 1
            case = ElementTree.SubElement(suite, "testcase", classname=result.exercise.qualname, name=verdict.name)
            if verdict.passed:
                continue
            if verdict.status is Status.NOT_RUN:
                skipped += 1
                ElementTree.SubElement(case, "skipped", message=verdict.message[:200])
                continue
            failures += 1
            failure = ElementTree.SubElement(case, "failure", message=_first_line(verdict)[:200],
                                             type=str(verdict.status))
            failure.text = check_text(verdict)
    suite.set("tests", str(count))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    ElementTree.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def _first_line(verdict: CheckVerdict) -> str:
    text = headline(verdict) if verdict.status in FOUND_BY_A_CHECK \
        else verdict.message
    return (text.splitlines() or [""])[0]
