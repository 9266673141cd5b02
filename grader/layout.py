"""What a submission holds, read without running it (``ast`` only).

One-sentence messages for what the grader expected to find and did not: a
renamed file, a function that is missing, nested, moved to another file or
renamed, a signature that differs from the handout's (``grader.runner`` uses
them); and whether a function is still the stub (``progress`` and ``watch``).
"""

from __future__ import annotations

import ast
import difflib
import errno
import functools
import os
import stat
from pathlib import Path
from typing import Any

from grader import course
from grader.i18n import _

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
MAX_SOURCE_BYTES = 2_000_000  # a course file is a few kilobytes: anything larger is refused
MAX_FILES_SCANNED = 50


class SubmittedFileProblem(Exception):
    """A submitted file the grader will not read; ``sentence`` says why, to the student."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


def read_submitted(path: Path) -> bytes:
    """The bytes of a submitted file, read by the grader itself: only a regular file of
    the submission's own (a symbolic link may point at the reference solutions, at a
    classmate's work or at a file the student may not read), and at most
    ``MAX_SOURCE_BYTES``. Raises SubmittedFileProblem with a one-sentence reason."""
    name = path.name
    try:
        # O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: a FIFO does not block the open.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SubmittedFileProblem(_("{file} is a symbolic link: submit the file itself, not a link to it")
                                       .format(file=name)) from None
        raise SubmittedFileProblem(_unreadable(name, error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SubmittedFileProblem(_("{file} is not a regular file: submit an ordinary Python file")
                                       .format(file=name))
        if info.st_size > MAX_SOURCE_BYTES:
            raise SubmittedFileProblem(_too_large(name))
        data = os.read(fd, MAX_SOURCE_BYTES + 1)
        while len(data) <= MAX_SOURCE_BYTES:
            more = os.read(fd, MAX_SOURCE_BYTES + 1 - len(data))
            if not more:
                break
            data += more
        if len(data) > MAX_SOURCE_BYTES:
            raise SubmittedFileProblem(_too_large(name))
        return data
    except OSError as error:
        raise SubmittedFileProblem(_unreadable(name, error)) from None
    finally:
        os.close(fd)


def _unreadable(name: str, error: OSError) -> str:
    return _("{file} could not be read ({why})").format(file=name, why=error.strerror)


def _too_large(name: str) -> str:
    return _("{file} is larger than {size} MB: a course file is a few kilobytes of Python").format(
        file=name, size=MAX_SOURCE_BYTES // 1_000_000)


POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD = range(5)
Parameter = tuple[str, int, bool]  # name, kind (as inspect.Parameter.kind), has a default


def _source(path: Path) -> str | None:
    try:
        return read_submitted(path).decode("utf-8", "replace")
    except SubmittedFileProblem:
        return None


def parse(path: Path) -> ast.Module | None:
    """The syntax tree of a file, or None if it cannot be read or parsed."""
    source = _source(path)
    if source is None:
        return None
    try:
        return ast.parse(source, filename=str(path))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _top_level_functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def _bound_at_top_level(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level (def, class, assignment, import)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif not isinstance(node, ast.Expr):
            return names | {"*"}  # an if/try/for at the top level: anything may be bound
    return names


def _block(node: ast.AST) -> str:
    """Where a definition sits, as a phrase that completes "it is defined ..."."""
    if isinstance(node, ast.ClassDef):
        return _("inside {code}").format(code=f"`class {node.name}`")
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return _("inside {code}").format(code=f"`def {node.name}`")
    if isinstance(node, ast.If):
        test = ast.unparse(node.test)
        return _("under {code}").format(code=f"`if {test[:40]}{'…' if len(test) > 40 else ''}:`")
    if isinstance(node, ast.For | ast.While | ast.AsyncFor):
        return _("inside a loop")
    if isinstance(node, ast.Try):
        return _("inside a `try:` block")
    if isinstance(node, ast.With | ast.AsyncWith):
        return _("inside a `with` block")
    return _("inside another block")


def _nested_definition(tree: ast.Module, name: str) -> str | None:
    """Where ``def name`` sits when it is not at the top level of the module."""
    stack: list[tuple[ast.AST, str | None]] = [(node, None) for node in tree.body]
    while stack:
        node, where = stack.pop(0)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name and where:
            return where
        inner = _block(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                stack.append((child, where or inner))
    return None


def _defined_elsewhere(folder: Path, name: str, skip: str) -> str | None:
    """The first other ``.py`` file of the folder that defines ``name`` at its top level."""
    try:
        files = sorted(p for p in folder.glob("*.py") if p.name != skip and p.is_file())
    except OSError:
        return None
    for path in files[:MAX_FILES_SCANNED]:
        tree = parse(path)
        if tree is not None and name in _top_level_functions(tree):
            return path.name
    return None


def _close_name(wanted: str, candidates: list[str]) -> str | None:
    """The candidate that is most likely ``wanted`` renamed."""
    lower = wanted.lower()
    for candidate in candidates:
        if candidate.lower() == lower:
            return candidate
    containing = [c for c in candidates if lower in c.lower() or (len(c) > 2 and c.lower() in lower)]
    if containing:
        return min(containing, key=lambda c: abs(len(c) - len(wanted)))
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


@functools.cache
def handout_parameters(exercise: course.Exercise) -> tuple[Parameter, ...]:
    """The handout's parameters of an exercise, read from its reference solution's source
    (in the student edition, from the recorded references)."""
    path = SOLUTIONS / f"{exercise.module}.py"
    if not path.is_file():
        from grader import recorded

        if recorded.available():
            return recorded.handout_parameters(exercise.name)
    tree = parse(path)
    function = _top_level_functions(tree)[exercise.name] if tree else None
    if function is None:
        return ()
    args = function.args
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    found: list[Parameter] = []
    for index, arg in enumerate(positional):
        kind = POSITIONAL_ONLY if index < len(args.posonlyargs) else POSITIONAL_OR_KEYWORD
        found.append((arg.arg, kind, index >= first_default))
    if args.vararg:
        found.append((args.vararg.arg, VAR_POSITIONAL, False))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        found.append((arg.arg, KEYWORD_ONLY, default is not None))
    if args.kwarg:
        found.append((args.kwarg.arg, VAR_KEYWORD, False))
    return tuple(found)


def render_signature(name: str, parameters: tuple[Parameter, ...] | list[Parameter]) -> str:
    """``name(a, b, *, c=…)`` — the parameters as a student wrote or should write them."""
    parts: list[str] = []
    star_done = False
    for index, (pname, kind, default) in enumerate(parameters):
        if kind == POSITIONAL_ONLY and (index + 1 == len(parameters) or parameters[index + 1][1] != POSITIONAL_ONLY):
            parts.append(f"{pname}{'=…' if default else ''}")
            parts.append("/")
            continue
        if kind == KEYWORD_ONLY and not star_done:
            parts.append("*")
        if kind in (VAR_POSITIONAL, KEYWORD_ONLY):
            star_done = True
        prefix = {VAR_POSITIONAL: "*", VAR_KEYWORD: "**"}.get(kind, "")
        parts.append(f"{prefix}{pname}{'=…' if default else ''}")
    return f"{name}({', '.join(parts)})"


def student_parameters(loaded: Any, name: str) -> list[Parameter] | None:
    """The parameters the worker says ``name`` has, checked to be plain data; None if
    the worker sent none or anything else."""
    table = loaded.get("parameters") if type(loaded) is dict else None
    raw = table.get(name) if type(table) is dict else None
    if type(raw) is not list or len(raw) > 200:
        return None
    found: list[Parameter] = []
    for item in raw:
        if type(item) is not list or len(item) != 3:
            return None
        pname, kind, default = item
        if type(pname) is not str or type(kind) is not int or type(default) is not bool or not 0 <= kind <= 4:
            return None
        found.append((pname[:100], kind, default))
    return found


def _compatible(student: list[Parameter], handout: tuple[Parameter, ...]) -> bool:
    """Whether every call the handout allows works the same way on the student's function."""
    named = [p for p in student if p[1] not in (VAR_POSITIONAL, VAR_KEYWORD)]
    takes_any_keyword = any(kind == VAR_KEYWORD for _, kind, _ in student)
    handout_named = [p for p in handout if p[1] not in (VAR_POSITIONAL, VAR_KEYWORD)]
    for index, (name, kind, default) in enumerate(handout_named):
        if index >= len(named):
            if not takes_any_keyword:
                return False
            continue
        their_name, their_kind, their_default = named[index]
        if their_name != name or (default and not their_default):
            return False
        if kind in (POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD) and their_kind == KEYWORD_ONLY:
            return False
        if kind in (POSITIONAL_OR_KEYWORD, KEYWORD_ONLY) and their_kind == POSITIONAL_ONLY:
            return False
    return all(default for _, _, default in named[len(handout_named):])


