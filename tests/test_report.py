"""The class report on a synthetic class built from the project's mutants.

Each mutant of tests/mutants/ is three students (the stubs of exercises/, with the
mutant's module written: the reference's functions and the mutant's one), so the
class carries known bugs, several students each. The report's misconception groups
must recover them: every student of one mutant in one group, and no group mixing
two mutants the checks tell apart.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from grader import course, i18n
from grader.class_report import reading, statistics
from grader.class_report.misconceptions import failure_key, group_failures
from grader.class_report.page import LABELS
from grader.report_text import headline

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "tests" / "mutants"
COPIES = 3
# Bugs the checks tell apart, several of one exercise and one property: the same
# property broken on other smallest inputs (mse, mae, adam_step), a gradient check
# that raises, a check of another exercise, a whole-exercise cause (a banned call).
BUGS = [
    "l01_regression/mse__sum_not_mean",
    "l01_regression/mse__half_mean",
    "l01_regression/mse__root_mean",
    "l01_regression/mse__inplace_pow",
    "l01_regression/mae__no_empty_check",
    "l01_regression/mae__broadcasts_shapes",
    "l01_regression/hard_sigmoid__F_hardsigmoid",
    "l01_regression/hard_sigmoid__hardsigmoid_getattr",
    "l02_guidance/kfold__torch_chunk",
    "l05_adaptive_lr/adam_step__no_bias_correction",
    "l05_adaptive_lr/adam_step__t_off_by_one",
]
# The sum instead of the mean, written another way than tests/mutants' (other names,
# other checks, another order of operations): the same bug, however it is written.
REWRITTEN = {"mse__sum_not_mean_rewritten": ("l01_regression", '''
def mse(pred, target):
    if pred.numel() == 0:
        raise ValueError("nothing to average")
    if tuple(target.shape) != tuple(pred.shape):
        raise ValueError(f"shapes {tuple(pred.shape)} and {tuple(target.shape)} differ")
    difference = target - pred
    return torch.sum(difference * difference)
''')}
# Written differently, seen alike: one misconception each.
SAME_TO_THE_CHECKS = [
    {"mse__sum_not_mean", "mse__sum_not_mean_rewritten"},
    # Both call torch.nn.functional.hardsigmoid (one through getattr): all the grader can say of either.
    {"hard_sigmoid__F_hardsigmoid", "hard_sigmoid__hardsigmoid_getattr"},
]


def grader(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, env={**os.environ, "COURSE_LANG": lang})


def _function_source(path: Path, name: str) -> str:
    text = path.read_text(encoding="utf-8")
    node = next(n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_source_segment(text, node)


def _with_function(module_text: str, function_text: str) -> str:
    """A module with one more function, which replaces any earlier one of its name."""
    body = "\n".join(line for line in function_text.splitlines() if not line.startswith("from __future__"))
    return f"{module_text}\n\n{body}\n"


def mutant_of(student: str) -> str | None:
    return student.rsplit("__", 1)[0] if student.count("__") == 2 else None


@pytest.fixture(scope="module")
def classroom(tmp_path_factory) -> Path:
    """Three students per mutant; copies differ in their files' line numbers (the
    tracebacks say so), as two students' files would. And: ``correct`` (the
    solutions), ``not_started`` (the stubs), ``waiting`` (momentum_descent written,
    momentum_step still a stub)."""
    root = tmp_path_factory.mktemp("class")
    for bug in BUGS:
        module, stem = bug.split("/")
        mutant = (MUTANTS / module / f"{stem}.py").read_text(encoding="utf-8")
        for copy in range(COPIES):
            student = root / f"{stem}__{copy}"
            shutil.copytree(ROOT / "exercises", student)
            reference = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
            (student / f"{module}.py").write_text("# draft\n" * copy + _with_function(reference, mutant),
                                                  encoding="utf-8")
    for stem, (module, source) in REWRITTEN.items():
        student = root / f"{stem}__0"
        shutil.copytree(ROOT / "exercises", student)
        reference = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
        (student / f"{module}.py").write_text(_with_function(reference, source), encoding="utf-8")
    shutil.copytree(ROOT / "solutions", root / "correct")
    shutil.copytree(ROOT / "exercises", root / "not_started")
    shutil.copytree(ROOT / "exercises", root / "waiting")
    (root / "waiting" / "l04_batch_momentum.py").write_text(_with_function(
        (ROOT / "exercises" / "l04_batch_momentum.py").read_text(encoding="utf-8"),
        _function_source(ROOT / "solutions" / "l04_batch_momentum.py", "momentum_descent")), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def graded(classroom: Path, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """grade-batch once for the module, then the report into its folder."""
    output = tmp_path_factory.mktemp("graded")
    finished = grader("grade-batch", "--submissions", str(classroom), "--output", str(output), "--jobs", "2",
                      "--seed", "3")
    assert finished.returncode == 0, finished.stderr
    report = grader("report", str(output), "--lang", "en")
    assert report.returncode == 0, report.stderr
    return output, finished


@pytest.fixture(scope="module")
def output(graded) -> Path:
    return graded[0]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


# ---- misconceptions -----------------------------------------------------------------


def test_every_student_of_one_mutant_is_in_one_group(output: Path) -> None:
    rows = _rows(output / "misconceptions.csv")
    for bug in BUGS:
        stem = bug.split("/")[1]
        exercise = stem.split("__")[0]
        groups = {row["group"] for row in rows if row["exercise"] == exercise and mutant_of(row["student"]) == stem}
        assert len(groups) == 1, f"{stem}: its {COPIES} students are split over {groups}"
        members = [row for row in rows if row["group"] in groups and mutant_of(row["student"]) == stem]
        assert len(members) == COPIES


def test_no_group_mixes_bugs_the_checks_tell_apart(output: Path) -> None:
    rows = _rows(output / "misconceptions.csv")
    mutants_in: dict[str, set[str]] = {}
    for row in rows:
        mutants_in.setdefault(row["group"], set()).add(mutant_of(row["student"]))
    for group, mutants in mutants_in.items():
        assert None not in mutants, f"{group} holds a student without a bug: {mutants}"
        assert len(mutants) == 1 or mutants in SAME_TO_THE_CHECKS, f"{group} mixes {sorted(mutants)}"
    for alike in SAME_TO_THE_CHECKS:
        assert alike in mutants_in.values(), f"{sorted(alike)}: the checks see them alike, but they are not one group"


def test_groups_are_ranked_and_say_what_broke(output: Path, speak) -> None:
    speak("en")
    graded = reading.read_class(output)
    groups = group_failures(graded.submissions)
    assert list(groups) == [e.name for e in course.EXERCISES if e.name in groups]  # course order
    for exercise_groups in groups.values():
        sizes = [len(g.students) for g in exercise_groups]
        assert sizes == sorted(sizes, reverse=True)
        assert [g.number for g in exercise_groups] == list(range(1, len(sizes) + 1))
    mse = {mutant_of(g.students[0]): g for g in groups["mse"]}
    sum_not_mean = mse["mse__sum_not_mean"]
    assert sum_not_mean.property_broken == "matches the reference on random inputs"
    assert sum_not_mean.lead.counterexample is not None and sum_not_mean.hint
    # A failure downstream is its own exercise's group: cross_validation_loss calls kfold.
    assert {mutant_of(s) for g in groups.get("cross_validation_loss", []) for s in g.students} <= {"kfold__torch_chunk"}


def test_the_key_leaves_out_what_differs_between_students_of_one_bug(output: Path) -> None:
    """The copies' tracebacks name other files and lines; their keys are the same."""
    copies = [reading.read_submission(f"mse__inplace_pow__{i}", output / f"mse__inplace_pow__{i}.json")
              for i in range(COPIES)]
    leads = [c.by_exercise["mse"].lead for c in copies]
    assert len({lead.details for lead in leads}) == COPIES  # each names its own file and line
    assert len({failure_key(c.by_exercise["mse"]) for c in copies}) == 1


