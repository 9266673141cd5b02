"""Results as files: Gradescope's ``results.json`` and JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from grader import course
from grader.runner import ExerciseResult
from grader.safe_text import readable, readable_data


def _round(points: float) -> float:
    return round(points, 4)


def results_json(results: list[ExerciseResult], execution_time: float) -> dict:
    """Gradescope's results format; every test named ``<module>.<function>: ...``.

    The top-level ``output`` says how student code was isolated while graded."""
    tests = []
    for result in results:
        for test in result.tests:
            tests.append(
                {
                    "name": test.check_name,
                    "score": _round(test.score),
                    "max_score": _round(test.max_score),
                    "status": "passed" if test.passed else "failed",
                    "output": test.output,
                    "visibility": "visible",
                }
            )
    graded = {r.exercise.name for r in results}
    document = {
        "score": _round(sum(r.score for r in results)),
        "max_score": _round(sum(e.points for e in course.EXERCISES if e.name in graded)),
        "execution_time": round(execution_time, 2),
        "tests": tests,
    }
    isolation = next((r.isolation for r in results if r.isolation), "")
    if isolation:
        document["output"] = f"Isolation: {isolation}."
    return document


def write_results(path: Path, document: dict) -> None:
    """Write atomically, so that a reader never sees half a file."""
    temporary = path.with_name(path.name + ".tmp")
    text = json.dumps(readable_data(document), indent=1, ensure_ascii=False)  # whatever the strings hold
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(path)


def write_junit(path: Path, results: list[ExerciseResult]) -> None:
    suite = ElementTree.Element("testsuite", name="grader")
    failures = 0
    count = 0
    for result in results:
        for test in result.tests:
            count += 1
            case = ElementTree.SubElement(
                suite, "testcase", classname=result.exercise.qualname, name=test.check_name
            )
            if not test.passed:
                failures += 1
                failure = ElementTree.SubElement(case, "failure", message=(test.output.splitlines() or [""])[0][:200])
                failure.text = test.output
    suite.set("tests", str(count))
    suite.set("failures", str(failures))
    ElementTree.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