def signature_problem(exercise: course.Exercise, parameters: list[Parameter] | None) -> str | None:
    """One sentence if the student's signature breaks the handout's, else None."""
    handout = handout_parameters(exercise)
    if parameters is None or not handout or _compatible(parameters, handout):
        return None
    return _("{written} does not match the handout's {handout}: keep the stub's parameter names, order "
             "and defaults, since the grader calls {function} with them").format(
        written=render_signature(exercise.name, parameters), handout=render_signature(exercise.name, handout),
        function=exercise.name)


def missing_function_problem(path: Path, exercise: course.Exercise, found: list[str]) -> str:
    """One sentence for a file that loads but lacks the exercise's function."""
    name = exercise.name
    said = dict(file=path.name, function=name, expected=f"`def {render_signature(name, handout_parameters(exercise))}`")
    tree = parse(path)
    if tree is not None:
        nested = _nested_definition(tree, name)
        if nested:
            return _("{file} has no function {function} at the top level: it is defined {where} — move "
                     "{expected} out to the top level of the file, without indentation").format(**said, where=nested)
        defined = list(_top_level_functions(tree))
    else:
        defined = list(found)
    others = {e.name for e in course.EXERCISES}
    candidates = [n for n in defined if n not in others and not n.startswith("_")]
    renamed = _close_name(name, candidates)
    if renamed:
        return _("{file} has no function {function}, but it has {renamed}: the handout expects {expected} — "
                 "rename {renamed} to {function}").format(**said, renamed=renamed)
    elsewhere = _defined_elsewhere(path.parent, name, skip=path.name)
    if elsewhere:
        return _("{file} has no function {function}, but {elsewhere} defines it: the grader only looks in "
                 "{file} — move {function} there").format(**said, elsewhere=elsewhere)
    return _("{file} has no function {function}: the grader expected {expected} at the top level of the "
             "file, as in the stub").format(**said)


