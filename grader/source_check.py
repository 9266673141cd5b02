"""Reading a submission's source for ways around the banned-call guards (``ast`` only).

The worker's tripwires (``grader.worker``) run in the student's own process, so
code there could switch them off: ``torch._C.DisableTorchFunction()`` with a
banned function's ``__wrapped__``, clearing the worker's list of active
tripwires, or reaching a function under a name computed at run time. This check
reads the source instead, where the submission cannot reach, and finds the
constructs no honest solution of the course needs.

``findings(source, function)`` looks at what ``function`` runs: its own body,
the module-level functions, classes and assigned names it uses (and those they
use), and the module's other top-level statements (they run before any function).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from grader.i18n import N_, _


@dataclass(frozen=True)
class Finding:
    """One construct that could get around the banned-call guards."""

    line: int
    construct: str  # as written in the source, shortened
    reason: str  # why it is refused, completing "which ...": an English msgid, translated when shown

    def sentence(self, function: str) -> str:
        """The finding as the student reads it, in the language being spoken."""
        return _("banned call: {function} uses {construct} (line {line}), which {reason}; this function "
                 "scores 0 until its code no longer does").format(
            function=function, construct=f"`{self.construct}`", line=self.line, reason=_(self.reason))


# Modules that reach into the interpreter, or into the grader running the submission.
MODULES = {
    "grader": N_("is the grader itself"),
    "ctypes": N_("reaches the interpreter's memory"),
    "_ctypes": N_("reaches the interpreter's memory"),
    "cffi": N_("reaches the interpreter's memory"),
    "gc": N_("finds the grader's objects in memory"),
    "inspect": N_("reaches the grader's frames and objects"),
    "importlib": N_("imports modules by names computed at run time"),
    "builtins": N_("reaches the builtins by names computed at run time"),
    "operator": N_("reaches attributes by names computed at run time"),
    # Running modules afresh (a banned class without its guard) or code from text or bytes.
    "runpy": N_("runs modules afresh, without the grader's guards"),
    "pkgutil": N_("imports modules by names computed at run time"),
    "zipimport": N_("imports modules by names computed at run time"),
    "code": N_("runs code built at run time"),
    "codeop": N_("builds code at run time"),
    "timeit": N_("runs code built at run time"),
    "pdb": N_("runs code built at run time"),
    "doctest": N_("runs code built at run time"),
    "pickle": N_("runs code built at run time (a pickle may call anything)"),
    "marshal": N_("builds code at run time"),
    "types": N_("builds functions and code at run time"),
}
# Attributes (and strings naming them) that lead past a guard.
ATTRIBUTES = {
    "_C": N_("reaches torch's internals beneath the guards"),
    "__wrapped__": N_("reaches the original of a function the grader guards"),
    "overrides": N_("switches torch's function handling, which the guards rely on"),
    "DisableTorchFunction": N_("switches off torch's function handling, which the guards rely on"),
    "DisableTorchFunctionSubclass": N_("switches off torch's function handling, which the guards rely on"),
    "TorchFunctionMode": N_("switches torch's function handling, which the guards rely on"),
    "_python_dispatch": N_("switches torch's dispatch, which the guards rely on"),
    "modules": N_("reaches loaded modules by name, the grader's among them"),
    "_getframe": N_("reaches the grader's frames"),
    "settrace": N_("reaches the grader's frames"),
    "setprofile": N_("reaches the grader's frames"),
    "__globals__": N_("reaches another module's variables"),
    "__closure__": N_("reaches the variables a guard keeps"),
    "cell_contents": N_("reaches the variables a guard keeps"),
    "__code__": N_("rewrites a function's code"),
    "__builtins__": N_("reaches the builtins by names computed at run time"),
    "__subclasses__": N_("reaches every class loaded, the grader's among them"),
    "__dict__": N_("reaches attributes by names computed at run time"),
    "f_globals": N_("reaches the grader's frames"),
    "f_locals": N_("reaches the grader's frames"),
    "f_back": N_("reaches the grader's frames"),
    "tb_frame": N_("reaches the grader's frames"),
    "gi_frame": N_("reaches the grader's frames"),
}
# Builtins that run or reach code by names computed at run time.
BUILTINS = {
    "eval": N_("runs code built at run time"),
    "exec": N_("runs code built at run time"),
    "compile": N_("builds code at run time"),
    "__import__": N_("imports modules by names computed at run time"),
    "globals": N_("reaches variables by names computed at run time"),
    "vars": N_("reaches attributes by names computed at run time"),
    "locals": N_("reaches variables by names computed at run time"),
    "breakpoint": N_("stops the grader"),
}
# Builtins that are fine with a literal attribute name (which the tripwires see),
# and refused with a computed one.
BY_NAME = {"getattr", "setattr", "delattr", "hasattr"}
COMPUTED_NAME = N_("names an attribute computed at run time, which could be a function the handout bans")
MAX_CONSTRUCT = 60


def _text(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError):
        text = type(node).__name__
    text = " ".join(text.split())
    return text if len(text) <= MAX_CONSTRUCT else text[: MAX_CONSTRUCT - 1] + "…"


def _module_findings(name: str, node: ast.AST) -> list[Finding]:
    top = name.split(".")[0]
    if top in MODULES:
        return [Finding(node.lineno, _text(node), MODULES[top])]
    if name.startswith("torch._C") or name in ("torch.overrides", "torch.utils._python_dispatch"):
        return [Finding(node.lineno, _text(node), ATTRIBUTES["_C"])]
    return []


def _node_findings(node: ast.AST, called: set[int]) -> list[Finding]:
    """What one node of the tree shows (``called``: ids of the nodes called directly)."""
    if isinstance(node, ast.Import):
        return [f for alias in node.names for f in _module_findings(alias.name, node)]
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        found = _module_findings(module, node) if node.level == 0 else []
        found += [Finding(node.lineno, _text(node), ATTRIBUTES[a.name]) for a in node.names if a.name in ATTRIBUTES]
        return found
    if isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
        if node.attr != "modules" or isinstance(node.value, ast.Name) and node.value.id == "sys":
            return [Finding(node.lineno, _text(node), ATTRIBUTES[node.attr])]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ATTRIBUTES \
            and node.value not in ("modules", "overrides"):
        return [Finding(node.lineno, repr(node.value), ATTRIBUTES[node.value])]
    if isinstance(node, ast.Name) and node.id in BUILTINS:
        return [Finding(node.lineno, _text(node), BUILTINS[node.id])]
    if isinstance(node, ast.Name) and node.id in BY_NAME and id(node) not in called:
        return [Finding(node.lineno, node.id, BUILTINS["vars"])]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BY_NAME:
        name = node.args[1] if len(node.args) > 1 else None
        if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
            return [Finding(node.lineno, _text(node), COMPUTED_NAME)]
    return []


def _assigned_names(node: ast.stmt) -> list[str]:
    """The names a top-level assignment binds, if it only binds a value: plain names, and
    a value that calls nothing but ``getattr`` (any other call, ``DisableTorchFunction()
    .__enter__()`` say, could change what every function runs, and counts for all)."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    else:
        return []
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    if node.value is None or not all(isinstance(c.func, ast.Name) and c.func.id == "getattr" for c in calls):
        return []
    if all(isinstance(t, ast.Name) for t in targets):
        return [t.id for t in targets]
    return []