def test_keys_on_made_up_verdicts() -> None:
    """The same failure seen in two students' files is one key; another property,
    another input or another received value is another."""
    from grader.verdict import Argument, CheckVerdict, Counterexample, ExerciseVerdict, Kind, Status

    mse = course.BY_NAME["mse"]

    def result(title="matches the reference on random inputs", target="1.0", received="2.0", details="",
               message="the result has the wrong values", kind=Kind.WRONG):
        call = Counterexample("l01_regression", "mse", (Argument("pred", "torch.tensor([0.0, 0.0])"),
                                                         Argument("target", f"torch.tensor([{target}, {target}])")))
        values = {} if kind is Kind.RAISED else dict(expected="torch.tensor(1.0)", received=f"torch.tensor({received})")
        check = CheckVerdict("l01_regression", "mse", title, Status.FAILED, 0.0, 1.0, kind=kind, message=message,
                             counterexample=call, details=details, printed=details, **values)
        return ExerciseVerdict(mse, Status.FAILED, [check])

    one = failure_key(result(details='File "/class/alice/l01_regression.py", line 3'))
    assert one == failure_key(result(received="2.0000000000000004", details='File "/class/bob/x.py", line 9'))
    assert one != failure_key(result(title="gradients reach pred and target"))
    assert one != failure_key(result(target="2.0"))
    assert one != failure_key(result(received="0.5"))
    # Graded in Chinese: the message is another sentence, the values are the same Python.
    assert one == failure_key(result(message="结果的值不对"))
    # An exception has no values: what it said is all there is to compare.
    raised = failure_key(result(kind=Kind.RAISED, message="raised ValueError: empty"))
    assert raised != failure_key(result(kind=Kind.RAISED, message="raised IndexError: out of range"))
    not_written = ExerciseVerdict(mse, Status.NOT_WRITTEN, [], message="not yet implemented")
    assert failure_key(not_written) is None


