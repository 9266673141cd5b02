"""An English lecture page or notebook is a translation of the Chinese one, not a summary.

For every lecture page docs/<page>.md with its docs/<page>.en.md, and every notebook with its
.en.ipynb: the same sections (the same ids, in the same order), every formula, figure,
box, table row, link and exercise part; the same code and the same results in the
notebooks; and Chinese only as terms ("saddle point (鞍点)"), never a Chinese sentence.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from mkdocs_jupyter.utils import slugify as notebook_heading_id

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def english_twin(path: Path) -> Path:
    return path.with_name(f"{path.stem}.en{path.suffix}")


def translated(paths: list[Path]) -> list[Path]:
    return [p for p in sorted(paths) if not p.stem.endswith(".en") and english_twin(p).is_file()]


PAGES = translated(list(DOCS.glob("l[0-9]*.md")))  # the lecture pages
NOTEBOOKS = translated(list((DOCS / "notebooks").glob("*.ipynb")))

FENCE = re.compile(r"^```[^\n]*\n.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)
# Today's folded hints of the Chinese pages and the line that replaces them: the hints
# come from grader/checks, in the page's language, so neither is compared.
TIP_BLOCK = re.compile(r"^\?\?\?\+?[ \t]+tip.*\n(?:(?:[ \t]{4}.*)?\n)*", re.MULTILINE)
HINTS_LINE = re.compile(r"^<!-- hints: (\S+) -->[ \t]*\n", re.MULTILINE)
QUOTE_BOX = re.compile(r"^!!![ \t]+quote.*\n(?:(?:[ \t]{4}.*)?\n)*", re.MULTILINE)
HEADING = re.compile(r"^(#{2,3})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
EXPLICIT_ID = re.compile(r"\{#([^}\s]+)\}$")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
LONGEST_TERM = 8  # 有适应性的学习率, the title of Lecture 5; a longer run is a sentence
CHINESE_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef]")  # ，。：（）and the ideographic space


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(markdown: str) -> str:
    """The page without code blocks and without hints."""
    return HINTS_LINE.sub("", TIP_BLOCK.sub("", FENCE.sub("", markdown)))


def masked_math(formula: str) -> str:
    """A formula with its words (\\text{...}) left out: those are translated."""
    return re.sub(r"\\text\{[^}]*\}", r"\\text{}", " ".join(formula.split()))


def display_formulas(markdown: str) -> list[str]:
    return [masked_math(f) for f in re.findall(r"\$\$(.*?)\$\$", markdown, re.DOTALL)]


def inline_formulas(markdown: str) -> Counter:
    without_display = re.sub(r"\$\$.*?\$\$", "", markdown, flags=re.DOTALL)
    return Counter(masked_math(f) for f in re.findall(r"\$([^$\n]+)\$", without_display))


def images(markdown: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", markdown)


def links(markdown: str) -> Counter:
    """Link targets (a translated sentence may name them in another order)."""
    return Counter(re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)", markdown))


def boxes(markdown: str) -> list[str]:
    return re.findall(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(\w+)", markdown, re.MULTILINE)


def table_rows(markdown: str) -> int:
    return len(re.findall(r"^[ \t]*\|", markdown, re.MULTILINE))


def section_ids(markdown: str) -> list[str | None]:
    """The explicit id of each h2/h3, in order (None where a heading has none)."""
    found = []
    for match in HEADING.finditer(markdown):
        explicit = EXPLICIT_ID.search(match[2])
        found.append(explicit[1] if explicit else None)
    return found


def code_blocks(markdown: str) -> list[str]:
    """Stub includes and check commands: the same in both languages."""
    return FENCE.findall(markdown)


def solution_markers(markdown: str) -> list[str]:
    return re.findall(r"<!-- solution: (\S+) -->", markdown)


def chinese_sentences(text: str) -> list[str]:
    """Lines with Chinese punctuation or a run of Chinese longer than a term (quotations of
    the notes, in a quote box, are the notes' own words)."""
    return [line.strip() for line in QUOTE_BOX.sub("", text).splitlines()
            if CHINESE_PUNCTUATION.search(line)
            or any(len(run) > LONGEST_TERM for run in HAN.findall(line))]


PARTS = {
    "display formulas": display_formulas,
    "inline formulas": inline_formulas,
    "figures": images,
    "links": links,
    "boxes (admonitions)": boxes,
    "table rows": table_rows,
    "solution markers": solution_markers,
}


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_english_page_has_every_part_of_the_chinese_page(path):
    chinese, english = prose(read(path)), prose(read(english_twin(path)))
    for part, extract in PARTS.items():
        assert extract(english) == extract(chinese), f"{english_twin(path).name}: {part} differ from {path.name}'s"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_english_page_has_the_same_sections_and_exercises(path):
    chinese, english = read(path), read(english_twin(path))
    chinese_ids = section_ids(FENCE.sub("", chinese))
    assert None not in chinese_ids, f"{path.name}: every h2/h3 needs an explicit {{#id}}"
    assert section_ids(FENCE.sub("", english)) == chinese_ids, f"{english_twin(path).name}: sections differ"
    assert code_blocks(english) == code_blocks(chinese), f"{english_twin(path).name}: stubs or check commands differ"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_english_exercises_take_their_hints_from_the_grader(path):
    english = read(english_twin(path))
    assert not TIP_BLOCK.search(english), f"{english_twin(path).name}: hints come from a <!-- hints: NAME --> line"
    exercises = re.findall(r"^###[ \t]+`(\w+)`[ \t]*\{#\1\}", english, re.MULTILINE)
    assert HINTS_LINE.findall(english) == exercises, f"{english_twin(path).name}: one hints line per exercise"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_english_page_has_no_chinese_sentence(path):
    found = chinese_sentences(prose(read(english_twin(path))))
    assert not found, f"{english_twin(path).name}: Chinese beyond a term: {found[:3]}"


# ---------------------------------------------------------------------------
# Notebooks
# ---------------------------------------------------------------------------


def notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def cells(nb: nbformat.NotebookNode, kind: str) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == kind]