def _runs(tree: ast.Module, function: str) -> list[ast.AST]:
    """The parts of the module that ``function`` runs: the top-level statements, the
    function itself, and the top-level functions, classes and assigned names it uses,
    transitively. A top-level assignment counts for the functions that use its name
    only (``_hs = getattr(F, "hard" + "sigmoid")`` is hard_sigmoid's, not mse's);
    every other top-level statement runs before any function and counts for all."""
    definitions: dict[str, ast.AST] = {}
    parts: list[ast.AST] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            definitions[node.name] = node
        elif _assigned_names(node):
            for name in _assigned_names(node):
                definitions.setdefault(name, node)
        else:
            parts.append(node)
    todo = [function] + [n.id for part in parts for n in ast.walk(part) if isinstance(n, ast.Name)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in definitions:
            continue
        seen.add(name)
        if definitions[name] not in parts:
            parts.append(definitions[name])
        todo.extend(n.id for n in ast.walk(definitions[name]) if isinstance(n, ast.Name))
    return parts


def findings(source: str | bytes, function: str) -> list[Finding]:
    """Constructs in what ``function`` runs that could get around the banned-call
    guards, by line. Nothing for a file that does not parse (the worker says why)."""
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    found: list[Finding] = []
    for part in _runs(tree, function):
        nodes = list(ast.walk(part))
        called = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
        for node in nodes:
            found.extend(_node_findings(node, called))
    return sorted(set(found), key=lambda f: (f.line, f.construct))
