"""MkDocs hook: what the pages take from the rest of the repository at build time.

1. Reference solutions on the instructor site only. A lecture page marks where an
   exercise's solution belongs with one line,

       <!-- solution: l01_regression.py:mae -->

   On the default (student) build the line is deleted, so nothing of ``solutions/``
   reaches the HTML or the search index. With ``COURSE_INSTRUCTOR=1`` (read in
   mkdocs.yml as ``extra.instructor``) it becomes a collapsible block that includes
   the section of ``solutions/<file>`` between the same snippet markers as the stub
   (``# --8<-- [start:mae]`` ... ``[end:mae]``); ``pymdownx.snippets`` with
   ``check_paths`` then fails the build if the file or the section is gone.

2. ``<!-- course-map -->`` on the home page becomes the table of lectures and
   exercises, read from ``grader/course.py`` (the one place where exercises,
   points and sections are listed), so the home page never drifts from the grader.

3. Under each exercise's heading (``### `mse` {#mse}``) a line links back to the
   lecture section that the grader names for it (``Exercise.section``): the
   grader's link lands on the exercise, and one click leads to the idea.

4. Notebook figures get their alt text. nbconvert writes every image output with
   a placeholder alt ("No description has been provided for this image"); the
   notebook keeps the real one in the metadata of the cell that draws it,
   ``"figure_alt": ["...", ...]``, one string per image, in order (cell metadata
   survives re-running the notebook; output metadata would not). A figure without
   its text fails the build.

5. Math stays out of the search index, so that result snippets show words, not
   TeX. Every formula is an ``arithmatex`` element (on notebook pages, whose math
   nbconvert leaves as raw ``$...$`` text, the hook wraps it the same way), and
   each gets ``data-search-exclude``: Material's search skips the element and then
   removes the attribute from the page.

6. Each exercise is shown from its pristine stub, never from ``exercises/`` (a
   student's working copy): ``--8<-- "exercises/<file>:<name>"`` reads the stubs
   ``scripts/make_stubs.py`` generates from ``solutions/`` at build time (with the
   banned calls of ``grader/course.py`` in each docstring), or, in the student
   edition, which has no solutions, the copy of the stubs it was released with.

7. ``<!-- hints: mse -->`` under an exercise becomes its graded hints, folded
   (``??? tip``), from the one place they are written: the ``HINTS`` block of
   ``grader/checks/<module>.py`` (read by ``grader.hints``), in the page's language.
   ``python -m grader hint`` and ``watch`` show the same hints; the search index
   leaves them out.

Two languages (mkdocs-static-i18n, suffix structure): Chinese at the root from
``<page>.md``, English under ``en/`` from ``<page>.en.md``. Each build of a language
runs every step above in that language (``theme.language``, which the plugin sets):
lecture and section names through the grader's catalog, stubs with the docstring in
that language, the site's own few words from ``WORDS``. What makes two sites of one
build (notebooks, switcher, search, sitemaps, 404 pages) is ``languages.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import textwrap
from html import escape
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]


DEFAULT_LANGUAGE = "zh"  # at the site's root; every other language under /<lang>/

# The site's own words (the lectures' and sections' names come from the grader's
# catalog, the hints from grader.hints, Material's words from its theme language).
WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "solution": "参考答案（教师版）",
        "instructor": "（教师版）",
        "reading": "讲义：",
        "hint": "提示 {n}",
        "map_lecture": "讲次",
        "map_exercises": "练习（点击跳到讲义中的说明）",
        "map_points": "分值",
        "map_total": "合计",
        "map_count": "{n} 个练习",
    },
    "en": {
        "solution": "Reference solution (instructor)",
        "instructor": " (instructor)",
        "reading": "Read: ",
        "hint": "Hint {n}",
        "map_lecture": "Lecture",
        "map_exercises": "Exercises (each links to its section of the lecture)",
        "map_points": "Points",
        "map_total": "Total",
        "map_count": "{n} exercises",
    },
}

SOLUTION = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*solution:\s*(?P<file>[\w.]+\.py):(?P<section>[a-z][-_0-9a-z]*)\s*-->[ \t]*$",
    re.MULTILINE,
)
HINTS = re.compile(r"^(?P<indent>[ \t]*)<!--\s*hints:\s*(?P<name>\w+)\s*-->[ \t]*$", re.MULTILINE)
COURSE_MAP = re.compile(r"^<!--\s*course-map\s*-->[ \t]*$", re.MULTILINE)
HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.+?)(?:[ \t]*\{#(?P<id>[^}\s]+)\})?[ \t]*$",
                     re.MULTILINE)


STUB_SNIPPET = re.compile(r'^(?P<start>[ \t]*--8<-- ")exercises/', re.MULTILINE)
RELEASED_STUBS = ROOT / "docs" / "_hooks" / "stubs"  # the student edition's copy
GENERATED_STUBS = ROOT / ".cache" / "site-stubs"

TRUE = {"1", "true", "yes", "on"}


def is_instructor(config) -> bool:
    value = config.extra.get("instructor", False)
    return value is True or str(value).strip().lower() in TRUE


def site_language(config) -> str:
    """The language being built: mkdocs-static-i18n sets the theme's for each build."""
    return config.theme.get("language") or DEFAULT_LANGUAGE


