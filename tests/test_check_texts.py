"""What the checks say exists in both languages: titles, statements, hints, messages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from grader import course, i18n
from grader.checks import Check, checks_for

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _all_checks() -> list[Check]:
    return [check for exercise in course.EXERCISES for check in checks_for(exercise)]


@pytest.mark.parametrize("check", _all_checks(), ids=lambda c: f"{c.exercise.name}: {c.title}")
def test_every_check_speaks_chinese(check: Check) -> None:
    """Title, statement and hint of each registered check have their Chinese (a title or
    hint not marked with N_ would not be in the catalog, and would stay English)."""
    for english in (check.title, check.description, check.hint):
        if english:
            chinese = i18n.translate(english, "zh")
            assert chinese != english and CJK.search(chinese), f"no Chinese for {english!r}"
    assert i18n.translate(check.title, "en") == check.title  # English is the code's own text


def test_a_check_shows_the_language_spoken_and_keeps_its_key() -> None:
    check = next(c for c in checks_for(course.BY_NAME["mse"]) if c.title == "does not modify its inputs")
    before = i18n.language()
    try:
        i18n.set_language("zh")
        assert (check.key, check.shown_title) == ("does not modify its inputs", "不修改输入")
        assert check.statement == "调用之后，pred 和 target 的值不变。"
        assert check.shown_hint.startswith("用非原地运算")
        assert check.name == "l01_regression.mse: does not modify its inputs"  # seeds the inputs: English
        i18n.set_language("en")
        assert (check.shown_title, check.statement) == (check.title, check.description)
    finally:
        i18n.set_language(before)


def test_no_function_rebinds_the_translation_function() -> None:
    """``_`` is the translation function in the grader: a function that also binds ``_``
    (``for _ in ...``, ``a, _ = ...``) would call a number instead of translating."""
    clashes = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        for function in (n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                         if isinstance(n, ast.FunctionDef)):
            names = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == "_"]
            if any(isinstance(n.ctx, ast.Store) for n in names) and any(isinstance(n.ctx, ast.Load) for n in names):
                clashes.append(f"{path.relative_to(ROOT)}: {function.name}")
    assert not clashes
