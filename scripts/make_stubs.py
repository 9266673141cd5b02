"""Write ``exercises/<module>.py`` from ``solutions/<module>.py``.

A stub keeps each public function's signature, type hints and docstring (and the
site's snippet markers around it) and replaces its body with a
``NotImplementedError`` that says what to read. Its docstring ends with the calls
the exercise bans, from ``grader/course.py`` (the list the grader enforces), so the
student reads them in the stub and on the site (which includes the stub). Private
helpers are left out: writing them is part of the exercise.

    python scripts/make_stubs.py            # rewrite every stub
    python scripts/make_stubs.py --check    # exit 1 if a stub is out of date

Run it after changing a solution's signature or docstring; ``tests/test_stubs.py``
fails until the stubs agree with the solutions again.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course import BY_NAME, LECTURES, Exercise  # noqa: E402

START_MARKER = "# --8<-- [start:{}]"
END_MARKER = "# --8<-- [end:{}]"


def _is_module(name: str) -> bool:
    """Whether a dotted name is a module (``torch.optim``) rather than a function or class,
    found on disk without importing anything (the site's build runs this too)."""
    top, *rest = name.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not rest:
        return spec is not None
    folder = Path(next(iter(spec.submodule_search_locations or []), ""))
    for index, part in enumerate(rest):
        if (folder / part / "__init__.py").is_file():
            folder = folder / part
        else:
            return index == len(rest) - 1 and (folder / f"{part}.py").is_file()
    return True


def banned_paragraph(exercise: Exercise) -> list[str]:
    """The docstring lines that state what the exercise must not call (none if nothing)."""
    if not exercise.banned:
        return []
    named = [f"anything in ``{name}``" if _is_module(name) else f"``{name}``" for name in exercise.banned]
    them = "it" if len(named) == 1 else "them"
    text = (f"Must not call: {', '.join(named)} (the grader stops at {them}: "
            "write it with tensor operations yourself).")
    return ["", *textwrap.wrap(text, width=84, initial_indent="    ", subsequent_indent="    ",
                               break_on_hyphens=False, break_long_words=False)]


def stub_source(solution: str, module: str) -> str:
    tree = ast.parse(solution)
    lines = solution.splitlines()
    module_doc = ast.get_docstring(tree) or ""
    title = module_doc.splitlines()[0].replace("reference solutions", "exercises")
    out = [
        '"""' + title,
        "",
        "Replace each ``raise NotImplementedError(...)`` with your code, then check it:",
        "",
        f"    python -m grader check {module}",
        '"""',
        "",
    ]
    # Keep the imports: type hints and the student's code need them.
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out += lines[node.lineno - 1 : node.end_lineno]
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        exercise = BY_NAME[node.name]
        docstring_end = node.body[0].end_lineno
        out += ["", "", START_MARKER.format(node.name)]
        out += lines[node.lineno - 1 : docstring_end - 1]
        out += banned_paragraph(exercise)
        out.append(lines[docstring_end - 1])  # the docstring's closing quotes
        out.append(
            f"    raise NotImplementedError(\n"
            f'        "{node.name} is not written yet: read {exercise.reading}"\n'
            f"    )"
        )
        out.append(END_MARKER.format(node.name))
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale stubs")
    args = parser.parse_args()
    stale = []
    for module in LECTURES:
        stub = stub_source((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"), module)
        path = ROOT / "exercises" / f"{module}.py"
        if path.exists() and path.read_text(encoding="utf-8") == stub:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(stub, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
