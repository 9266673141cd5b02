"""The student edition (``python -m grader release``): whole, free of reference code,
and judging as the full grader does.

One edition is built for the module, in Chinese, with the bank recorded from a small
sample of the mutants, and the files of an English one are written beside it;
``scripts/release_agreement.py`` measures agreement on all of them.
"""

from __future__ import annotations

import ast
import gzip
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grader import course, recorded
from grader.release import assemble, build, localized, mutant_files, student_notebook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import release_agreement  # noqa: E402

# Published on purpose, in this repository as in the edition: the stubs (the handout),
# the lecture pages and notebooks, and the grader's own code (checks state the contract).
PUBLISHED = [*(ROOT / "exercises").glob("*.py"), *(ROOT / "grader").rglob("*.py"),
             *(ROOT / "docs").rglob("*.md"), *(ROOT / "docs").rglob("*.ipynb")]
MIN_LINE = 16  # shorter lines ("return x", "else:") say nothing of an answer

SAMPLE = [p for p in mutant_files() if p.stem in {
    "mse__sum_not_mean", "mse__ok_dot", "kfold__train_unsorted", "kfold__ok_tensor_split",
    "hessian__finite_differences", "project_linf__no_pixel_clamp", "project_linf__ok_delta_form",
}]


def solution_lines() -> set[str]:
    """Every line of the reference solutions' code that the course does not publish:
    the bodies of the exercises' functions (after the docstring) and their helpers."""
    published = "\n".join(p.read_text(encoding="utf-8") for p in PUBLISHED)
    lines: set[str] = set()
    for path in sorted((ROOT / "solutions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        text = source.splitlines()
        for node in ast.parse(source).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            body = [node] if node.name.startswith("_") else node.body[1:]
            for statement in body:
                for line in text[statement.lineno - 1:statement.end_lineno]:
                    line = line.strip()
                    if len(line) >= MIN_LINE and not line.startswith("#") and line not in published:
                        lines.add(line)
    return lines


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


def _text(path: Path) -> str:
    """A file's text as a reader would see it: decompressed, a JSON file's strings (the
    search index), HTML without its tags (highlighted code is a tag per token), unescaped."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text = data.decode("utf-8", "replace")
    if path.suffix in (".json", ".gz"):
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    if path.suffix in (".html", ".json", ".xml", ".gz"):
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return text


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("release") / "edition"
    build(output, SAMPLE[:3], "zh")
    return output


@pytest.fixture(scope="module")
def english_edition(edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English edition's files, with the Chinese one's recorded references (the
    same answers: recording does not depend on the language)."""
    output = tmp_path_factory.mktemp("release") / "english"
    assemble(output, "en")
    record = Path("grader/assets/references.json.gz")
    (output / record).write_bytes((edition / record).read_bytes())
    return output


def test_solution_lines_are_found() -> None:
    """The scan below looks for something: the references' code is not all published."""
    assert len(solution_lines()) > 50


def test_no_line_of_the_solutions_in_any_file(edition: Path) -> None:
    needles = solution_lines()
    files = [p for p in edition.rglob("*") if p.is_file()]
    assert len(files) > 50
    hits = [(str(p.relative_to(edition)), line) for p in files for line in needles if line in _text(p)]
    assert not hits, hits[:10]


def test_the_scan_sees_code_in_highlighted_html(tmp_path: Path) -> None:
    """The site shows code as Pygments' HTML, a tag per token: the scan reads through it."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    line = sorted(solution_lines())[0]
    page = tmp_path / "page.html"
    page.write_text(highlight(line, PythonLexer(), HtmlFormatter()), encoding="utf-8")
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"docs": [{"text": html.escape(line)}]}), encoding="utf-8")
    assert line in _text(page) and line in _text(index)


def test_built_site_has_no_line_of_the_solutions(edition: Path, tmp_path: Path) -> None:
    """The student site the edition builds (its pages, notebooks and search index), which
    shows the stubs as released, not a student's work in exercises/."""
    site = tmp_path / "site"
    exercise = edition / "exercises" / "l01_regression.py"
    stub = exercise.read_text(encoding="utf-8")
    exercise.write_text(stub.replace('"mse 还没有写', '"a student\'s own mse', 1), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                              cwd=edition, capture_output=True, text=True)
    finally:
        exercise.write_text(stub, encoding="utf-8")
    assert done.returncode == 0, done.stderr[-2000:]
    page = _text(site / "l01_regression" / "index.html")
    assert "mse 还没有写" in page and "a student's own mse" not in page
    assert "禁止调用：``torch.nn.functional.mse_loss``" in page
    assert (site / "search" / "search_index.json").is_file()
    needles = solution_lines()
    hits = [(str(p.relative_to(site)), line) for p in site.rglob("*") if p.is_file()
            and p.suffix in (".html", ".json", ".xml", ".ipynb", ".js", ".txt") for line in needles
            if line in _text(p)]
    assert not hits, hits[:10]


def test_no_solutions_no_history_no_mutants(edition: Path) -> None:
    names = {p.relative_to(edition).as_posix() for p in edition.rglob("*")}
    assert not [n for n in names if n.startswith(("solutions", ".git/", "tests/mutants"))
                or n == ".git" or n.endswith((".pyc", ".pkl", ".pickle"))]
    for must in ("exercises/l01_regression.py", "docs/index.md", "mkdocs.yml", "README.md", "Makefile",
                 "pyproject.toml", ".github/workflows/classroom.yml", "tests/test_edition.py",
                 "grader/assets/references.json.gz", "scripts/install_torch.sh"):
        assert must in names, must


def test_notebooks_run_on_the_exercises(edition: Path) -> None:
    for notebook in (edition / "docs" / "notebooks").glob("*.ipynb"):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert "solutions" not in code and '"exercises"' in code, notebook.name


def test_site_configuration_is_the_student_build(edition: Path) -> None:
    text = (edition / "mkdocs.yml").read_text(encoding="utf-8")
    assert "instructor: false" in text and "  - solutions\n" not in text


def test_record_is_data_with_signatures(edition: Path) -> None:
    document = json.loads(gzip.decompress((edition / "grader/assets/references.json.gz").read_bytes()))
    assert document["format"] == recorded.FORMAT and document["seed"] == 0
    assert document["versions"] == recorded.versions()
    assert document["signatures"]["mse"] == [["pred", 1, False], ["target", 1, False]]
    sources = {source for answers in document["functions"].values() for source, _ in answers.values()}
    assert sources == {recorded.DRAWN, recorded.BANK}


def _bare_environment(edition: Path) -> dict[str, str]:
    """No language asked for, by the course or by the locale."""
    unset = {"COURSE_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    return {**{k: v for k, v in os.environ.items() if k not in unset}, "PYTHONPATH": str(edition)}


def _edition_command(edition: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(edition), "COURSE_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=edition, env=environment,
                          capture_output=True, text=True)


def test_what_needs_the_references_says_so_in_one_line(edition: Path) -> None:
    """The edition cannot show, release or bundle references, nor grade with a seed whose
    answers it does not know."""
    for args in (["solution", "mse"], ["release", "--output", "elsewhere"],
                 ["gradescope-bundle", "--output", "autograder.zip"],
                 ["grade", "--submission", "exercises", "--output", "results.json", "--seed", "5"]):
        done = _edition_command(edition, *args)
        assert done.returncode == 2 and "student edition" in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_the_editions_own_tests_pass(edition: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(edition)}
    done = subprocess.run([sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
                          cwd=edition, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_agreement_on_a_sample_of_mutants(edition: Path) -> None:
    """The edition accepts the correct versions and rejects the wrong ones, as the full
    grader does; a failure shrunk through the bank says so."""
    full = release_agreement.grade_with(ROOT, SAMPLE)
    judged = release_agreement.grade_with(edition, SAMPLE)
    figures = release_agreement.agreement(full, judged)
    assert figures["correct_accepted"] == figures["correct"] > 0
    assert figures["wrong_rejected"] == figures["wrong"] > 0
    assert figures["same"] == len(SAMPLE), release_agreement.report(figures, full, judged)
    banked = [p.name for p in SAMPLE[:3] if not p.stem.split("__")[1].startswith("ok_")]
    assert banked
    for name in banked:  # shrunk through the bank: the full grader's smallest example, said so
        assert judged[name]["example"] == full[name]["example"], name
        assert recorded.BANK_NOTE in judged[name]["details"] and recorded.BANK_NOTE not in full[name]["details"]


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _stub_messages(edition: Path) -> list[str]:
    messages = []
    for path in sorted((edition / "exercises").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and getattr(node.exc, "args", None):
                messages.append(ast.literal_eval(node.exc.args[0]))
    return messages


def _spoken_by_default(edition: Path) -> str:
    done = subprocess.run([sys.executable, "-c", "from grader import course, i18n; "
                           "print(i18n.chosen(), course.BY_NAME['mse'].reading)"],
                          cwd=edition, env=_bare_environment(edition), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_chinese_edition_speaks_chinese(edition: Path) -> None:
    """Its stubs, README and Makefile, and its grader when the student asks for no language."""
    messages = _stub_messages(edition)
    assert len(messages) == len(course.EXERCISES) and all(_is_chinese(m) and "\n" not in m for m in messages)
    stubs = "".join(p.read_text(encoding="utf-8") for p in (edition / "exercises").glob("*.py"))
    assert "---- English ----" not in stubs and "Must not call" not in stubs and "禁止调用" in stubs
    assert _is_chinese((edition / "README.md").read_text(encoding="utf-8"))
    assert "正在准备" in (edition / "Makefile").read_text(encoding="utf-8")
    assert not [p for p in edition.rglob("*.en.md") if p.relative_to(edition).parts[0] != "docs"]
    assert not (edition / "Makefile.en").exists()
    spoken = _spoken_by_default(edition)
    assert spoken.startswith("zh ") and "docs/l01_regression.md#mse" in spoken
    assert (edition / "docs" / "_hooks" / "stubs" / "l01_regression.py").read_text(encoding="utf-8") == \
        (edition / "exercises" / "l01_regression.py").read_text(encoding="utf-8")


def test_the_english_edition_speaks_english(english_edition: Path) -> None:
    messages = _stub_messages(english_edition)
    assert len(messages) == len(course.EXERCISES)
    assert all("is not written yet" in m and "/en/" in m and not _is_chinese(m) for m in messages)
    stubs = "".join(p.read_text(encoding="utf-8") for p in (english_edition / "exercises").glob("*.py"))
    assert "---- " not in stubs and "禁止调用" not in stubs and "Must not call" in stubs
    assert "还没有写" not in stubs and "参数：" not in stubs
    readme = (english_edition / "README.md").read_text(encoding="utf-8")
    assert "learn deep learning by doing" in readme and "--lang zh" in readme
    assert "Setting up" in (english_edition / "Makefile").read_text(encoding="utf-8")
    assert not (english_edition / "README.en.md").exists() and not (english_edition / "Makefile.en").exists()
    spoken = _spoken_by_default(english_edition)
    assert spoken.startswith("en ") and "docs/l01_regression.en.md#mse" in spoken and "builds on" in spoken


def test_the_english_editions_own_tests_pass(english_edition: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
                          cwd=english_edition, env=_bare_environment(english_edition),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_templates_in_english_sit_beside_the_chinese() -> None:
    assert localized(Path("README.en.md")) == (Path("README.md"), "en")
    assert localized(Path("Makefile.en")) == (Path("Makefile"), "en")
    assert localized(Path("tests/test_edition.py")) == (Path("tests/test_edition.py"), None)
    english = {localized(p.relative_to(ROOT / "edition"))[0] for p in (ROOT / "edition").rglob("*")
               if localized(p.relative_to(ROOT / "edition"))[1] == "en"}
    for path in english:  # every English template has the Chinese it translates
        assert (ROOT / "edition" / path).is_file(), path


@pytest.mark.parametrize("name, comment", [("demo.ipynb", "你自己写的实现"), ("demo.en.ipynb", "your own code")])
def test_a_notebook_loads_the_exercises_in_its_language(name: str, comment: str) -> None:
    cell = ('p = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "solutions").is_dir())\n'
            'SOURCE = "solutions"  # any comment, in any language\n')
    notebook = json.dumps({"cells": [{"cell_type": "code", "source": [cell]}]})
    code = "".join(json.loads(student_notebook(notebook, name))["cells"][0]["source"])
    assert "solutions" not in code and 'SOURCE = "exercises"  # ' + comment in code
