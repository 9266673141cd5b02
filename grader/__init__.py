"""The course's grader: ``python -m grader check``, or ``check("mse")`` in a notebook."""

from __future__ import annotations

import contextlib
import os as _os
import sys as _sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

# Started as a command (``python -m grader``, ``python -c``), the current folder may be a
# student's (a teaching assistant grading from inside it): nothing is imported from it,
# or a planted ``secrets.py`` would run with the grader's rights. (A notebook keeps its
# folder on the path: the student's own modules live there.)
if not _sys.flags.safe_path and _sys.argv[:1] in (["-m"], ["-c"]):
    _sys.path[:] = [p for p in _sys.path if p and _os.path.abspath(p) != _os.getcwd()]

# What a function checked from a notebook finds above it in its temporary file: the
# imports of the stubs, and the usual abbreviations.
NOTEBOOK_HEADER = """\
from __future__ import annotations

import math
from typing import Callable

import torch
import torch.nn.functional as F
from torch import Tensor
"""


def check(*targets: str | Callable[..., Any], submission: str | Path | None = None, all: bool = False,
          lang: str | None = None) -> bool:
    """Check functions (or modules, or everything) and show the verdicts and feedback.

    The same checks and feedback as ``python -m grader check``, for a notebook or IPython.
    Returns True when everything checked passed.

    - ``check("mse")``, ``check("l01_regression")``, ``check()``: the functions in
      ``exercises/`` (or in the folder ``submission``).
    - ``check(mse)``: the function object itself, as defined in the notebook. Its source
      (``inspect.getsource``, which IPython keeps for every cell) is written into a
      temporary ``l01_regression.py`` below ``NOTEBOOK_HEADER`` (``import torch``,
      ``from torch import Tensor``, ``F``, ``math``, ``Callable``), together with what it
      uses from the notebook: the other functions it calls (your ``cross_entropy`` inside
      ``targeted_attack``), simple constants, and modules under their names
      (``import numpy as np``). That folder is checked like a submission, then removed.
      Several functions may be given at once: ``check(mae, mse)``.
    - ``all=True``: every failed check with its own input, as ``check NAME --all``.
    - ``lang="zh"`` or ``"en"``: the language of this check's feedback (else
      ``COURSE_LANG``, else the locale, else Chinese), as ``--lang``.

    In Jupyter the result is HTML (a badge per function, the counterexample as a block
    to copy, a link to the lecture's section); elsewhere it is the terminal's text.
    """
    from grader import i18n

    with _speaking(i18n.chosen(lang)):
        return _check(targets, submission, all)


@contextlib.contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` for one ``check()``: a notebook's next cell speaks as before."""
    from grader import i18n

    before, variable = i18n.language(), _os.environ.get("COURSE_LANG")
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)
        if variable is None:
            _os.environ.pop("COURSE_LANG", None)
        else:
            _os.environ["COURSE_LANG"] = variable


def _check(targets: tuple[str | Callable[..., Any], ...], submission: str | Path | None, every: bool) -> bool:
    from grader import session
    from grader.i18n import _
    from grader.paths import DEFAULT_SUBMISSION, UsageError, exercises, submission_folder

    functions = [t for t in targets if callable(t) and not isinstance(t, str)]
    names = [t for t in targets if isinstance(t, str)]
    notebook = _in_notebook()
    temporary = None
    try:
        if functions:
            if names or len(functions) != len(targets):
                raise UsageError(_("give check() either names (\"mse\") or functions (mse), not both"))
            temporary, chosen = _write_functions(functions)
            folder = Path(temporary.name)
        else:
            folder = submission_folder(Path(submission) if submission else DEFAULT_SUBMISSION)
            chosen = exercises(names)
    except UsageError as error:
        _say_error(str(error), notebook)
        return False
    try:
        from grader.terminal import CheckReport, HtmlReport

        report = HtmlReport(every) if notebook else CheckReport(every=every)
        # A notebook's own functions live in a temporary folder: nothing to remember.
        results = session.grade(folder, chosen, on_result=report.show, remember=temporary is None)
        report.total(results)
        return all(r.passed for r in results)
    finally:
        if temporary is not None:
            temporary.cleanup()


def _in_notebook() -> bool:
    """Whether we run in a Jupyter kernel (which shows HTML), not a terminal."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _say_error(message: str, notebook: bool) -> None:
    if notebook:
        import html

        from IPython.display import HTML, display

        display(HTML(f'<div style="color:#cf222e">check(): {html.escape(message)}</div>'))
    else:
        print(f"check(): {message}")


def _write_functions(functions: list[Callable[..., Any]]):
    """A temporary submission folder holding these functions' sources (see ``check``)."""
    import tempfile

    from grader import course
    from grader.i18n import _
    from grader.paths import UsageError

    by_module: dict[str, list[Callable[..., Any]]] = {}
    exercises = []
    for function in functions:
        name = getattr(function, "__name__", "")
        exercise = course.BY_NAME.get(name)
        if exercise is None:
            known = ", ".join(course.BY_NAME)
            raise UsageError(_("check() was given a function named {name}: name it after an exercise "
                               "({exercises})").format(name=repr(name or type(function).__name__), exercises=known))
        by_module.setdefault(exercise.module, []).append(function)
        if exercise not in exercises:
            exercises.append(exercise)
    folder = tempfile.TemporaryDirectory(prefix="grader-notebook-")
    for module, chosen in by_module.items():
        source = NOTEBOOK_HEADER + "\n\n" + "\n\n".join(_sources(chosen)) + "\n"
        (Path(folder.name) / f"{module}.py").write_text(source, encoding="utf-8")
    order = {e: i for i, e in enumerate(course.EXERCISES)}
    return folder, sorted(exercises, key=order.get)


def _sources(functions: list[Callable[..., Any]]) -> list[str]:
    """The source of each function, after what it needs from the notebook."""
    import inspect
    import textwrap
    import types

    from grader.i18n import _
    from grader.paths import UsageError

    header_names = {"annotations", "math", "Callable", "torch", "F", "Tensor"}
    written: dict[str, str] = {}  # name -> source, in the order they must appear
    seen: set[int] = set()

    def code_names(code: types.CodeType) -> set[str]:
        found = set(code.co_names)
        for constant in code.co_consts:
            if isinstance(constant, types.CodeType):
                found |= code_names(constant)
        return found

    def add(function: Callable[..., Any]) -> None:
        if id(function) in seen:
            return
        seen.add(id(function))
        try:
            source = textwrap.dedent(inspect.getsource(function))
        except (OSError, TypeError):
            raise UsageError(_("the source of {name} cannot be found: define it with def in a cell (not a "
                               "lambda), run the cell, then check it").format(
                name=repr(getattr(function, "__name__", function)))) from None
        namespace = getattr(function, "__globals__", {})
        for used in sorted(code_names(function.__code__)) if hasattr(function, "__code__") else []:
            if used in written or used in header_names or used not in namespace:
                continue
            value = namespace[used]
            if isinstance(value, types.FunctionType) and value.__module__ == function.__module__:
                add(value)
            elif isinstance(value, types.ModuleType):
                written[used] = f"import {value.__name__} as {used}"
            elif type(value) in (int, float, bool, str) or (
                    isinstance(value, tuple) and all(type(v) in (int, float, bool, str) for v in value)):
                written[used] = f"{used} = {value!r}"
        written[function.__name__] = source.rstrip()

    for function in functions:
        add(function)
    return list(written.values())
