"""Course platforms: Gradescope's autograder zip run as Gradescope runs it, GitHub
Classroom's workflow, and JUnit XML for any other CI."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from grader import course
from grader.platforms import submission_folder

ROOT = Path(__file__).resolve().parent.parent
COURSE_FILES = [f"{module}.py" for module in course.LECTURES]
PYTHON = sys.executable  # this venv: it has the grader's dependencies


def grader(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=False, env={**os.environ, "COURSE_LANG": lang})


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    finished = grader("gradescope-bundle", "--output", str(output))
    assert finished.returncode == 0, finished.stderr
    return output


def unpack(bundle: Path, root: Path) -> None:
    """What Gradescope does: the zip into root/source, run_autograder copied to root
    (zipfile ignores permissions, so they are set from the zip as unzip would)."""
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            path = Path(archive.extract(info, root / "source"))
            path.chmod(info.external_attr >> 16 & 0o777)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()


def run_autograder(root: Path) -> dict:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": PYTHON}
    finished = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True,
                              text=True, timeout=600, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))


def assert_named_per_function(results: dict) -> None:
    prefixes = {f"{e.qualname}: " for e in course.EXERCISES}
    assert {p for p in prefixes if any(t["name"].startswith(p) for t in results["tests"])} == prefixes
    for test in results["tests"]:
        assert any(test["name"].startswith(p) for p in prefixes), test["name"]


def test_bundle_holds_the_scripts_the_grader_and_the_references_only(bundle: Path, tmp_path: Path) -> None:
    names = zipfile.ZipFile(bundle).namelist()
    assert {n.split("/")[0] for n in names} == {"setup.sh", "run_autograder", "grader", "solutions", "pyproject.toml"}
    assert {f"solutions/{f}" for f in COURSE_FILES} <= set(names)
    assert {"grader/cli.py", "grader/course.py", "grader/assets/digits_classifier.pt"} <= set(names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]

    unpack(bundle, tmp_path)
    for script in ("setup.sh", "run_autograder"):
        path = tmp_path / "source" / script
        assert path.stat().st_mode & stat.S_IXUSR, f"{script} is not executable"
        assert path.read_text().startswith("#!/usr/bin/env bash\n")
        assert subprocess.run(["bash", "-n", str(path)], check=False).returncode == 0, f"{script}: bash syntax error"
    setup = (tmp_path / "source" / "setup.sh").read_text()
    assert "--index-url https://download.pytorch.org/whl/cpu torch==2.13.0" in setup
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert all(shlex.quote(pin) in setup for pin in pins if not pin.startswith("torch"))  # the rest from PyPI


def test_run_autograder_gives_full_marks_to_the_solutions_nested_one_folder_deep(bundle: Path, tmp_path: Path) -> None:
    unpack(bundle, tmp_path)
    shutil.copytree(ROOT / "solutions", tmp_path / "submission" / "exercises")  # a zip of exercises/
    results = run_autograder(tmp_path)
    assert results["score"] == results["max_score"] == course.MAX_SCORE
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for t in results["tests"])
    assert_named_per_function(results)


def test_run_autograder_gives_the_stubs_zero_and_says_not_yet_implemented(bundle: Path, tmp_path: Path) -> None:
    unpack(bundle, tmp_path)
    for name in COURSE_FILES:
        shutil.copy(ROOT / "exercises" / name, tmp_path / "submission" / name)
    results = run_autograder(tmp_path)
    assert results["score"] == 0 and results["max_score"] == course.MAX_SCORE
    assert all(t["status"] == "failed" and t["score"] == 0 for t in results["tests"])
    assert all("not yet implemented" in t["output"] for t in results["tests"])  # found, not missing
    assert_named_per_function(results)


def test_submission_folder_finds_the_files_at_the_top_or_a_folder_or_two_down(tmp_path: Path) -> None:
    def upload(*paths: str) -> Path:
        folder = tmp_path / f"upload{len(list(tmp_path.iterdir()))}"
        for path in paths:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text("")
        return folder

    flat = upload("l01_regression.py", "notes.txt")
    assert submission_folder(flat) == flat
    zipped = upload("exercises/l01_regression.py", "__MACOSX/exercises/._l01_regression.py")
    assert submission_folder(zipped) == zipped / "exercises"
    repository = upload("repo-main/exercises/l02_guidance.py", "repo-main/README.md", "repo-main/.git/l01_regression.py")
    assert submission_folder(repository) == repository / "repo-main" / "exercises"
    preferred = upload("a/l01_regression.py", "a/l02_guidance.py", "exercises/l01_regression.py")
    assert submission_folder(preferred) == preferred / "exercises"
    nothing = upload("homework.pdf")
    assert submission_folder(nothing) == nothing  # the grader then names the missing files


def test_classroom_workflow_has_one_step_per_function_worth_its_points(tmp_path: Path) -> None:
    finished = grader("classroom", "--output", str(tmp_path))
    assert finished.returncode == 0, finished.stderr
    text = (tmp_path / ".github" / "workflows" / "classroom.yml").read_text(encoding="utf-8")
    assert text.startswith("# ")
    workflow = yaml.safe_load(text)
    assert set(workflow["on"]) >= {"push", "repository_dispatch"}
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if s.get("uses") == "education/autograding-command-grader@v1"]
    assert [s["id"] for s in graders] == [e.name for e in course.EXERCISES]
    for step, exercise in zip(graders, course.EXERCISES):
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", step["id"])
        assert step["with"]["command"] == f"python -m grader check {exercise.name}"
        assert step["with"]["max-score"] == exercise.points
        assert step["with"]["test-name"] == exercise.qualname
        assert 0 < step["with"]["timeout"] <= 10  # minutes
    assert sum(s["with"]["max-score"] for s in graders) == course.MAX_SCORE

    reporter = steps[-1]
    assert reporter["uses"] == "education/autograding-grading-reporter@v1"
    assert reporter["with"]["runners"].split(",") == [e.name for e in course.EXERCISES]
    assert reporter["env"] == {f"{e.name.upper()}_RESULTS": f"${{{{steps.{e.name}.outputs.result}}}}"
                               for e in course.EXERCISES}
    install = next(s["run"] for s in steps if "Install" in s.get("name", ""))
    assert "--index-url https://download.pytorch.org/whl/cpu torch==2.13.0" in install


@pytest.mark.parametrize(("lang", "header"), [("zh", "# GitHub Classroom 自动评分："),
                                              ("en", "# GitHub Classroom autograding: ")])
def test_the_platforms_grade_in_the_language_they_were_made_in(tmp_path: Path, lang: str, header: str) -> None:
    """Students read the feedback in the course's language, whatever the grading
    machine's locale: the bundle and the workflow set COURSE_LANG."""
    built = grader("gradescope-bundle", "--output", str(tmp_path / "autograder.zip"), lang=lang)
    assert built.returncode == 0, built.stderr
    with zipfile.ZipFile(tmp_path / "autograder.zip") as archive:
        assert f"\nexport COURSE_LANG={lang}\n" in archive.read("run_autograder").decode()
    assert built.stdout.splitlines()[-1].endswith(("它的反馈使用中文。", "Its feedback is in English.")[lang == "en"])
    made = grader("classroom", "--output", str(tmp_path), lang=lang)
    assert made.returncode == 0, made.stderr
    text = (tmp_path / ".github" / "workflows" / "classroom.yml").read_text(encoding="utf-8")
    assert text.startswith(header)
    assert yaml.safe_load(text)["jobs"]["run-autograding-tests"]["env"] == {"COURSE_LANG": lang}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["classroom", "--output", "no/such/dir"], "no such directory"),
        (["gradescope-bundle", "--output", "no/such/dir/autograder.zip"], "does not exist"),
        (["gradescope-bundle", "--output", "grader"], "is a directory"),
    ],
)
def test_platform_commands_answer_a_bad_path_in_one_line(args: list[str], says: str) -> None:
    finished = grader(*args)
    assert finished.returncode == 2
    assert says in finished.stderr
    assert "Traceback" not in finished.stderr and len(finished.stderr.strip().splitlines()) == 1


def test_grade_junit_has_one_testcase_per_check(tmp_path: Path) -> None:
    submission = tmp_path / "submission"
    shutil.copytree(ROOT / "exercises", submission)
    shutil.copy(ROOT / "solutions" / "l01_regression.py", submission)  # some pass, the rest fail
    results_path, junit_path = tmp_path / "results.json", tmp_path / "junit.xml"
    finished = grader("grade", "--submission", str(submission), "--output", str(results_path),
                      "--junit", str(junit_path))
    assert finished.returncode == 0, finished.stderr
    results = json.loads(results_path.read_text(encoding="utf-8"))
    suite = ElementTree.parse(junit_path).getroot()  # well-formed XML, or this raises

    assert suite.tag == "testsuite"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [t["name"] for t in results["tests"]]
    failed = [c.find("failure") is not None for c in cases]
    assert failed == [t["status"] == "failed" for t in results["tests"]]
    assert any(failed) and not all(failed)
    assert int(suite.get("tests")) == len(cases) and int(suite.get("failures")) == sum(failed)
    for case in cases:
        assert case.get("name").startswith(f"{case.get('classname')}: ")
