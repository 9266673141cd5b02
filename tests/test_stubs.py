"""Stubs and solutions never drift: same names and signatures, and the solution's
docstring (the specification) in each language of the stub."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader import course
from grader.edition import stubs
from grader.i18n import translate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_stubs  # noqa: E402

ENGLISH_RULE = "\n\n---- English ----\n\n"


def _public_functions(source: str) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(source)
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}


def _stubs(module: str) -> dict[str, ast.FunctionDef]:
    return _public_functions((ROOT / "exercises" / f"{module}.py").read_text(encoding="utf-8"))


def _solution(module: str) -> str:
    return (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")


def _specification(exercise: course.Exercise) -> str:
    """The solution's docstring, in English."""
    return inspect.cleandoc(ast.get_docstring(_public_functions(_solution(exercise.module))[exercise.name]))


def _message(stub: ast.FunctionDef) -> str:
    raised = stub.body[-1]
    assert isinstance(raised, ast.Raise) and raised.exc.func.id == "NotImplementedError"
    return ast.literal_eval(raised.exc.args[0])


def _squeezed(text: str) -> str:
    """Without any white space: a Chinese sentence wraps between any two characters."""
    return "".join(text.split())


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@pytest.mark.parametrize("module", list(course.LECTURES))
def test_stub_matches_solution(module: str) -> None:
    stubs_here = _stubs(module)
    solutions = _public_functions(_solution(module))
    assert sorted(stubs_here) == sorted(solutions)
    assert sorted(stubs_here) == sorted(e.name for e in course.EXERCISES if e.module == module)
    for name, stub in stubs_here.items():
        solution = solutions[name]
        assert ast.dump(stub.args) == ast.dump(solution.args), f"{name}: parameters differ"
        assert ast.dump(stub.returns) == ast.dump(solution.returns), f"{name}: return type differs"


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_docstring_is_the_specification_in_chinese_then_english(exercise: course.Exercise) -> None:
    """The Chinese from the catalog, then the solution's own docstring, each followed by
    the calls the exercise bans in its language."""
    english = _specification(exercise)
    chinese = translate(english, "zh")
    assert chinese != english and _is_chinese(chinese), f"{exercise.name}: no Chinese in the catalog"
    docstring = ast.get_docstring(_stubs(exercise.module)[exercise.name])
    assert docstring.count(ENGLISH_RULE) == 1, exercise.name
    first, second = docstring.split(ENGLISH_RULE)
    for part, text, lang in ((first, chinese, "zh"), (second, english, "en")):
        assert part.startswith(text), f"{exercise.name} ({lang}): the specification differs"
        assert _squeezed(part[len(text):]) == _squeezed(stubs.banned_sentence(exercise, lang))


CODE = re.compile(r"``(.+?)``", re.DOTALL)
ARGUMENT = re.compile(r"^\s+(\w+): ", re.MULTILINE)


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_the_translation_keeps_the_code_and_the_arguments(exercise: course.Exercise) -> None:
    """Identifiers and code are not translated: the Chinese specification quotes the same
    code as the English and describes the same arguments, in the same order."""
    english = _specification(exercise)
    chinese = translate(english, "zh")
    assert set(CODE.findall(chinese)) == set(CODE.findall(english))
    assert ARGUMENT.findall(chinese) == ARGUMENT.findall(english)


@pytest.mark.parametrize("exercise", course.EXERCISES, ids=lambda e: e.name)
def test_stub_raises_not_implemented_naming_the_section_in_each_language(exercise: course.Exercise) -> None:
    chinese, english = _message(_stubs(exercise.module)[exercise.name]).split("\n")
    for sentence, lang in ((chinese, "zh"), (english, "en")):
        assert exercise.name in sentence
        for where in (exercise.section_in(lang), exercise.docs_path_in(lang), exercise.url_in(lang)):
            assert where in sentence, (lang, where)
    assert _is_chinese(chinese) and "is not written yet" in english and not _is_chinese(english)
    assert exercise.url_in("en") != exercise.url_in("zh")


@pytest.mark.parametrize("exercise", [e for e in course.EXERCISES if e.banned], ids=lambda e: e.name)
def test_stub_states_the_banned_calls(exercise: course.Exercise) -> None:
    """Each banned call of grader/course.py is named in the stub's docstring, in both
    languages, as the grader enforces it (a change in course.py leaves the stubs stale
    until make stubs)."""
    docstring = ast.get_docstring(_stubs(exercise.module)[exercise.name])
    for part in docstring.split(ENGLISH_RULE):
        for call in exercise.banned:
            assert f"``{call}``" in " ".join(part.split()), call
    assert "禁止调用" in docstring.split(ENGLISH_RULE)[0] and "Must not call" in docstring.split(ENGLISH_RULE)[1]


def test_a_stub_called_says_it_in_both_languages(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("stub_l01", ROOT / "exercises" / "l01_regression.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import torch

    with pytest.raises(NotImplementedError) as raised:
        module.mse(torch.zeros(2), torch.zeros(2))
    assert "mse 还没有写" in str(raised.value) and "mse is not written yet" in str(raised.value)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", list(course.LECTURES))
def test_a_stub_in_one_language_speaks_only_that_one(module: str, lang: str) -> None:
    """As the student edition and each language of the site ask for them."""
    source = make_stubs.stub_source(_solution(module), module, languages=(lang,))
    assert "---- " not in source
    tree = ast.parse(source)
    module_doc = ast.get_docstring(tree)
    assert module_doc.startswith(translate(course.LECTURES[module].english_title, lang) if lang == "en"
                                 else f"《{course.LECTURES[module].title_in('zh')}》")
    for name, stub in _public_functions(source).items():
        exercise = course.BY_NAME[name]
        docstring = ast.get_docstring(stub)
        assert docstring.startswith(translate(_specification(exercise), lang))
        message = _message(stub)
        assert "\n" not in message and exercise.url_in(lang) in message
        other = "en" if lang == "zh" else "zh"
        assert exercise.url_in(other) not in message
        if lang == "en":
            assert not _is_chinese(message) and "禁止调用" not in docstring
        else:
            assert "is not written yet" not in message and "Must not call" not in docstring


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        make_stubs.stub_source(_solution("l01_regression"), "l01_regression", languages=("fr",))


def test_stubs_are_generated_from_the_solutions() -> None:
    """exercises/ as `make stubs` writes it (linking make serve's address, as committed)."""
    environment = {k: v for k, v in os.environ.items() if k != "COURSE_SITE_URL"}
    finished = subprocess.run([sys.executable, "scripts/make_stubs.py", "--check"], cwd=ROOT,
                              capture_output=True, text=True, env=environment)
    assert finished.returncode == 0, finished.stdout + finished.stderr


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@given(st.text(alphabet="ab c。，（）“”禁止调用评分器``.\n", max_size=80), st.integers(4, 30))
def test_wrap_keeps_the_text_and_the_width(text: str, width: int) -> None:
    lines = stubs.wrap(text, width)
    assert "".join(lines) == text
    for line in lines:  # longer only where it cannot break: a single piece (wrap(·, 0) cuts every piece)
        assert _columns(line.rstrip()) <= width or len(stubs.wrap(line, 0)) == 1, (line, width)


def test_wrap_never_starts_a_line_with_a_closing_mark() -> None:
    text = "禁止调用：``torch.nn.functional.l1_loss``、``torch.nn.L1Loss``（评分器会当场拦下：请自己用张量运算写出来）。"
    for width in range(8, 90):
        for line in stubs.wrap(text, width)[1:]:
            assert line[0] not in "，。、：；）》”！？", (width, line)
