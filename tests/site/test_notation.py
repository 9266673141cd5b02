"""One notation: a lecture page, its notebook, the docstrings of its exercises and the
exercise contract name the same things with the same symbols.

The cross entropy e(·,·) takes the model's output first and the class second
everywhere: the notes' e(y, ŷ) (there y = f(x) is the output), the code side's
e(model(x), y) (there y is the class), and cross_entropy(logits, target).
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
LECTURES = ["l01_regression", "l02_guidance", "l03_critical_points", "l04_batch_momentum",
            "l05_adaptive_lr", "l23_adversarial"]


def contract_path() -> Path | None:
    """The course's shared spec folder: $COURSE_SPEC_DIR, or ../shared/spec beside the repository."""
    folders = [os.environ.get("COURSE_SPEC_DIR"), ROOT.parent / "shared" / "spec"]
    for folder in folders:
        if folder and (Path(folder) / "EXERCISES.md").is_file():
            return Path(folder) / "EXERCISES.md"
    return None


# ---------------------------------------------------------------------------
# Where students read
# ---------------------------------------------------------------------------


def page_text(module: str) -> str:
    """The lecture page's Markdown and its notebook's Markdown cells."""
    text = (ROOT / "docs" / f"{module}.md").read_text(encoding="utf-8")
    prefix = module.split("_")[0]
    for path in (ROOT / "docs" / "notebooks").glob(f"{prefix}_*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        text += "\n" + "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return text


def docstrings(module: str, folder: str) -> str:
    tree = ast.parse((ROOT / folder / f"{module}.py").read_text(encoding="utf-8"))
    found = [ast.get_docstring(tree) or ""]
    found += [ast.get_docstring(node) or "" for node in ast.walk(tree)
              if isinstance(node, ast.FunctionDef)]
    return "\n".join(found)


def contract_section(module: str) -> str:
    path = contract_path()
    if path is None:
        pytest.skip("the exercise contract (shared spec folder) is not beside this repository; "
                    "set COURSE_SPEC_DIR to check it")
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## [^\n]*`{module}\.py`\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no section for {module}.py in {path}"
    return match.group(1)


SOURCES = {
    "page": page_text,
    "solution docstrings": lambda m: docstrings(m, "solutions"),
    "stub docstrings": lambda m: docstrings(m, "exercises"),
    "contract": contract_section,
}


# ---------------------------------------------------------------------------
# e(·,·): output first, class second
# ---------------------------------------------------------------------------

E_CALL = re.compile(r"(?<![\w\\])e(?:\\big)?\(")


def e_calls(text: str) -> list[tuple[str, str, str]]:
    """Every ``e(a, b)`` of a text, as (a, b, the call as written)."""
    calls = []
    for match in E_CALL.finditer(text):
        depth, args, current, i = 1, [], "", match.end()
        while i < len(text) and depth:
            if text.startswith(r"\big(", i) or text.startswith(r"\big)", i):
                i += 4  # \big( and \big) are parentheses too
                continue
            ch = text[i]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
            if depth == 1 and ch == ",":
                args.append(current)
                current = ""
            elif depth:
                current += ch
            i += 1
        args.append(current)
        if len(args) == 2 and not {normal(a) for a in args} <= {r"\cdot", "·"}:  # e(·,·) names it
            calls.append((args[0], args[1], text[match.start():i]))
    return calls


def normal(arg: str) -> str:
    """An argument without TeX spacing, braces, \\texttt and escapes: \\hat{y} -> \\haty."""
    arg = arg.replace(r"\texttt", "").replace(r"\text", "").replace(r"\_", "_")
    arg = re.sub(r"\\[,;! ]|\s|[{}]", "", arg)
    return arg


OUTPUT = re.compile(r"^(y|f\(x.*\)|model\(x.*\)|logits)$")  # y only in the notes' math
MATH_CLASS = re.compile(r"^(\\haty|ŷ|y\^target)$")
CODE_CLASS = re.compile(r"^(y|y_target|target)$")


def wrong_order(first: str, second: str) -> str | None:
    a, b = normal(first), normal(second)
    if not OUTPUT.match(a):
        return f"the first argument {first.strip()!r} is not the model's output"
    if a == "y":  # the notes' notation: y = f(x), the class is ŷ or y^target
        return None if MATH_CLASS.match(b) else f"e(y, {second.strip()}) mixes the notes' y with the code's"
    if not (MATH_CLASS.match(b) or CODE_CLASS.match(b)):
        return f"the second argument {second.strip()!r} is not a class"
    return None


@pytest.mark.parametrize("source", list(SOURCES))
def test_cross_entropy_takes_the_output_first(source):
    calls = e_calls(SOURCES[source]("l23_adversarial"))
    assert len(calls) >= 3, f"{source}: found only {calls}: is the extraction broken?"
    problems = [f"{written}: {why}" for first, second, written in calls
                if (why := wrong_order(first, second))]
    assert not problems, f"{source} of Lecture 23:\n" + "\n".join(problems)


@pytest.mark.parametrize("module", [m for m in LECTURES if m != "l23_adversarial"])
def test_cross_entropy_elsewhere_takes_the_output_first(module):
    for source in ("page", "solution docstrings"):
        for first, second, written in e_calls(SOURCES[source](module)):
            assert wrong_order(first, second) is None, f"{module} {source}: {written}"


@pytest.mark.parametrize("call, ok", [
    (r"e(y, \hat{y})", True),
    (r"e(y, y^{\text{target}})", True),
    (r"e\big(\texttt{model}(x),\ \texttt{y\_target}\big)", True),
    ("e(model(xᵗ), y)", True),
    ("e(logits, target)", True),
    (r"e\big(\texttt{y},\ f(x)\big)", False),  # the label first
    (r"e(y^{\text{target}}, f(x))", False),
    ("e(y, model(x))", False),
    ("e(y, y_target)", False),  # code's y is a class: two classes
])
def test_the_order_check_itself(call, ok):
    [(first, second, _)] = e_calls(call)
    assert (wrong_order(first, second) is None) == ok


# ---------------------------------------------------------------------------
# The other symbols a page and its docstrings share
# ---------------------------------------------------------------------------

# (lecture, source, what must be written, what must not be)
SYMBOLS = [
    # Lecture 1: the model's constant is b0 (b_0 on the page), the ramp's slope c*w/6.
    ("l01_regression", "page", [r"y = b_0 + \sum_i c_i", r"y = b_0 + \sum_{i=1}^{m}", "cw/6"],
     [r"y = b + \sum_i c_i"]),
    ("l01_regression", "solution docstrings", ["b0 + sum_i c_i", "c*w/6"], []),
    ("l01_regression", "contract", ["y = b0 + sum_i c_i"], []),
    # Lecture 2: k folds, fold i; N is the number of samples.
    ("l02_guidance", "page", [r"\frac{1}{k} \sum_{i=1}^{k}", "kfold(n, k)"], [r"\sum_{k=1}^{N}"]),
    ("l02_guidance", "solution docstrings", ["k-fold", "k: number of folds", "fold ``i``"],
     ["N-fold"]),
    ("l02_guidance", "contract", ["`k` pairs", "fold `i`"], []),
    # Lecture 3: v is the step theta - theta', u the eigenvector that leads out.
    ("l03_critical_points", "page", [r"记 $v = \theta - \theta'$", "设 $u$ 是 $H$ 的特征向量"], []),
    ("l03_critical_points", "solution docstrings", ["Hu = λ_min u", "θ - θ'"], ["Hv = λ_min v"]),
    # Lecture 4: eta, lambda, m as in the notes.
    ("l04_batch_momentum", "page", [r"m^{i+1} &= \lambda m^i - \eta g^i"], []),
    ("l04_batch_momentum", "solution docstrings", ["mⁱ⁺¹ = λ mⁱ − η gⁱ", "lr: learning rate η",
                                                   "lam: momentum factor λ"], []),
    ("l04_batch_momentum", "contract", ["m_next = lam*m - lr*grad"], []),
    # Lecture 5: sigma is the root mean square; Adam's v is a mean of squares, not sigma^4.
    ("l05_adaptive_lr", "page", [r"\sigma_i^t = \sqrt{\frac{1}{t+1} \sum_{j=0}^{t}"], []),
    ("l05_adaptive_lr", "solution docstrings", ["σ = sqrt(sq_sum_next / (t+1))"],
     ["σ², squared"]),
    ("l05_adaptive_lr", "contract", ["σ = sqrt(sq_sum_next / (t+1))"], []),
]


@pytest.mark.parametrize("module, source, present, absent", SYMBOLS,
                         ids=[f"{m}-{s}" for m, s, _, _ in SYMBOLS])
def test_symbols_agree(module, source, present, absent):
    text = SOURCES[source](module)
    missing = [p for p in present if p not in text]
    found = [a for a in absent if a in text]
    assert not missing and not found, f"{module} {source}: missing {missing}, should not say {found}"

