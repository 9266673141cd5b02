"""The grader speaks the student's language: Chinese unless asked otherwise, English
when asked (``--lang``, ``COURSE_LANG``, the locale), in every screen and file."""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rich.console import Console

from grader import course, hints, i18n, progress
from grader.report_text import check_text
from grader.results import FORMAT, results_json, verdicts, write_junit
from grader.terminal import CheckReport, results_html
from grader.verdict import Argument, CheckVerdict, Counterexample, ExerciseVerdict, Kind, Role, Status
from grader.watch.events import Notice
from grader.watch.schedule import Change, Run, Schedule, Trigger
from grader.watch.screen import View, change_line, frame
from languages import english_runs

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("check", "grade", "grade-batch", "merge", "report", "gradescope-bundle", "classroom", "watch",
            "hint", "repro", "progress", "release", "solution")
LANGUAGE_VARIABLES = ("COURSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def grader(*args: str, cache: Path, **variables: str) -> subprocess.CompletedProcess:
    """A command as a student on a machine with no language set runs it, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    env.update(GRADER_CACHE_DIR=str(cache), **variables)
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)


# ---- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)], ids=lambda c: " ".join(c) or "grader")
def test_help_is_chinese_by_default_argparse_words_too(command: tuple[str, ...], tmp_path: Path) -> None:
    finished = grader(*command, "--help", cache=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("用法：") and "选项" in finished.stdout and "显示这段帮助并退出" in finished.stdout
    assert english_runs(finished.stdout) == [], finished.stdout


@pytest.mark.parametrize("args", [
    ["chek"], ["check", "--submission", "/no/such/folder"], ["hint"], ["check", "--lang", "fr"],
    ["grade", "--submission", "solutions"], ["check", "no_such_function"], ["progress", "--every"],
    ["hint", "mse", "--level", "two"],
], ids=" ".join)
def test_usage_errors_are_one_chinese_line(args: list[str], tmp_path: Path) -> None:
    finished = grader(*args, cache=tmp_path)
    assert finished.returncode == 2 and finished.stdout == ""
    lines = finished.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), finished.stderr
    assert english_runs(finished.stderr) == [], finished.stderr


@pytest.mark.parametrize("args, variables, spoken", [
    ([], {}, "zh"),  # nothing set: Chinese
    ([], {"LANG": "C.UTF-8"}, "zh"),  # a locale in neither language
    ([], {"LANG": "en_US.UTF-8"}, "en"),  # the locale
    ([], {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # the first locale variable set decides
    ([], {"COURSE_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),  # COURSE_LANG before the locale
    (["--lang", "zh"], {"COURSE_LANG": "en"}, "zh"),  # --lang before everything
    (["--lang=en"], {"LANG": "zh_CN.UTF-8"}, "en"),
    (["progress", "--lang", "en"], {}, "en"),  # after the command too
    (["progress", "--la", "en"], {}, "en"),  # as argparse abbreviates it
], ids=str)
def test_the_language_is_lang_then_course_lang_then_the_locale_then_chinese(
        args: list[str], variables: dict[str, str], spoken: str, tmp_path: Path) -> None:
    command = args if args[:1] == ["progress"] else [*args, "progress"]
    finished = grader(*command, cache=tmp_path, **variables)
    assert finished.returncode == 0, finished.stderr
    if spoken == "zh":
        assert "课程地图" in finished.stdout and "未开始" in finished.stdout and "Course map" not in finished.stdout
    else:
        assert "Course map" in finished.stdout and "not started" in finished.stdout and "课程地图" not in finished.stdout


def test_check_in_chinese_says_every_word_of_its_own_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "l01_regression.py").write_text(
        "import torch\n\ndef mse(pred, target):\n    return ((pred - target) ** 2).sum()\n", encoding="utf-8")
    chinese = grader("check", "mse", "--submission", str(tmp_path), cache=tmp_path / "cache").stdout
    assert re.search(r"总分：[\d.]+ / 3（1 个函数中 0 个通过）", chinese), chinese
    for words in ("未通过", "出错的最小输入", "期望：", "实际：", "性质：", "阅读：",
                  "以下检查也未通过，原因多半相同：", "python -m grader check mse --all"):
        assert words in chinese, (words, chinese)
    for words in ("Total", "failed", "Smallest failing input", "Expected", "Received", "Property:", "Read:",
                  "also failing", "every failure with its own input"):
        assert words not in chinese, (words, chinese)
    english = grader("check", "mse", "--submission", str(tmp_path), "--lang", "en", cache=tmp_path / "cache").stdout
    assert re.search(r"Total: [\d.]+ / 3  \(0 of 1 function passed\)", english) and "Smallest failing input" in english


@pytest.mark.parametrize("lang, says, not_said", [("zh", "出错的最小输入", "Smallest failing input"),
                                                  ("en", "Smallest failing input", "出错的最小输入")])
def test_pytest_grader_takes_lang(lang: str, says: str, not_said: str, tmp_path: Path) -> None:
    (tmp_path / "l01_regression.py").write_text(
        "import torch\n\ndef mse(pred, target):\n    return ((pred - target) ** 2).sum()\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    finished = subprocess.run([sys.executable, "-m", "pytest", "grader", "-q", "-p", "no:cacheprovider", "--lang", lang,
                               "--submission", str(tmp_path), "-k", "mse and reference"],
                              cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert finished.returncode == 1, finished.stdout + finished.stderr
    assert says in finished.stdout and not_said not in finished.stdout
    assert "l01_regression.mse: matches the reference" in finished.stdout  # the test's id is its key


def test_results_and_junit_record_the_language_and_keep_the_keys(tmp_path: Path) -> None:
    (tmp_path / "student").mkdir()
    (tmp_path / "student" / "l01_regression.py").write_text(
        (ROOT / "solutions" / "l01_regression.py").read_text(encoding="utf-8"), encoding="utf-8")
    documents = {}
    for lang in ("zh", "en"):
        output, junit = tmp_path / f"results-{lang}.json", tmp_path / f"junit-{lang}.xml"
        finished = grader("grade", "--submission", str(tmp_path / "student"), "--output", str(output),
                          "--junit", str(junit), "--lang", lang, cache=tmp_path / "cache")
        assert finished.returncode == 0, finished.stderr
        documents[lang] = json.loads(output.read_text(encoding="utf-8"))
        assert documents[lang]["extra_data"]["language"] == lang
        suite = ElementTree.parse(junit).getroot()
        assert suite.find("properties/property[@name='language']").get("value") == lang
    zh, en = (verdicts(documents[lang]) for lang in ("zh", "en"))
    assert [c.key for r in zh for c in r.checks] == [c.key for r in en for c in r.checks]
    assert [c.key for r in en for c in r.checks] == [c.title for r in en for c in r.checks]
    for test in documents["zh"]["tests"]:  # a test is named as the student reads its check
        assert test["name"] == f"{test['extra_data']['module']}.{test['extra_data']['function']}: " \
                               f"{test['extra_data']['title']}"
    assert documents["zh"]["score"] == documents["en"]["score"] == 25


# ---- the grader's own words, rendered from verdicts that speak Chinese ---------------------------

MSE = course.BY_NAME["mse"]
EXAMPLE = Counterexample("l01_regression", "mse", (Argument("pred", "torch.tensor([1.0, 2.0])"),
                                                   Argument("target", "torch.tensor([0.0, 0.0])")))


def _verdict(title: str, status: Status, role: Role = Role.VALUE, **found: object) -> CheckVerdict:
    return CheckVerdict("l01_regression", "mse", title, status, 1.0 if status is Status.PASSED else 0.0, 1.0,
                        role=role, key=f"the check called {title}", **found)


def _failed_mse() -> ExerciseVerdict:
    wrong = _verdict("与参考实现一致", Status.FAILED, kind=Kind.WRONG, statement="对随机输入，结果等于参考实现的结果。",
                     message="数值与参考实现不同", counterexample=EXAMPLE, compared="梯度",
                     expected="tensor(2.5000)", received="tensor(5.)", details="最大误差 2.5",
                     printed="调试输出\n", hint="均值，不是总和。")
    side = _verdict("不修改输入", Status.FAILED, Role.SIDE, kind=Kind.RAISED, message="抛出了异常",
                    counterexample=EXAMPLE)
    crashed = _verdict("输入为空时抛出 ValueError", Status.TIMED_OUT, Role.SIDE, message="超过了时限")
    return ExerciseVerdict(MSE, Status.FAILED, [wrong, side, crashed, _verdict("返回标量", Status.PASSED)])


def _one_cause(exercise: course.Exercise, status: Status, waiting_on: str = "") -> ExerciseVerdict:
    message = f"{exercise.name} 的唯一原因"
    checks = [CheckVerdict(exercise.module, exercise.name, "某项性质", status, 0.0, exercise.points, message=message,
                           waiting_on=waiting_on)]
    return ExerciseVerdict(exercise, status, checks, message=message, waiting_on=waiting_on)


@pytest.fixture
def chinese_course(chinese: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chinese, with the course map's own sentences in Chinese (they are another module's),
    so that any English left is the screens' own."""
    monkeypatch.setattr(course.Exercise, "reading", property(lambda e: f"练习“{e.name}”（docs/{e.module}.md#{e.name}）"))
    monkeypatch.setattr(hints, "hints_for", lambda exercise: ["先想想讲义里的均值。", "答案的样子：一行。"])


def _every_result() -> list[ExerciseVerdict]:
    results = [_failed_mse(), _one_cause(course.BY_NAME["mae"], Status.NOT_WRITTEN),
               _one_cause(course.BY_NAME["adagrad"], Status.WAITING, waiting_on="adagrad_step"),
               _one_cause(course.BY_NAME["hessian"], Status.BANNED)]
    passed = course.BY_NAME["kfold"]
    results.append(ExerciseVerdict(passed, Status.PASSED, [CheckVerdict(passed.module, passed.name, "性质", Status.PASSED,
                                                                        passed.points, passed.points)]))
    return results


def _plain(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


def test_the_check_screen_in_chinese_has_no_english_sentence(chinese_course: None) -> None:
    out = io.StringIO()
    report = CheckReport(Console(file=out, width=120, highlight=False, soft_wrap=True, color_system=None))
    results = _every_result()
    for result in results:
        report.show(result)
    report.total(results)
    every = io.StringIO()
    CheckReport(Console(file=every, width=120, color_system=None), every=True).show(results[0])
    pages = [results_html(results), results_html(results, every=True), results_html(results[:1], done=False)]
    for text in (out.getvalue(), every.getvalue(), *map(_plain, pages), *(check_text(c) for r in results for c in r.checks)):
        assert english_runs(text) == [], text
    assert "总分：" in out.getvalue() and "期望的梯度：tensor(2.5000)" in every.getvalue()
    assert ">未通过</span>" in pages[0] and ">尚未实现</span>" in pages[0] and ">复制</button>" in pages[1]
    assert pages[0].startswith('<div class="grader-check" lang="zh"')


def test_the_course_map_in_chinese_has_no_english_sentence(chinese_course: None) -> None:
    results = {r.exercise.name: r for r in _every_result()}
    entries = [progress._from_verdict(results[e.name]) if e.name in results else progress.Entry(e, Status.NOT_WRITTEN)
               for e in course.EXERCISES]
    for shown in (entries, [progress._from_verdict(ExerciseVerdict(e, Status.PASSED, [])) for e in course.EXERCISES]):
        out = io.StringIO()
        progress.render(shown, ROOT / "exercises", Console(file=out, width=140, color_system=None))
        assert english_runs(out.getvalue()) == [], out.getvalue()
        assert "课程地图" in out.getvalue()


def test_the_watch_screen_in_chinese_has_no_english_sentence(chinese_course: None, tmp_path: Path) -> None:
    results = _every_result()
    schedule = Schedule(tmp_path, list(course.EXERCISES))
    for result in results:
        schedule.results[result.exercise.name] = result
    before = ExerciseVerdict(MSE, Status.FAILED, [_verdict("另一项", Status.FAILED, kind=Kind.WRONG),
                                                   _verdict("与参考实现一致", Status.PASSED)])
    for trigger in Trigger:
        schedule.run = Run(3, trigger, "01:02:03", [r.exercise.name for r in results],
                           [Change(None, r) for r in results], file="l01_regression.py")
        schedule.pending = [course.BY_NAME["mae"], course.BY_NAME["mse"]]
        for focus in ("mse", "mae", "adagrad", "hessian", "kfold", "rmsprop"):
            for hints in (0, 1, 9):
                view = View(focus=course.BY_NAME[focus], hint_level=hints, notice=Notice("保存的文件是空的", "warning"))
                for rows in (None, 24, 12):
                    shown = "\n".join(row.text for row in frame(schedule, view, 100, rows))
                    assert english_runs(shown) == [], shown
    for change in (Change(before, results[0]), Change(results[0], results[0]), Change(results[1], results[0]),
                   Change(results[0], results[4]), Change(results[4], results[4])):
        assert english_runs(change_line(change)[0]) == [], change_line(change)


def test_english_plurals_and_chinese_forms(english: None) -> None:
    from grader.terminal import total_line

    one = [_one_cause(course.BY_NAME["mae"], Status.NOT_WRITTEN)]
    assert total_line(one).endswith("(0 of 1 function passed)")
    assert total_line(one * 2).endswith("(0 of 2 functions passed)")
    i18n.set_language("zh")
    assert total_line(one * 2) == "总分：0 / 6（2 个函数中 0 个通过）"


# ---- files and the cache -----------------------------------------------------------------------


def test_verdicts_keep_their_key_and_old_results_files_still_read(english: None) -> None:
    document = results_json([_failed_mse()], 1.0, seed=0, language="zh")
    assert document["extra_data"]["format"] == FORMAT and document["extra_data"]["language"] == "zh"
    back = verdicts(document)[0]
    assert [c.key for c in back.checks] == [c.key for c in _failed_mse().checks]
    old = json.loads(json.dumps(document))  # as the grader before keys and languages wrote it
    old["extra_data"]["format"] = 2
    del old["extra_data"]["language"]
    for test in old["tests"]:
        del test["extra_data"]["key"]
    assert [c.key for c in verdicts(old)[0].checks] == [c.title for c in back.checks]  # an English title
    for unread in (1, "3", None, [3]):
        with pytest.raises(ValueError):
            verdicts({**document, "extra_data": {**document["extra_data"], "format": unread}})


def test_junit_names_the_language(tmp_path: Path, english: None) -> None:
    write_junit(tmp_path / "junit.xml", [_failed_mse()], language="zh")
    suite = ElementTree.parse(tmp_path / "junit.xml").getroot()
    assert suite.find("properties/property[@name='language']").get("value") == "zh"
    assert [case.get("name") for case in suite.iter("testcase")][0] == "l01_regression.mse: 与参考实现一致"


def test_a_stored_verdict_is_shown_only_in_its_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        chinese: None) -> None:
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    submission = tmp_path / "student"
    submission.mkdir()
    (submission / "l01_regression.py").write_text("def mse(pred, target):\n    return 0\n", encoding="utf-8")
    progress.remember(submission, [_failed_mse()])
    assert list(progress.recall(submission, [MSE])) == ["mse"]
    i18n.set_language("en")
    assert progress.recall(submission, [MSE]) == {}  # graded in Chinese: graded again for an English reader
    i18n.set_language("zh")
    assert list(progress.recall(submission, [MSE])) == ["mse"]


# ---- check() in a notebook ----------------------------------------------------------------------


def test_notebook_check_takes_lang_for_that_call(capsys: pytest.CaptureFixture, chinese: None) -> None:
    from grader import check

    assert check("mse", submission=ROOT / "solutions", lang="en") is True
    assert "Total: 3 / 3" in capsys.readouterr().out
    assert i18n.language() == "zh" and os.environ["COURSE_LANG"] == "zh"  # the next cell speaks as before
    assert check("mse", submission=ROOT / "solutions") is True
    assert "总分：3 / 3" in capsys.readouterr().out
    check("no_such_function")
    said = capsys.readouterr().out
    assert "没有叫 'no_such_function' 的函数或模块" in said and english_runs(said) == []
