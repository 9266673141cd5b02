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

3. Each exercise is shown from its pristine stub, never from ``exercises/`` (a
   student's working copy): ``--8<-- "exercises/<file>:<name>"`` reads the stubs
   ``scripts/make_stubs.py`` generates from ``solutions/`` at build time (with the
   banned calls of ``grader/course.py`` in each docstring), or, in the student
   edition, which has no solutions, the copy of the stubs it was released with.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SOLUTION = re.compile(
    r"^(?P<indent>[ \t]*)<!--\s*solution:\s*(?P<file>[\w.]+\.py):(?P<section>[a-z][-_0-9a-z]*)\s*-->[ \t]*$",
    re.MULTILINE,
)
COURSE_MAP = re.compile(r"^<!--\s*course-map\s*-->[ \t]*$", re.MULTILINE)
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
    markdown = STUB_SNIPPET.sub(lambda match: f"{match['start']}{_stubs}/", markdown)
    if COURSE_MAP.search(markdown):
        table = course_map()
        markdown = COURSE_MAP.sub(lambda _: table, markdown)
    return markdown


def on_config(config):
    global _stubs
    _stubs = pristine_stubs().relative_to(ROOT).as_posix()
    if is_instructor(config):
        config.site_name = f"{config.site_name}（教师版）"
    return config
