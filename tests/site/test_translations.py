"""Each English lecture page and notebook is the Chinese one translated, not a summary of it.

Read from docs/ (no site build). For every lecture page docs/<page>.md and its
docs/<page>.en.md, and every notebook with its .en.ipynb:
- what a translation keeps is compared: section ids in order, exercises, formulas, figures,
  boxes, table rows, links, stubs, solution markers; in the notebooks the cells, the code
  (its words aside) and the numbers it printed;
- what a translation changes is checked to be English: corrections in the English pattern,
  hints from the grader, Chinese on a page only as the Chinese page's terms, never a
  sentence; the notebooks English throughout (their figures use matplotlib's own font).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from mkdocs_jupyter.utils import slugify as notebook_heading_id

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def english_twin(path: Path) -> Path:
    """docs/<name>.md -> docs/<name>.en.md (mkdocs-static-i18n's suffix structure)."""
    return path.with_name(f"{path.stem}.en{path.suffix}")


def chinese_sources(paths: list[Path]) -> list[Path]:
    # Every Chinese source, twin or not: a missing translation fails, it is not skipped.
    return [p for p in sorted(paths) if not p.stem.endswith(".en")]


PAGES = chinese_sources(list(DOCS.glob("l[0-9]*.md")))  # the lecture pages
NOTEBOOKS = chinese_sources(list((DOCS / "notebooks").glob("*.ipynb")))


def read(path: Path) -> str:
    assert path.is_file(), f"no {path.relative_to(ROOT)}: each lecture page and notebook has an English twin"
    return path.read_text(encoding="utf-8")


def notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.reads(read(path), as_version=4)


# ---------------------------------------------------------------------------
# Markdown: the parts of a page
# ---------------------------------------------------------------------------

FENCE = re.compile(r"^```[^\n]*\n.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)
# The Chinese pages' folded hints and the English pages' line that replaces them: hints come
# from grader/checks in the page's language, so neither is compared. HINTS is the pattern the site
# hook (docs/_hooks/course.py) reads, so every line it would turn into hints is counted here.
TIP_BLOCK = re.compile(r"^[ \t]*\?\?\?\+?[ \t]+tip.*\n(?:(?:[ \t]{4}.*)?\n)*", re.MULTILINE)
HINTS = re.compile(r"^[ \t]*<!--\s*hints:\s*(\w+)\s*-->[ \t]*$", re.MULTILINE)
HEADING = re.compile(r"^(#{2,3})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
EXPLICIT_ID = re.compile(r"\{#([^}\s]+)\}$")
EXERCISE = re.compile(r"^###[ \t]+`(\w+)`[ \t]*\{#\1\}[ \t]*$", re.MULTILINE)
SNIPPET = re.compile(r'^[ \t]*--8<-- "([^"]+)"', re.MULTILINE)
SOLUTION = re.compile(r"<!--\s*solution:\s*(\S+?)\s*-->")
QUOTE_BOX = re.compile(r"^!!![ \t]+quote.*\n(?:(?:[ \t]{4}.*)?\n)*", re.MULTILINE)
CORRECTION_BOX = re.compile(r'^!!! bug "([^"]*)"\n((?:[ \t]+.*\n|\n)+)', re.MULTILINE)


def prose(markdown: str) -> str:
    """The page without code blocks and without hints."""
    return HINTS.sub("", TIP_BLOCK.sub("", FENCE.sub("", markdown)))


def masked_math(formula: str) -> str:
    """A formula with its words (\\text{...}) left out: those are translated."""
    return re.sub(r"\\text\{[^}]*\}", r"\\text{}", " ".join(formula.split()))


def display_formulas(markdown: str) -> list[str]:
    return [masked_math(f) for f in re.findall(r"\$\$(.*?)\$\$", prose(markdown), re.DOTALL)]


def inline_formulas(markdown: str) -> Counter:
    """Counted, not listed: a translated sentence may name them in another order."""
    without_display = re.sub(r"\$\$.*?\$\$", "", prose(markdown), flags=re.DOTALL)
    return Counter(masked_math(f) for f in re.findall(r"\$([^$\n]+)\$", without_display))


def figures(markdown: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", prose(markdown))


def links(markdown: str) -> Counter:
    """Link targets, counted (a translated sentence may name them in another order)."""
    return Counter(re.findall(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)", prose(markdown)))


def boxes(markdown: str) -> list[str]:
    return re.findall(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(\w+)", prose(markdown), re.MULTILINE)


def table_rows(markdown: str) -> int:
    return len(re.findall(r"^[ \t]*\|", prose(markdown), re.MULTILINE))


def section_ids(markdown: str) -> list[str | None]:
    """The explicit id of each h2/h3, in order (None where a heading has none)."""
    found = []
    for _, text in HEADING.findall(FENCE.sub("", markdown)):
        explicit = EXPLICIT_ID.search(text)
        found.append(explicit[1] if explicit else None)
    return found


def exercises(markdown: str) -> list[str]:
    """The exercise headings, ### `name` {#name}: the name stays code in both languages."""
    return EXERCISE.findall(FENCE.sub("", markdown))


def code_blocks(markdown: str) -> list[str]:
    """Stub includes and check commands: the same in both languages."""
    return FENCE.findall(markdown)


def snippets(markdown: str) -> list[str]:
    """Every file a page includes, fenced or not."""
    return SNIPPET.findall(markdown)


def solution_markers(markdown: str) -> list[str]:
    return SOLUTION.findall(prose(markdown))


PARTS: dict[str, Callable[[str], object]] = {
    "section ids": section_ids,
    "exercises": exercises,
    "display formulas": display_formulas,
    "inline formulas": inline_formulas,
    "figures": figures,
    "links": links,
    "boxes (admonitions)": boxes,
    "table rows": table_rows,
    "code blocks": code_blocks,
    "snippet includes": snippets,
    "solution markers": solution_markers,
}
# Parts every lecture page has: finding none in a Chinese page means the pattern broke.
EVERY_PAGE_HAS = {"section ids", "exercises", "display formulas", "figures", "boxes (admonitions)",
                  "snippet includes", "solution markers"}

# ---------------------------------------------------------------------------
# Chinese text: terms are allowed on an English page, sentences are not
# ---------------------------------------------------------------------------

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
CHINESE_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uffef]")  # ，。：（）and the ideographic space
# The marks that join or end clauses: not even a quotation of the notes keeps them.
CLAUSE_PUNCTUATION = re.compile(r"[，。；！？、（）]")
CJK = re.compile(f"{HAN.pattern}|{CHINESE_PUNCTUATION.pattern}")
LONGEST_TERM = 8  # 有适应性的学习率, the title of Lecture 5; a longer run is a sentence


def chinese_sentences(text: str) -> list[str]:
    """Lines with Chinese punctuation or a run of Chinese longer than a term (quotations of
    the notes, in a quote box, are the notes' own words)."""
    return [line.strip() for line in QUOTE_BOX.sub("", text).splitlines()
            if CHINESE_PUNCTUATION.search(line) or any(len(run) > LONGEST_TERM for run in HAN.findall(line))]


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def test_the_lectures_are_found():
    assert len(PAGES) >= 6 and DOCS / "l01_regression.md" in PAGES, PAGES
    assert len(NOTEBOOKS) >= 6, NOTEBOOKS


@pytest.mark.parametrize("path", PAGES + NOTEBOOKS, ids=[p.name for p in PAGES + NOTEBOOKS])
def test_each_chinese_source_has_its_english_twin(path):
    assert english_twin(path).is_file(), f"{path.name} has no English {english_twin(path).name}"


@pytest.mark.parametrize("part", list(PARTS))
@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_english_page_keeps_every_part_of_the_chinese_page(path, part):
    extract = PARTS[part]
    chinese, english = extract(read(path)), extract(read(english_twin(path)))
    if part in EVERY_PAGE_HAS:
        assert chinese, f"{path.name}: no {part} found: is the pattern broken?"
    if part == "section ids":
        assert None not in chinese, f"{path.name}: every h2/h3 needs an explicit {{#id}}"
    assert english == chinese, f"{english_twin(path).name}: {part} differ from {path.name}'s"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_english_page_has_one_hints_line_in_each_exercise_section(path):
    english = read(english_twin(path))
    name = english_twin(path).name
    assert not TIP_BLOCK.search(english), f"{name}: hints come from the grader's HINTS by a <!-- hints: NAME --> line"
    before_first, *sections = EXERCISE.split(english)  # preamble, name, body, name, body...
    assert sections, f"{name}: no exercise section"
    assert not HINTS.findall(before_first), f"{name}: a hints line before the first exercise section"
    for exercise, body in zip(sections[::2], sections[1::2]):
        assert HINTS.findall(body) == [exercise], \
            f"{name}: the section of {exercise} needs one <!-- hints: {exercise} --> line"


# The labelled paragraphs of a correction box, Chinese -> English.
CORRECTION_LABELS = {"笔记": "The notes", "正确": "Correct", "为什么": "Why", "为什么要紧": "Why it matters"}
# "Correction: ..." or "Correction (terminology): ...", as the Chinese "勘误：" / "勘误（术语）：".
CORRECTION_TITLE = re.compile(r"Correction(?: \([^()]+\))?: \S")


def correction_labels(body: str) -> list[str]:
    return re.findall(r"^[ \t]+\*\*([^*]+)\*\*", body, re.MULTILINE)


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_english_correction_says_what_the_notes_wrote_what_is_right_and_why(path):
    chinese_page, english_page = read(path), read(english_twin(path))
    chinese, english = CORRECTION_BOX.findall(chinese_page), CORRECTION_BOX.findall(english_page)
    name = english_twin(path).name
    # Every bug box, read as a correction (a box the pattern misses fails here too).
    assert len(english) == len(chinese) == english_page.count("!!! bug") == chinese_page.count("!!! bug"), \
        f"{name}: correction boxes differ from {path.name}'s"
    for (_, zh_body), (title, en_body) in zip(chinese, english):
        assert CORRECTION_TITLE.match(title), f"{name}: bug box {title!r} is not titled Correction: ..."
        en_labels, zh_labels = correction_labels(en_body), correction_labels(zh_body)
        assert en_labels[:2] == ["The notes", "Correct"] and en_labels[2:3] in (["Why"], ["Why it matters"]), \
            f"{name}: bug box {title!r} needs **The notes**, **Correct** and **Why**, in that order: {en_labels}"
        unknown = [label for label in zh_labels if label not in CORRECTION_LABELS]
        assert not unknown, f"{path.name}: correction labels {unknown} have no English in CORRECTION_LABELS"
        assert en_labels == [CORRECTION_LABELS[label] for label in zh_labels], \
            f"{name}: bug box {title!r} has other paragraphs than the Chinese box: {en_labels}"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_the_chinese_words_of_an_english_page_are_terms_of_the_chinese_page(path):
    """Chinese on an English page is a lecture's term beside its English name: words the
    Chinese page uses (so the site's font has them), never a sentence left untranslated."""
    chinese, english = read(path), read(english_twin(path))
    name = english_twin(path).name
    foreign = [run for run in HAN.findall(english) if run not in chinese]
    assert not foreign, f"{name}: Chinese the Chinese page does not use: {foreign[:5]}"
    clauses = CLAUSE_PUNCTUATION.findall(english)
    assert not clauses, f"{name}: Chinese punctuation {clauses}: a sentence left untranslated?"
    sentences = chinese_sentences(prose(english))
    assert not sentences, f"{name}: Chinese beyond a term: {sentences[:3]}"


# ---------------------------------------------------------------------------
# Notebooks
# ---------------------------------------------------------------------------


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


def figure_descriptions(nb: nbformat.NotebookNode) -> list[int]:
    """How many figures each cell describes (metadata figure_alt: the alt text of its plots)."""
    return [len(cell.metadata.get("figure_alt", [])) for cell in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_english_notebook_is_the_chinese_one_translated(path):
    chinese, english = notebook(path), notebook(english_twin(path))
    name = english_twin(path).name
    assert [c.cell_type for c in english.cells] == [c.cell_type for c in chinese.cells], f"{name}: cells differ"
    assert figure_descriptions(english) == figure_descriptions(chinese), \
        f"{name}: the cells describe another number of figures"
    zh_text = "\n\n".join(c.source for c in cells(chinese, "markdown"))
    en_text = "\n\n".join(c.source for c in cells(english, "markdown"))
    assert notebook_heading_ids(en_text) == notebook_heading_ids(zh_text), f"{name}: section ids differ"
    for part in ("display formulas", "inline formulas", "links"):
        assert PARTS[part](en_text) == PARTS[part](zh_text), f"{name}: {part} differ"
    for index, (zh, en) in enumerate(zip(cells(chinese, "code"), cells(english, "code"))):
        assert code_without_words(en.source) == code_without_words(zh.source), f"{name}, code cell {index}: other code"
        assert numbers(en) == numbers(zh), f"{name}, code cell {index}: other results; re-run both notebooks"


def shown_text(cell: nbformat.NotebookNode) -> list[str]:
    """What a reader sees of a cell: its source, its figures' descriptions, every text output."""
    texts = [cell.source, *cell.metadata.get("figure_alt", [])]
    for out in cell.get("outputs", []):
        texts.append(out.get("text", ""))
        texts += [str(value) for mime, value in out.get("data", {}).items() if mime.startswith("text/")]
    return texts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_english_notebook_is_english_throughout(path):
    """Not even a term: the English notebooks' figures draw in matplotlib's own font, which
    has no Chinese, and their markdown, code, comments and outputs follow them."""
    found = [f"cell {index}: {match.group()!r}"
             for index, cell in enumerate(notebook(english_twin(path)).cells)
             for text in shown_text(cell) for match in [CJK.search(text)] if match]
    assert not found, f"{english_twin(path).name}: Chinese in " + ", ".join(found)