# The Chinese notebooks' set-up of their figure font (scripts/make_site_font.py --figures)
# is theirs alone: the English notebooks draw in matplotlib's own font.
CHINESE_FONT_SETUP = {"font_manager", "CJK_FONT"}


class _WithoutWords(ast.NodeTransformer):
    """Strings left out; an f-string as the values it shows, in any order (word order differs);
    no Chinese font set-up."""

    def visit_Module(self, node: ast.Module) -> ast.Module:
        node.body = [statement for statement in node.body if not self._sets_up_the_chinese_font(statement)]
        return self.generic_visit(node)

    @staticmethod
    def _sets_up_the_chinese_font(statement: ast.stmt) -> bool:
        names = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name)}
        names |= {alias.asname or alias.name for n in ast.walk(statement)
                  if isinstance(n, ast.ImportFrom) for alias in n.names}
        return bool(names & CHINESE_FONT_SETUP)

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if isinstance(node.value, str) else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.Tuple:
        shown = [self.visit(part) for part in node.values if isinstance(part, ast.FormattedValue)]
        return ast.Tuple(sorted(shown, key=ast.dump), ast.Load())


def code_without_words(source: str) -> str:
    """The code's syntax tree without its words: comments, printed words and labels are translated."""
    return ast.dump(_WithoutWords().visit(ast.parse(source)))


def numbers(cell: nbformat.NotebookNode) -> list[str]:
    """The numbers a cell printed."""
    text = "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")
    text += "".join(out.get("data", {}).get("text/plain", "") for out in cell.outputs
                    if out.output_type == "execute_result")
    return re.findall(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", text)


def notebook_heading_ids(markdown: str) -> list[str]:
    """The ids mkdocs-jupyter gives the h2/h3 (ASCII only: a Chinese gloss adds nothing)."""
    return [notebook_heading_id(text) for _, text in HEADING.findall(markdown)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_english_notebook_is_the_chinese_one_translated(path):
    chinese, english = notebook(path), notebook(english_twin(path))
    name = english_twin(path).name
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells], f"{name}: cells differ"
    zh_text = "\n\n".join(c.source for c in cells(chinese, "markdown"))
    en_text = "\n\n".join(c.source for c in cells(english, "markdown"))
    assert notebook_heading_ids(en_text) == notebook_heading_ids(zh_text), f"{name}: section ids differ"
    for part in ("display formulas", "inline formulas", "links"):
        assert PARTS[part](en_text) == PARTS[part](zh_text), f"{name}: {part} differ"
    for index, (zh, en) in enumerate(zip(cells(chinese, "code"), cells(english, "code"))):
        assert code_without_words(en.source) == code_without_words(zh.source), f"{name}, code cell {index}: other code"
        assert len(en.metadata.get("figure_alt", [])) == len(zh.metadata.get("figure_alt", [])), \
            f"{name}, code cell {index}: figure descriptions differ"
        assert numbers(en) == numbers(zh), f"{name}, code cell {index}: other results; re-run both notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_english_notebook_has_no_chinese_sentence(path):
    nb = notebook(english_twin(path))
    text = "\n".join(cell.source for cell in nb.cells)
    text += "\n".join(alt for cell in nb.cells for alt in cell.metadata.get("figure_alt", []))
    text += "\n".join(out.get("text", "") for cell in cells(nb, "code") for out in cell.outputs)
    found = chinese_sentences(text)
    assert not found, f"{english_twin(path).name}: Chinese beyond a term: {found[:3]}"
