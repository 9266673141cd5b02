"""Each English lecture page and notebook is the Chinese one translated, not a summary of it.

Read from the sources (no build): what a translation keeps unchanged is compared
(section ids, boxes, figures, formulas, exercise sections), and what it changes is
checked to be English.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LECTURES = sorted(p.stem for p in DOCS.glob("l*.md") if not p.stem.endswith(".en"))
NOTEBOOKS = sorted(p.stem for p in (DOCS / "notebooks").glob("*.ipynb") if not p.stem.endswith(".en"))

HEADING_ID = re.compile(r"^#{2,3}[ \t].*\{#([^}\s]+)\}[ \t]*$", re.MULTILINE)
BOX = re.compile(r"^[ \t]*!!! (\w+)", re.MULTILINE)  # not ??? tip: hints come from the grader
FIGURE = re.compile(r"!\[[^\]]*\]\((figures/[^)\s]+)\)")
INCLUDE = re.compile(r'^[ \t]*--8<-- "([^"]+)"|<!--\s*solution:\s*(\S+)\s*-->', re.MULTILINE)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
TEXT_IN_MATH = re.compile(r"\\text\{[^}]*\}")  # words inside a formula are translated
EXERCISE = re.compile(r"^###[ \t]+`(\w+)`[ \t]*\{#\1\}[ \t]*$", re.MULTILINE)
HINTS = re.compile(r"^<!--\s*hints:\s*(\w+)\s*-->[ \t]*$", re.MULTILINE)
CHINESE_SENTENCE_PUNCTUATION = re.compile(r"[，。；！？、（）]")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def source(module: str, lang: str) -> str:
    suffix = ".en" if lang == "en" else ""
    path = DOCS / f"{module}{suffix}.md"
    assert path.is_file(), f"{module}: no {path.relative_to(ROOT)}"
    return path.read_text(encoding="utf-8")


def formulas(text: str) -> list[str]:
    return [" ".join(TEXT_IN_MATH.sub(r"\\text{}", m).split()) for m in DISPLAY_MATH.findall(text)]


KEPT = {
    "section ids": HEADING_ID.findall,
    "boxes": BOX.findall,
    "figures": FIGURE.findall,
    "stubs and solutions": INCLUDE.findall,
    "formulas": formulas,
    "exercises": EXERCISE.findall,
}


def test_the_lectures_are_found():
    assert len(LECTURES) >= 6 and "l01_regression" in LECTURES, LECTURES
    assert len(NOTEBOOKS) >= 6, NOTEBOOKS


@pytest.mark.parametrize("what", list(KEPT))
@pytest.mark.parametrize("module", LECTURES)
def test_the_english_page_keeps_what_a_translation_keeps(module, what):
    chinese, english = (KEPT[what](source(module, lang)) for lang in ("zh", "en"))
    assert chinese, f"{module}: no {what} found in the Chinese page: is the pattern broken?"
    assert english == chinese, f"{module}: the English page's {what} differ from the Chinese page's"


@pytest.mark.parametrize("module", LECTURES)
def test_the_english_page_has_one_hints_line_in_each_exercise_section(module):
    text = source(module, "en")
    sections = EXERCISE.split(text)[1:]  # name, body, name, body...
    assert sections, module
    for name, body in zip(sections[::2], sections[1::2]):
        assert HINTS.findall(body) == [name], f"{module}: the section of {name} needs one <!-- hints: {name} --> line"
    assert "??? tip" not in text, f"{module}: hints come from the grader's HINTS, not from the page"


@pytest.mark.parametrize("module", LECTURES)
def test_each_english_correction_says_what_the_notes_wrote_and_what_is_right(module):
    boxes = re.findall(r'^!!! bug "([^"]*)"\n((?:[ \t]+.*\n|\n)+)', source(module, "en"), re.MULTILINE)
    assert len(boxes) == source(module, "zh").count("!!! bug")
    for title, body in boxes:
        assert title.startswith("Correction"), f"{module}: bug box {title!r}"
        assert "**The notes**" in body and "**Correct**" in body, f"{module}: bug box {title!r}"


@pytest.mark.parametrize("module", LECTURES)
def test_the_chinese_words_of_an_english_page_are_terms_of_the_chinese_page(module):
    """Chinese on an English page is a lecture's term beside its English name: words the
    Chinese page uses (so the site's font has them), never a sentence left untranslated."""
    chinese = source(module, "zh")
    runs = re.findall(r"[\u3400-\u9fff]+", source(module, "en"))
    assert all(run in chinese for run in runs), [run for run in runs if run not in chinese]
    sentences = CHINESE_SENTENCE_PUNCTUATION.findall(source(module, "en"))
    assert not sentences, f"{module}: Chinese punctuation {sentences}: a sentence left untranslated?"


def notebook(name: str, lang: str) -> nbformat.NotebookNode:
    suffix = ".en" if lang == "en" else ""
    path = DOCS / "notebooks" / f"{name}{suffix}.ipynb"
    assert path.is_file(), f"{name}: no {path.relative_to(ROOT)}"
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_english_notebook_has_the_chinese_notebooks_cells(name):
    chinese, english = notebook(name, "zh"), notebook(name, "en")
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells]
    described = [[len(c.metadata.get("figure_alt", [])) for c in nb.cells] for nb in (chinese, english)]
    assert described[1] == described[0], f"{name}: the cells describe another number of figures"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_english_notebook_is_english_throughout(name):
    """Markdown, code and comments, figure descriptions and every output."""
    found = []
    for index, cell in enumerate(notebook(name, "en").cells):
        texts = [cell.source, *cell.metadata.get("figure_alt", [])]
        for out in cell.get("outputs", []):
            texts += [out.get("text", ""), str(out.get("data", {}).get("text/plain", ""))]
        found += [f"cell {index}: {m.group()!r}" for text in texts for m in [CJK.search(text)] if m]
    assert not found, f"{name}.en.ipynb: " + ", ".join(found)
