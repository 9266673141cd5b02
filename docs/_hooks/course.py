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


def on_page_markdown(markdown, page, config, files):
    markdown = expand_solutions(markdown, is_instructor(config))
    if COURSE_MAP.search(markdown):
        table = course_map()
        markdown = COURSE_MAP.sub(lambda _: table, markdown)
    return markdown


def on_config(config):
    if is_instructor(config):
        config.site_name = f"{config.site_name}（教师版）"
    return config