def translate(message: str, lang: str) -> str:
    """A sentence of the grader's catalog (the hints) in ``lang``."""
    from grader.i18n import translate as catalog_translate

    return catalog_translate(message, lang)


def expand_solutions(markdown: str, instructor: bool, lang: str) -> str:
    def replace(match: re.Match) -> str:
        if not instructor:
            return ""
        body = [
            f'??? success "{WORDS[lang]["solution"]}"',
            "",
            "    ```python",
            f'    --8<-- "solutions/{match["file"]}:{match["section"]}"',
            "    ```",
        ]
        return "\n".join(match["indent"] + line if line else "" for line in body)

    return SOLUTION.sub(replace, markdown)


def load_course():
    """grader/course.py, imported by file path under a private name (read afresh at
    each build, so that `mkdocs serve` shows an edited course map)."""
    path = ROOT / "grader" / "course.py"
    spec = importlib.util.spec_from_file_location("_site_hook_course", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    return module


def course_map(lang: str) -> str:
    course = load_course()
    words = WORDS[lang]
    lines = [
        f"| {words['map_lecture']} | {words['map_exercises']} | {words['map_points']} |",
        "| --- | --- | ---: |",
    ]
    for module, lecture in course.LECTURES.items():
        exercises = [e for e in course.EXERCISES if e.module == module]
        links = " · ".join(f"[`{e.name}`]({module}.md#{e.name})" for e in exercises)
        points = sum(e.points for e in exercises)
        lines.append(f"| [{lecture.title_in(lang)}]({module}.md) | {links} | {points:g} |")
    count = words["map_count"].format(n=len(course.EXERCISES))
    lines.append(f"| **{words['map_total']}** | {count} | **{course.MAX_SCORE:g}** |")
    return "\n".join(lines)


def heading_anchors(markdown: str, slugify) -> dict[str, str]:
    """Heading text -> its id: the explicit ``{#id}``, or what toc's slugify makes of it."""
    return {
        m["text"].strip(): m["id"] or slugify(m["text"].strip(), "-")
        for m in HEADING.finditer(markdown)
    }


def link_exercises_to_sections(markdown: str, module: str, slugify, lang: str) -> str:
    """After each exercise heading of ``module``, a line linking its lecture section:
    the heading with the section's id (the same in both languages) and its name in the
    page's language."""
    course = load_course()
    anchors = heading_anchors(markdown, slugify)
    for exercise in (e for e in course.EXERCISES if e.module == module):
        section, anchor = exercise.section_in(lang), exercise.section_id
        if anchors.get(section) != anchor:
            raise ValueError(f"{module} ({lang}) has no heading {section!r} {{#{anchor}}} "
                             f"(grader/course.py names it for {exercise.name})")
        heading = re.compile(rf"^###[ \t]+`{re.escape(exercise.name)}`[ \t]*\{{#{re.escape(exercise.name)}\}}[ \t]*$",
                             re.MULTILINE)
        # attr_list: a block's attributes go on a line of their own after it
        line = f"{WORDS[lang]['reading']}[{section}](#{anchor})\n{{ .exercise-reading }}"
        markdown, found = heading.subn(lambda m: f"{m[0]}\n\n{line}\n", markdown)
        if found != 1:
            raise ValueError(f"{module} ({lang}): expected one heading ### `{exercise.name}` {{#{exercise.name}}}")
    return markdown


# Hints are plain text, written for the terminal (`hint`, `watch`): on the page every
# character that Markdown or arithmatex would read as markup stands for itself.
# Backslash escapes where Markdown has them; entities for what a backslash would turn
# into something else (\[ and \( open math for arithmatex).
MARKUP = re.compile(r"([\\`*_{}>#+!|$-])")
ENTITIES = {"&": "&amp;", "<": "&lt;", "[": "&#91;", "]": "&#93;"}


def plain_text(text: str) -> str:
    text = MARKUP.sub(r"\\\1", text)
    return "".join(ENTITIES.get(character, character) for character in text)


def hint_blocks(hints: list[str], lang: str, indent: str) -> str:
    """Folded ``??? tip`` blocks, one per hint, the gentlest first."""
    blocks = []
    for number, hint in enumerate(hints, start=1):
        title = WORDS[lang]["hint"].format(n=number)
        body = textwrap.indent(plain_text(" ".join(translate(hint, lang).split())), "    ")
        blocks.append(textwrap.indent(f'??? tip hint "{title}"\n{body}', indent))
    return "\n\n".join(blocks)


def expand_hints(markdown: str, module: str, lang: str) -> str:
    """Each ``<!-- hints: NAME -->`` line as NAME's hints; every exercise of the page
    has exactly one such line."""
    hints = importlib.reload(importlib.import_module("grader.hints"))  # edited HINTS show on `serve`
    course = hints.course
    expected = sorted(e.name for e in course.EXERCISES if e.module == module)
    named = sorted(m["name"] for m in HINTS.finditer(markdown))
    if named != expected:
        raise ValueError(f"{module} ({lang}): <!-- hints: NAME --> lines name {named}, "
                         f"the exercises of the lecture are {expected}")

    def replace(match: re.Match) -> str:
        found = hints.hints_for(course.BY_NAME[match["name"]])
        if not found:
            raise ValueError(f"{match['name']} has no HINTS in grader/checks/{module}.py")
        return hint_blocks(found, lang, match["indent"])

    return HINTS.sub(replace, markdown)


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pristine_stubs(lang: str) -> Path:
    """The folder of the stubs as generated in ``lang`` (written afresh when solutions/ changed)."""
    if not (ROOT / "solutions").is_dir():
        return RELEASED_STUBS  # the edition is released in one language
    make_stubs = _load(ROOT / "scripts" / "make_stubs.py", "_site_hook_make_stubs")
    folder = GENERATED_STUBS / lang
    folder.mkdir(parents=True, exist_ok=True)
    for solution in sorted((ROOT / "solutions").glob("*.py")):
        text = solution.read_text(encoding="utf-8")
        stub = make_stubs.stub_source(text, solution.stem, languages=(lang,))
        target = folder / solution.name
        if not target.is_file() or target.read_text(encoding="utf-8") != stub:
            target.write_text(stub, encoding="utf-8")
    return folder


_stubs = ""  # relative to the repository root, as snippets are included


def page_module(page) -> str:
    """``l01_regression`` for ``l01_regression.md`` and ``l01_regression.en.md``."""
    stem = page.file.src_uri.rsplit(".", 1)[0]
    language = stem.rsplit(".", 1)
    return language[0] if len(language) == 2 and language[1] in WORDS else stem


def on_page_markdown(markdown, page, config, files):
    lang = site_language(config)
    markdown = expand_solutions(markdown, is_instructor(config), lang)
    module = page_module(page)
    if page.file.src_uri.endswith(".md") and module in load_course().LECTURES:
        slugify = config["mdx_configs"]["toc"]["slugify"]
        markdown = link_exercises_to_sections(markdown, module, slugify, lang)
        markdown = expand_hints(markdown, module, lang)
    markdown = STUB_SNIPPET.sub(lambda match: f"{match['start']}{_stubs}/", markdown)
    if COURSE_MAP.search(markdown):
        table = course_map(lang)
        markdown = COURSE_MAP.sub(lambda _: table, markdown)
    return markdown


NBCONVERT_PLACEHOLDER_ALT = 'alt="No description has been provided for this image"'


def notebook_alt_texts(path: Path) -> list[str]:
    """The alt text of every image output of a notebook, in page order."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    texts: list[str] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        images = sum(1 for out in cell.get("outputs", []) if "image/png" in out.get("data", {}))
        alts = list(cell.metadata.get("figure_alt", []))
        if len(alts) != images or not all(isinstance(a, str) and a.strip() for a in alts):
            raise ValueError(
                f"{path.name}, cell {index}: {images} figure(s) but figure_alt is {alts!r}: "
                "give each figure a description in the cell's metadata"
            )
        texts += alts
    return texts


def with_alt_texts(html: str, alts: list[str], name: str) -> str:
    found = html.count(NBCONVERT_PLACEHOLDER_ALT)
    if found != len(alts):
        raise ValueError(f"{name}: {found} images on the page but {len(alts)} alt texts in the notebook")
    pieces = html.split(NBCONVERT_PLACEHOLDER_ALT)
    out = [pieces[0]]
    for alt, piece in zip(alts, pieces[1:]):
        out += [f'alt="{escape(alt, quote=True)}"', piece]
    return "".join(out)


TAG = re.compile(r"(<[^>]*>)")
RAW_TAG = re.compile(r"<(/?)(pre|code|script|style|textarea)\b", re.IGNORECASE)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)(.+?)(?<=\S)(?<![\\$])\$(?!\$)", re.DOTALL)
ARITHMATEX = re.compile(r"<(span|div)([^>]*\bclass=\"arithmatex\")")
# mkdocs-jupyter's hidden plain-text copy of each code cell, for its copy button
CODE_COPY = re.compile(r'<div class="clipboard-copy-txt"')


def wrap_raw_math(html: str) -> str:
    """``$...$`` and ``$$...$$`` in the text of a page (never inside code) as
    arithmatex elements, as pymdownx.arithmatex (generic) writes Markdown math."""
    out, raw = [], 0
    for piece in TAG.split(html):
        if piece.startswith("<"):
            match = RAW_TAG.match(piece)
            if match and not piece.endswith("/>"):
                raw += -1 if match[1] else 1
            out.append(piece)
        elif raw > 0 or "$" not in piece:
            out.append(piece)
        else:
            piece = DISPLAY_MATH.sub(lambda m: f'<span class="arithmatex">\\[{m[1]}\\]</span>', piece)
            piece = INLINE_MATH.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', piece)
            out.append(piece)
    return "".join(out)


# The hints stay out of the search index too: a search leads to the lecture's ideas,
# and a student opens a hint only when stuck.
HINT_BLOCK = re.compile(r'<details class="tip hint">')


def exclude_math_from_search(html: str) -> str:
    # a value: Material strips data-search-* attributes with one from the page
    return ARITHMATEX.sub(r'<\1 data-search-exclude="math"\2', html)


def exclude_hints_from_search(html: str) -> str:
    return HINT_BLOCK.sub('<details data-search-exclude="hint" class="tip hint">', html)


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        alts = notebook_alt_texts(Path(page.file.abs_src_path))
        html = with_alt_texts(html, alts, page.file.src_uri)
        html = wrap_raw_math(html)
        # the cell's code is indexed once, from its <pre>
        html = CODE_COPY.sub('<div data-search-exclude="copy" class="clipboard-copy-txt"', html)
    return exclude_hints_from_search(exclude_math_from_search(html))


@event_priority(-110)  # after mkdocs-static-i18n has set this build's language and names
def on_config(config):
    global _stubs
    lang = site_language(config)
    _stubs = pristine_stubs(lang).relative_to(ROOT).as_posix()
    suffix = WORDS[lang]["instructor"]
    if is_instructor(config) and not config.site_name.endswith(suffix):
        config.site_name = f"{config.site_name}{suffix}"
    return config
