"""The static check for ways around the banned-call guards (grader.source_check)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader import course
from grader.source_check import findings

ROOT = Path(__file__).resolve().parent.parent
ACCEPTED_MUTANTS = sorted((ROOT / "tests" / "mutants").rglob("*__ok_*.py"))


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_the_references_and_the_stubs_have_no_finding(folder: str) -> None:
    for exercise in course.EXERCISES:
        source = (ROOT / folder / f"{exercise.module}.py").read_bytes()
        assert findings(source, exercise.name) == [], exercise.name


@pytest.mark.parametrize("path", ACCEPTED_MUTANTS, ids=lambda p: p.stem)
def test_accepted_variants_have_no_finding(path: Path) -> None:
    assert findings(path.read_bytes(), path.stem.split("__")[0]) == []


@pytest.mark.parametrize(
    ("body", "construct"),
    [
        ("with torch._C.DisableTorchFunction():\n        return F.mse_loss(a, b)", "torch._C"),
        ("return F.mse_loss.__wrapped__(a, b)", "F.mse_loss.__wrapped__"),
        ("return getattr(F.mse_loss, '__wrapped__')(a, b)", "'__wrapped__'"),
        ("import grader.worker\n    grader.worker._active.clear()", "import grader.worker"),
        ("from grader import worker", "from grader import worker"),
        ("name = 'mse' + '_loss'\n    return getattr(F, name)(a, b)", "getattr(F, name)"),
        ("get = getattr\n    return get(F, 'mse_loss')(a, b)", "getattr"),
        ("return eval('F.mse_loss')(a, b)", "eval"),
        ("import sys\n    return sys.modules['torch'].nn.functional.mse_loss(a, b)", "sys.modules"),
        ("import gc\n    return gc.get_objects()", "import gc"),
        ("import importlib\n    return importlib.import_module('grader.worker')", "import importlib"),
        ("return F.__dict__['mse_loss'](a, b)", "F.__dict__"),
        ("import runpy\n    return runpy.run_module('torch.utils.data')", "import runpy"),
        ("import pickle\n    return pickle.loads(b'')", "import pickle"),
    ],
)
def test_each_way_around_the_guards_is_found_with_its_line(body: str, construct: str, speak) -> None:
    source = f"import torch\nimport torch.nn.functional as F\n\n\ndef mse(a, b):\n    {body}\n"
    line = next(number for number, text in enumerate(source.splitlines(), 1)
                if construct.strip("'") in text and number > 5)
    found = findings(source, "mse")
    assert found and found[0].construct == construct and found[0].line == line, found
    speak("en")
    assert found[0].sentence("mse").startswith(f"banned call: mse uses `{construct}` (line {line}), which ")


def test_a_finding_is_said_in_the_language_spoken(speak) -> None:
    """The reason is a sentence of the catalog, translated when the finding is said
    (the finding itself is data: line, construct, reason)."""
    [finding] = findings("import torch\n\ndef mse(a, b):\n    return eval('a')\n", "mse")
    speak("zh")
    chinese = finding.sentence("mse")
    assert chinese.startswith("禁止的调用：mse 使用了 `eval`（第 4 行），它会运行在运行时构造的代码")
    assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}", chinese)  # no English sentence left
    speak("en")
    assert finding.sentence("mse") == ("banned call: mse uses `eval` (line 4), which runs code built at run "
                                       "time; this function scores 0 until its code no longer does")


def test_a_finding_counts_where_the_function_reaches_it() -> None:
    """In a helper the function calls, or at the top level (which runs before any
    function): found; in another function it never calls: not its finding."""
    source = (
        "import torch\n\n"
        "def _helper(a):\n    return a.__wrapped__\n\n"
        "def other(a):\n    return eval('a')\n\n"
        "def mse(a, b):\n    return _helper(a)\n\n"
        "def mae(a, b):\n    return (a - b).abs().mean()\n"
    )
    assert [f.line for f in findings(source, "mse")] == [4]
    assert findings(source, "mae") == []
    assert [f.line for f in findings(source + "import ctypes\n", "mae")] == [14]


def test_a_file_that_does_not_parse_has_no_finding() -> None:
    assert findings(b"def mse(:\n", "mse") == []


def test_a_top_level_assignment_counts_for_the_functions_that_use_it() -> None:
    """A banned function fetched under a computed name at the top of the file is the
    fault of the function that calls it, not of every function of the file; a top-level
    statement that is not an assignment (an import, a call) runs for all of them."""
    source = (
        "import torch\n"
        "_hs = getattr(torch.nn.functional, 'hard' + 'sigmoid')\n"
        "def hard_sigmoid(x, c=1.0, b=0.0, w=1.0):\n    return c * _hs(w * x + b)\n"
        "def mse(pred, target):\n    return ((pred - target) ** 2).mean()\n"
    )
    assert findings(source, "hard_sigmoid") and not findings(source, "mse")
    everyone = "import ctypes\n" + source
    assert findings(everyone, "mse")
    guards_off = source + "_off = torch._C.DisableTorchFunction().__enter__()\n"
    assert findings(guards_off, "mse")  # it runs at import, whoever uses the name
