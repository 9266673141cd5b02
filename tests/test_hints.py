"""Hints: every exercise, at every level, in both languages; and never the answer.

``python -m grader hint NAME [--level K]``, ``watch`` and the site show the same
``HINTS`` of ``grader/checks/<module>.py``; the checks' own hints (shown when a check
fails) are held to the same rule: a nudge, not the solution.
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import subprocess
import sys
from argparse import Namespace
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader import course, i18n
from grader.checks import checks_for
from grader.hints import hint_text, hints_for, hints_in, run_hint

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
LANGUAGES = ("en", "zh")


@pytest.fixture
def speaking():
    """Speak a language for one test, then go back to the one spoken before."""
    before = i18n.language()
    yield i18n.set_language
    i18n.set_language(before)


def grader(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COURSE_LANG": lang})


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_every_level_of_every_exercise(exercise: course.Exercise, lang: str, speaking,
                                       capsys: pytest.CaptureFixture) -> None:
    speaking(lang)
    hints = hints_in(exercise)
    assert len(hints) >= 3, f"{exercise.name} has {len(hints)} hints"
    assert len(set(hints)) == len(hints)
    assert any(CJK.search(h) for h in hints), f"{exercise.name}: no Chinese term of the notes"
    for level in range(1, len(hints) + 1):
        assert run_hint(Namespace(name=exercise.name, level=level)) == 0
        shown = capsys.readouterr().out
        assert shown.rstrip("\n") == hint_text(exercise, level)
        assert exercise.url in shown  # the link to its section of the site
        assert _squeezed(hints[level - 1]) in _squeezed(shown)  # the whole hint, however wrapped
        if level < len(hints):
            assert f"--level {level + 1}" in shown
    if lang == "en":
        assert "Lecture" in hints[0], "the first hint names the lecture's idea"
        assert hints[-1].startswith("The shape of the answer"), "the last hint gives the shape of the answer"
        assert f"{exercise.name} · hint 1 of {len(hints)}" in hint_text(exercise, 1)
        assert "last hint" in hint_text(exercise, len(hints))
    else:
        assert re.search(r"第 \d+ 讲", hints[0]), "the first hint names the lecture's idea"
        assert hints[-1].startswith("答案的结构"), "the last hint gives the shape of the answer"
        assert f"{exercise.name} · 提示 1/{len(hints)}" in hint_text(exercise, 1)
        assert "最后一条提示" in hint_text(exercise, len(hints))


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_the_chinese_hints_are_translations(exercise: course.Exercise) -> None:
    """Each hint has its own Chinese (not the English left as it is), the same number of them."""
    english, chinese = hints_in(exercise, "en"), hints_in(exercise, "zh")
    assert english == hints_for(exercise)
    assert len(chinese) == len(english)
    for en, zh in zip(english, chinese):
        assert zh != en
        assert len(CJK.findall(zh)) > len(CJK.findall(en)), f"{exercise.name}: {zh!r} is not Chinese"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_the_shape_of_the_answer_is_short(exercise: course.Exercise, lang: str, speaking) -> None:
    """The last hint gives the shape in a few lines, not a page of instructions."""
    speaking(lang)
    last = hint_text(exercise, len(hints_for(exercise))).split("\n\n")[1]  # between the heading and the links
    assert len(last.splitlines()) <= 4, last


def _statements(path: Path) -> Iterator[tuple[str, str]]:
    """(function, statement) for every statement in the body of each function of a file,
    nested ones included, as one line of code each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        body = function.body[1:] if ast.get_docstring(function) else function.body
        for node in (n for statement in body for n in ast.walk(statement) if isinstance(n, ast.stmt)):
            if not isinstance(node, ast.If | ast.For | ast.While | ast.With | ast.Try):
                yield function.name, ast.unparse(node)