def missing_file_problem(submission: Path, exercise: course.Exercise) -> str:
    """One sentence for a submission folder without the exercise's file."""
    expected = f"{exercise.module}.py"
    try:
        entries = sorted(submission.iterdir())
    except OSError:
        entries = []
    modules = {f"{module}.py" for module in course.LECTURES}
    names = [p.name for p in entries if p.is_file() and p.name not in modules and not p.name.startswith(".")]
    stem = exercise.module.lower()
    lecture = stem.split("_")[0]  # "l01"
    stems = {n: n.split(".")[0] for n in names}
    match = next((n for n in names if n.lower() == expected.lower()), None)
    if match is None:
        starting = [n for n in names if stems[n].lower().startswith(stem)]
        close = difflib.get_close_matches(stem, [stems[n].lower() for n in names], n=1, cutoff=0.8)
        prefixed = [n for n in names if stems[n].lower().startswith(lecture)]
        match = (starting[0] if starting else
                 next((n for n in names if close and stems[n].lower() == close[0]), None) or
                 (prefixed[0] if len(prefixed) == 1 else None))
    if match is not None:
        if match.endswith(".ipynb"):
            return _("expected {expected}, found {found} — save its code as {expected} (notebooks are not "
                     "graded)").format(expected=expected, found=match)
        return _("expected {expected}, found {found} — rename it to {expected}").format(expected=expected, found=match)
    for pattern in (f"*/{expected}", f"*/*/{expected}"):
        try:
            nested = sorted(p for p in submission.glob(pattern) if not any(
                part.startswith(".") for part in p.relative_to(submission).parts))
        except OSError:
            nested = []
        if nested:
            folder = nested[0].parent
            return _("expected {expected} in {submission}, found it in {folder} — run with --submission "
                     "{folder}").format(expected=expected, submission=submission, folder=folder)
    elsewhere = _defined_elsewhere(submission, exercise.name, skip=expected)
    if elsewhere:
        return _("expected {expected} in {submission}, found {function} in {elsewhere} — put it in "
                 "{expected}").format(expected=expected, submission=submission, function=exercise.name,
                                      elsewhere=elsewhere)
    return _("no file {expected} in {submission}: write {function} there").format(
        expected=expected, submission=submission, function=exercise.name)


def _is_stub(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the body is still the stub's: a docstring and ``raise NotImplementedError(...)``."""
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    raised = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"


def static_status(submission: Path, exercise: course.Exercise, trees: dict[str, Any] | None = None) -> tuple[str, str]:
    """What can be known of a function without running it:
    ("stub", ""), ("missing", message), ("syntax", message) or ("written", "")."""
    trees = {} if trees is None else trees
    path = submission / f"{exercise.module}.py"
    if not path.is_file():
        return "missing", missing_file_problem(submission, exercise)
    if exercise.module not in trees:
        source = _source(path)
        try:
            trees[exercise.module] = ast.parse(source or "", filename=path.name)
        except SyntaxError as error:
            trees[exercise.module] = _("{file} line {line}: {error}").format(file=path.name, line=error.lineno,
                                                                              error=error.msg)
        except (ValueError, RecursionError, MemoryError) as error:
            trees[exercise.module] = _("{file} could not be parsed: {error}").format(file=path.name,
                                                                                   error=type(error).__name__)
    tree = trees[exercise.module]
    if isinstance(tree, str):
        return "syntax", tree
    function = _top_level_functions(tree).get(exercise.name)
    if function is not None and _is_stub(function):
        return "stub", ""
    return "written", ""
