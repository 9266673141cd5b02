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
"""

from __future__ import annotations

import importlib.util
import re
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SOLUTION = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*solution:\s*(?P<file>[\w.]+\.py):(?P<section>[a-z][-_0-9a-z]*)\s*-->[ \t]*$",
    re.MULTILINE,
)
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


def expand_solutions(markdown: str, instructor: bool) -> str:
    def replace(match: re.Match) -> str:
        if not instructor:
            return ""
        body = [
            '??? success "参考答案（教师版）"',
            "",
            "    ```python",
            f'    --8<-- "solutions/{match["file"]}:{match["section"]}"',
            "    ```",
        ]
        return "\n".join(match["indent"] + line if line else "" for line in body)

    return SOLUTION.sub(replace, markdown)


def load_course():
    """grader/course.py, imported by file path under a private name."""
    path = ROOT / "grader" / "course.py"
    spec = importlib.util.spec_from_file_location("_site_hook_course", path)
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    return module


def course_map() -> str:
    course = load_course()
    lines = [
        "| 讲次 | 练习（点击跳到讲义中的说明） | 分值 |",
        "| --- | --- | ---: |",
    ]
    for module, lecture in course.LECTURES.items():
        exercises = [e for e in course.EXERCISES if e.module == module]
        links = " · ".join(f"[`{e.name}`]({module}.md#{e.name})" for e in exercises)
        points = sum(e.points for e in exercises)
        lines.append(f"| [{lecture.title}]({module}.md) | {links} | {points:g} |")
    lines.append(f"| **合计** | {len(course.EXERCISES)} 个练习 | **{course.MAX_SCORE:g}** |")
    return "\n".join(lines)


def heading_anchors(markdown: str, slugify) -> dict[str, str]:
    """Heading text -> its id: the explicit ``{#id}``, or what toc's slugify makes of it."""
    return {
        m["text"].strip(): m["id"] or slugify(m["text"].strip(), "-")
        for m in HEADING.finditer(markdown)
    }


def link_exercises_to_sections(markdown: str, module: str, slugify) -> str:
    """After each exercise heading of ``module``, a line linking its lecture section."""
    course = load_course()
    anchors = heading_anchors(markdown, slugify)
    for exercise in (e for e in course.EXERCISES if e.module == module):
        if exercise.section not in anchors:
            raise ValueError(f"{module}.md has no heading {exercise.section!r} "
                             f"(grader/course.py names it for {exercise.name})")
        heading = re.compile(rf"^###[ \t]+`{re.escape(exercise.name)}`[ \t]*\{{#{re.escape(exercise.name)}\}}[ \t]*$",
                             re.MULTILINE)
        # attr_list: a block's attributes go on a line of their own after it
        line = f"讲义：[{exercise.section}](#{anchors[exercise.section]})\n{{ .exercise-reading }}"
        markdown, found = heading.subn(lambda m: f"{m[0]}\n\n{line}\n", markdown)
        if found != 1:
            raise ValueError(f"{module}.md: expected one heading ### `{exercise.name}` {{#{exercise.name}}}")
    return markdown


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pristine_stubs() -> Path:
    """The folder of the stubs as generated (written afresh when solutions/ changed)."""
    if not (ROOT / "solutions").is_dir():
        return RELEASED_STUBS
    make_stubs = _load(ROOT / "scripts" / "make_stubs.py", "_site_hook_make_stubs")
    GENERATED_STUBS.mkdir(parents=True, exist_ok=True)
    for solution in sorted((ROOT / "solutions").glob("*.py")):
        stub = make_stubs.stub_source(solution.read_text(encoding="utf-8"), solution.stem)
        target = GENERATED_STUBS / solution.name
        if not target.is_file() or target.read_text(encoding="utf-8") != stub:
            target.write_text(stub, encoding="utf-8")
    return GENERATED_STUBS


_stubs = ""  # relative to the repository root, as snippets are included


def on_page_markdown(markdown, page, config, files):
    markdown = expand_solutions(markdown, is_instructor(config))
    module = page.file.src_uri.removesuffix(".md")
    if module in load_course().LECTURES:
        slugify = config["mdx_configs"]["toc"]["slugify"]
        markdown = link_exercises_to_sections(markdown, module, slugify)
    markdown = STUB_SNIPPET.sub(lambda match: f"{match['start']}{_stubs}/", markdown)
    if COURSE_MAP.search(markdown):
        table = course_map()
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


def exclude_math_from_search(html: str) -> str:
    # a value: Material strips data-search-* attributes with one from the page
    return ARITHMATEX.sub(r'<\1 data-search-exclude="math"\2', html)


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        alts = notebook_alt_texts(Path(page.file.abs_src_path))
        html = with_alt_texts(html, alts, page.file.src_uri)
        html = wrap_raw_math(html)
        # the cell's code is indexed once, from its <pre>
        html = CODE_COPY.sub('<div data-search-exclude="copy" class="clipboard-copy-txt"', html)
    return exclude_math_from_search(html)


def on_config(config):
    global _stubs
    _stubs = pristine_stubs().relative_to(ROOT).as_posix()
    if is_instructor(config):
        config.site_name = f"{config.site_name}（教师版）"
    return config