# ---- statistics ------------------------------------------------------------------


def test_statistics_of_the_class(output: Path) -> None:
    graded = reading.read_class(output)
    stats = statistics.class_stats(graded)
    students = len(BUGS) * COPIES + len(REWRITTEN) + 3
    assert stats.students == students and graded.seed == 3
    by_name = {e.exercise.name: e for e in stats.exercises}
    l01_students = sum(bug.startswith("l01_regression/") for bug in BUGS) * COPIES + 2  # rewritten, correct
    mse_bugs = sum("/mse__" in bug for bug in BUGS) * COPIES + 1
    assert by_name["mse"].failing == pytest.approx(mse_bugs / students)
    assert by_name["mse"].full_marks == pytest.approx((l01_students - mse_bugs) / students)
    assert by_name["mse"].not_written == pytest.approx((students - l01_students) / students)
    assert by_name["momentum_descent"].waiting == pytest.approx(1 / students)
    checks = {(c.exercise.name, c.key): c for c in stats.checks}
    assert checks[("mse", "matches the reference on random inputs")].failed == pytest.approx((3 * COPIES + 1) / students)
    stuck = {s.student: s for s in stats.stuck}
    assert "correct" not in stuck and "not_started" in stuck
    assert stuck["waiting"].waiting == [("momentum_descent", "momentum_step")]
    assert len(stats.seconds) == students and all(s > 0 for s in stats.seconds)
    assert stats.isolation and all(stats.isolation)


# ---- files -----------------------------------------------------------------------