def _answers(module: str) -> set[str]:
    """The statements of the reference solutions that are not in the stubs (the answers),
    without those that say nothing a docstring does not (raising, returning given names)."""
    stub = {line for _, line in _statements(ROOT / "exercises" / f"{module}.py")}
    plain = re.compile(r"^(raise |return \(?[\w, ]+\)?$|\w+ = \w+$)")
    return {line for _, line in _statements(ROOT / "solutions" / f"{module}.py")
            if line not in stub and "\n" not in line and len(line) >= 12 and not plain.match(line)}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _every_hint(exercise: course.Exercise) -> Iterator[tuple[str, str]]:
    """(where, text) of every hint a student of the exercise may read, in both languages:
    the graded hints and the hint of each check."""
    for lang in LANGUAGES:
        for level, hint in enumerate(hints_in(exercise, lang), start=1):
            yield f"{lang} hint {level}", hint
        for check in checks_for(exercise):
            yield f"{lang} hint of “{check.title}”", i18n.translate(check.hint, lang)


@pytest.mark.parametrize("module", list(course.LECTURES))
def test_hints_never_give_the_solution(module: str) -> None:
    answers = _answers(module)
    assert answers
    for exercise in (e for e in course.EXERCISES if e.module == module):
        for where, hint in _every_hint(exercise):
            for line in answers:
                assert _squeezed(line) not in _squeezed(hint), f"{exercise.name}, {where}: holds {line!r}"


def test_the_answers_a_hint_must_not_hold_are_found() -> None:
    """The statements the test above looks for include the lines that give the answer away."""
    answers = _answers("l03_critical_points") | _answers("l04_batch_momentum")
    assert "return eigenvectors[:, 0].clone()" in answers
    assert "grad, = torch.autograd.grad(value.reshape(()), theta, create_graph=True)" in answers
    assert "m_next = lam * m - lr * grad" in answers


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_hints_never_call_what_is_banned(exercise: course.Exercise) -> None:
    """A hint may say that a function is banned; it never writes a call to it."""
    for where, hint in _every_hint(exercise):
        for banned in exercise.banned:
            assert not re.search(re.escape(banned) + r"\w*\s*\(", hint), f"{exercise.name}, {where}: calls {banned}"


@pytest.mark.parametrize("module", list(course.LECTURES))
def test_hints_live_beside_the_checks_as_plain_literals(module: str) -> None:
    imported = importlib.import_module(f"grader.checks.{module}").HINTS
    assert imported == {e.name: hints_for(e) for e in course.EXERCISES if e.module == module}


def test_hint_is_instant_and_imports_no_torch() -> None:
    finished = subprocess.run([sys.executable, "-c", "import sys; from grader.cli import main; main(['hint', 'mse']);"
                               " print('torch' in sys.modules)"], cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip().endswith("False")


@pytest.mark.parametrize(("args", "lang", "says"), [
    (["hint", "msee"], "en", "unknown function 'msee' — did you mean mse?"),
    (["hint", "l01_regression"], "en", "l01_regression is a lecture; hints are per function"),
    (["hint", "mse", "--level", "9"], "en", "mse has 4 hints (levels 1 to 4); there is no level 9"),
    (["hint", "mse", "--level", "0"], "en", "there is no level 0"),
    (["hint", "msee"], "zh", "没有叫 'msee' 的函数——你是说 mse 吗？"),
    (["hint", "mse", "--level", "9"], "zh", "mse 有 4 条提示（级别 1 到 4）；没有第 9 级"),
])
def test_wrong_names_and_levels_are_one_line(args: list[str], lang: str, says: str) -> None:
    finished = grader(*args, lang=lang)
    assert finished.returncode == 2
    assert says in finished.stderr
    assert len(finished.stderr.strip().splitlines()) == 1 and "Traceback" not in finished.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_default_level_is_the_nudge(lang: str, speaking) -> None:
    finished = grader("hint", "hessian", lang=lang)
    assert finished.returncode == 0
    assert "海塞矩阵" in finished.stdout
    speaking(lang)
    assert hint_text(course.BY_NAME["hessian"], 1) == finished.stdout.rstrip("\n")
    assert ("hessian · hint 1 of" if lang == "en" else "hessian · 提示 1/") in finished.stdout


def test_chinese_is_the_default() -> None:
    """Without a language asked for (CI's locale is C or unset), the hint is Chinese."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COURSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    finished = subprocess.run([sys.executable, "-m", "grader", "hint", "mse"], cwd=ROOT, capture_output=True,
                              text=True, timeout=120, env=environment)
    assert finished.returncode == 0, finished.stderr
    assert "mse · 提示 1/4" in finished.stdout and "均方误差" in finished.stdout
