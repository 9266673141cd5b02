"""The student edition (``python -m grader release``): whole, free of reference code,
and judging as the full grader does.

One edition is built for the module, with the bank recorded from a small sample of
the mutants; ``scripts/release_agreement.py`` measures agreement on all of them.
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

from grader import recorded
from grader.release import build, mutant_files

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
    build(output, SAMPLE[:3])
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
    exercise.write_text(stub.replace('"mse is not written yet', '"a student\'s own mse', 1), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                              cwd=edition, capture_output=True, text=True)
    finally:
        exercise.write_text(stub, encoding="utf-8")
    assert done.returncode == 0, done.stderr[-2000:]
    page = _text(site / "l01_regression" / "index.html")
    assert "mse is not written yet" in page and "a student's own mse" not in page
    assert "Must not call: ``torch.nn.functional.mse_loss``" in page
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


def _edition_command(edition: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(edition)}
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