def test_the_page_and_the_files(output: Path, graded) -> None:
    page = (output / "report.html").read_text(encoding="utf-8")
    for row in _rows(output / "misconceptions.csv"):
        assert f'id="{row["group"]}"' in page
    # Nothing to run, nothing to fetch: the only links out are to the course's own site.
    assert "<script" not in page
    assert not [url for url in re.findall(r'(?:src|href)="([^"]*)"', page)
                if "://" in url and not url.startswith(course.SITE_URL)]
    assert "<svg" in page
    local = [url for url in re.findall(r'href="([^"#:]+)"', page)]
    assert any(url.startswith("feedback/") for url in local)
    assert all((output / url).exists() for url in local), [url for url in local if not (output / url).exists()]
    students = sorted(p.stem for p in output.glob("*.json") if not p.name.startswith("."))
    assert sorted(p.stem for p in (output / "feedback").glob("*.md")) == students
    assert sorted(p.stem for p in (output / "feedback").glob("*.html")) == students
    # The grade-batch summary ends with where the report will be and how to make it.
    assert "python -m grader report" in graded[1].stderr


def test_feedback_says_what_check_says(output: Path, english) -> None:
    """The feedback file says what `check` says (the class below is graded in English)."""
    submission = reading.read_submission("mse__half_mean__0", output / "mse__half_mean__0.json")
    lead = submission.by_exercise["mse"].lead
    markdown = (output / "feedback" / "mse__half_mean__0.md").read_text(encoding="utf-8")
    assert headline(lead) in markdown and lead.counterexample.snippet() in markdown
    assert f"```python\n{lead.counterexample.snippet()}\n```" in markdown  # flush left: it pastes as it is
    page = (output / "feedback" / "mse__half_mean__0.html").read_text(encoding="utf-8")
    assert "grader-result" in page and course.BY_NAME["mse"].url in page


def test_gradebook_exports_follow_canvas_and_moodle(output: Path) -> None:
    gradebook = {row["student"]: row["total"] for row in _rows(output / "gradebook.csv")}
    with open(output / "canvas.csv", newline="", encoding="utf-8") as file:
        canvas = list(csv.reader(file))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and len(canvas[0]) == 6
    assert canvas[1][0] == "Points Possible" and float(canvas[1][5]) == course.MAX_SCORE
    assert {row[3]: float(row[5]) for row in canvas[2:]} == pytest.approx(
        {s: float(t) for s, t in gradebook.items()}, abs=0.01)
    moodle = _rows(output / "moodle.csv")
    assert list(moodle[0])[:6] == ["First name", "Last name", "ID number", "Institution", "Department",
                                   "Email address"]
    assert {row["ID number"]: float(row["Exercises"]) for row in moodle} == pytest.approx(
        {s: float(t) for s, t in gradebook.items()}, abs=0.01)
    assert "mse" in next(row for row in moodle if row["ID number"] == "mse__half_mean__0")["Exercises (Feedback)"]


@pytest.mark.parametrize(("lang", "environment"), [("zh", "en"), ("en", "zh")])
def test_the_report_speaks_its_own_lang(output: Path, tmp_path: Path, lang: str, environment: str) -> None:
    """--lang decides, whatever COURSE_LANG says: the page's words, the check titles
    (from their keys), the feedback files, the Moodle feedback cell and what the
    command prints."""
    page = tmp_path / "report.html"
    folder = tmp_path / "class"
    shutil.copytree(output, folder, ignore=shutil.ignore_patterns("feedback", "report.html", "*.csv"))
    finished = grader("report", str(folder), "--output", str(page), "--lang", lang, lang=environment)
    assert finished.returncode == 0, finished.stderr
    text = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in text
    for label in ("title", "misconceptions", "stuck", "reteach"):
        assert i18n.translate(LABELS[label], lang) in text
    key = "matches the reference on random inputs"
    assert f"<td>{i18n.translate(key, lang)}</td>" in text  # the checks' table
    feedback = (folder / "feedback" / "mse__half_mean__0.md").read_text(encoding="utf-8")
    moodle = {row["ID number"]: row for row in _rows(folder / "moodle.csv")}
    said = finished.stderr.splitlines()
    if lang == "zh":
        assert feedback.startswith("# 反馈：mse__half_mean__0\n\n**总分：")
        assert moodle["correct"]["Exercises (Feedback)"] == "100 / 100。所有函数都已通过。"
        assert said[0].startswith(f"{len(moodle)} 名学生：misconceptions.csv, canvas.csv, moodle.csv, feedback/ 在 ")
        assert said[1].startswith(f"报告：{page}（用浏览器打开：")
        assert "Class report" not in text and "Misconceptions" not in text
    else:
        assert feedback.startswith("# Feedback: mse__half_mean__0\n\n**Total: ")
        assert moodle["correct"]["Exercises (Feedback)"] == "100 / 100. Every function passed."
        assert said[0].startswith(f"{len(moodle)} students: misconceptions.csv, canvas.csv, moodle.csv, feedback/ in ")
        assert "班级报告" not in text


def test_a_class_graded_in_two_languages_groups_by_check(output: Path, classroom: Path, tmp_path: Path,
                                                        speak) -> None:
    """One student of a bug graded in Chinese, the others in English: one misconception,
    one row per check (a check is known by its key, the failure by its values)."""
    folder = tmp_path / "class"
    folder.mkdir()
    for copy in (1, 2):
        shutil.copy(output / f"mse__sum_not_mean__{copy}.json", folder)
    graded = grader("grade", "--submission", str(classroom / "mse__sum_not_mean__0"), "--seed", "3",
                    "--output", str(folder / "mse__sum_not_mean__0.json"), lang="zh")
    assert graded.returncode == 0, graded.stderr
    submissions = reading.read_class(folder).submissions
    [group] = group_failures(submissions)["mse"]
    assert group.students == [f"mse__sum_not_mean__{copy}" for copy in range(COPIES)]
    stats = statistics.check_stats(submissions)
    assert len(stats) == len({(c.exercise.name, c.key) for c in stats})
    failing = {(c.exercise.name, c.key): c.failed for c in stats}
    assert failing[("mse", "matches the reference on random inputs")] == 1.0
    speak("en")
    assert group.property_broken == "matches the reference on random inputs"


def test_a_gradescope_folder_and_unreadable_files(output: Path, tmp_path: Path) -> None:
    """``DIR/<student>/results.json`` as Gradescope names them; a file of another
    grader is listed on the page, not fatal."""
    for student in ("correct", "waiting"):
        (tmp_path / student).mkdir()
        shutil.copy(output / f"{student}.json", tmp_path / student / "results.json")
    (tmp_path / "stranger.json").write_text(json.dumps({"score": 3, "tests": []}))
    finished = grader("report", str(tmp_path))
    assert finished.returncode == 0, finished.stderr
    graded = reading.read_class(tmp_path)
    assert [s.student for s in graded.submissions] == ["correct", "waiting"]
    assert graded.unreadable and graded.unreadable[0][0] == "stranger.json"
    assert "stranger.json" in (tmp_path / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("make", "says"), [
    (lambda tmp: tmp / "no-such", "no such directory"),
    (lambda tmp: tmp, "no results files"),
])
def test_usage_errors_are_one_line(tmp_path: Path, make, says: str) -> None:
    finished = grader("report", str(make(tmp_path)))
    assert finished.returncode == 2 and says in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1


# ---- in a browser ------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def test_the_page_opens_offline_in_a_browser(output: Path, tmp_path_factory) -> None:
    """No console error, no request leaving the machine; a screenshot is saved (to
    $REPORT_SCREENSHOTS, or a temporary folder)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: scripts/install_browser.sh installs Debian's")
    folder = Path(os.environ.get("REPORT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    foreign: list[str] = []

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).scheme in ("file", "data", "about"):
            request_route.continue_()
        else:
            foreign.append(request_route.request.url)
            request_route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.route("**/*", route)
            page.goto((output / "report.html").resolve().as_uri())
            page.wait_for_load_state("networkidle")
            assert page.locator("section.group").count() == len({r["group"] for r in _rows(output / "misconceptions.csv")})
            assert page.locator(".chart svg").count() == 2
            page.screenshot(path=str(folder / "report.png"), full_page=True)
            page.screenshot(path=str(folder / "report_top.png"))
        finally:
            browser.close()
    assert not errors, errors
    assert not foreign, foreign
    print(f"screenshots: {folder}")
