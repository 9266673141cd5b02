"""Reproduction scripts: ``python -m grader repro NAME`` writes ``repro_NAME.py``.

The script is plain Python a student reads and runs from any folder: it imports the
function from the student's file by its path, rebuilds the failing input of the
failure ``check`` shows (``ExerciseVerdict.lead``), calls the function, prints
expected against received, and exits 1 while the failure reproduces, 0 once the
function gives the expected result. What the call should have done comes from the
check's ``Expectation``; a failure without one (a property over several calls, a
success rate, a crash) is decided by running that check of the grader again
(``check_again``).

The scripts import the small helpers below (``show``, ``same_values``,
``difference``, ``copies``, ``changes``, ``guarded``, ``check_again``), so that
what they do themselves stays a few obvious lines. A script is written in the
language the grader speaks (its comments, what it prints, its docstring), and
speaks it when it runs (``speak``).
"""

from __future__ import annotations

import argparse
import builtins
import signal
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch

from grader import course, i18n
from grader.feedback import describe, import_lines, largest_error, python_literal
from grader.paths import ROOT, UsageError, exercises, submission_folder
from grader.sandbox import CALL_TIMEOUT  # what the grader allows a call, in seconds
from grader.i18n import N_, _
from grader.verdict import CheckVerdict, Counterexample, Form, Role, Status

WIDTH = 88  # of the script's docstring
# What the scripts print before a value.
EXPECTED = N_("expected:")
RECEIVED = N_("received:")
UNCHANGED = N_("every argument keeps its values")
CHANGED = N_("changed in place:")


# ---- what the scripts import ------------------------------------------------------


def show(value: Any) -> str:
    """A value as the grader's feedback shows it: type, shape and dtype for a tensor,
    and its values when there are few."""
    return describe(value)


def same_values(received: Any, expected: Any, rtol: float, atol: float) -> bool:
    """``received`` is ``expected`` up to rounding, as the grader compares answers:
    plain tensors of the same shape and dtype with ``torch.isclose(rtol, atol)``
    values (NaN equal to NaN; exactly equal for integer and bool tensors), or tuples
    and lists of such tensors, element by element."""
    if isinstance(expected, tuple | list):
        return (isinstance(received, tuple | list) and len(received) == len(expected)
                and all(same_values(r, e, rtol, atol) for r, e in zip(received, expected)))
    if type(received) is not torch.Tensor or received.shape != expected.shape or received.dtype != expected.dtype:
        return False
    if expected.dtype.is_floating_point or expected.dtype.is_complex:
        return bool(torch.isclose(received.detach(), expected, rtol=rtol, atol=atol, equal_nan=True).all())
    return torch.equal(received, expected)


def difference(received: Any, expected: Any) -> str:
    """How ``received`` differs from ``expected``, in one line: its type, shape or
    dtype, else the largest error and where it is."""
    if isinstance(expected, tuple | list):
        if not isinstance(received, tuple | list) or len(received) != len(expected):
            return _("expected a {type} of {count}, received {received}").format(
                type=type(expected).__name__, count=len(expected), received=show(received))
        return _("; ").join(_("item {index}: {difference}").format(index=i, difference=difference(r, e))
                            for i, (r, e) in enumerate(zip(received, expected)))
    if type(received) is not torch.Tensor:
        return _("expected a torch.Tensor, received {received}").format(received=show(received))
    if received.shape != expected.shape:
        return _("expected shape {expected}, received shape {received}").format(
            expected=tuple(expected.shape), received=tuple(received.shape))
    if received.dtype != expected.dtype:
        return _("expected dtype {expected}, received dtype {received}").format(
            expected=expected.dtype, received=received.dtype)
    return largest_error(received.detach(), expected)


def tensors(value: Any, seen: set[int] | None = None) -> dict[str, torch.Tensor]:
    """The tensors a value holds, by where they are in it: itself (``""``), the items of
    a list, tuple or dict, a model's parameters and buffers (``"1.bias"``), and the
    variables a function captured (a loss surface's ``"H"``): what a call must leave
    unchanged."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return {}
    seen.add(id(value))
    if isinstance(value, torch.Tensor):
        return {"": value}
    if isinstance(value, torch.nn.Module):
        return dict(value.state_dict(keep_vars=True))
    if isinstance(value, tuple | list):
        value = dict(enumerate(value))
    if isinstance(value, dict):
        inner = {str(key): tensors(item, seen) for key, item in value.items()}
    else:
        code, cells = getattr(value, "__code__", None), getattr(value, "__closure__", None) or ()
        names = code.co_freevars if code is not None else ()
        inner = {name: tensors(_contents(cell), seen) for name, cell in zip(names, cells)}
    return {".".join(filter(None, (key, path))): t for key, held in inner.items() for path, t in held.items()}


def _contents(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # a variable the function captured but that was never assigned
        return None


def copies(arguments: dict[str, Any]) -> dict[str, dict[str, torch.Tensor]]:
    """A copy of every tensor each argument holds (see ``tensors``), before the call."""
    return {name: {path: t.detach().clone() for path, t in tensors(value).items()}
            for name, value in arguments.items()}


def _same_bits(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Equal to the last bit (NaN equals NaN, -0.0 differs from 0.0), as the grader checks."""
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    as_bytes = [t.detach().contiguous().reshape(-1).view(torch.uint8) for t in (a, b)]
    return torch.equal(*as_bytes)


def changes(before: dict[str, dict[str, torch.Tensor]], arguments: dict[str, Any]) -> list[str]:
    """The arguments whose tensors no longer hold the values copied in ``before``,
    each as ``name: was ..., now ...``; empty when the call left them all alone."""
    found = []
    for name, value in arguments.items():
        now = tensors(value)
        for path, was in before[name].items():
            if path not in now or not _same_bits(now[path], was):
                which = _("{name} (its tensor {path})").format(name=name, path=path) if path else name
                after = show(now[path].detach()) if path in now else _("gone")
                found.append(_("{which}: was {before}, now {after}").format(which=which, before=show(was),
                                                                            after=after))
    return found


class TookTooLong(BaseException):
    """The call ran past the grader's time limit. A BaseException, so that an
    ``except Exception`` in the student's code does not hide it."""


@contextmanager
def guarded(seconds: float = CALL_TIMEOUT) -> Iterator[None]:
    """Run the block as the grader runs a call: stop it with ``TookTooLong`` after
    ``seconds`` (an endless loop), and make a ``sys.exit`` inside it an error rather
    than this script's exit status."""

    def give_up(signum: int, frame: Any) -> None:
        raise TookTooLong(_("the call did not return within {seconds} s, the grader's limit (an endless loop?)")
                          .format(seconds=f"{seconds:g}"))

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except SystemExit as exit_:
        raise RuntimeError(_("your code called {call}; a function should return").format(
            call=f"sys.exit({exit_.code!r})")) from exit_
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def speak(lang: str) -> None:
    """Print in ``lang``, the language the script was written in."""
    i18n.set_language(lang)


def check_again(function: str, key: str, file: str | Path) -> int:
    """Run the grader's check ``key`` (its English title, in any language) of ``function``
    again on ``file`` (all of the function's checks, with the default seed, as ``python
    -m grader check`` does) and print its verdict. Returns the exit status for a script:
    0 when it passes, 1 when it does not, 2 when the grader no longer has that check."""
    from grader.report_text import check_text
    from grader.runner import DEFAULT_SEED, grade_exercise
    from grader.session import start_fork_server

    exercise = course.BY_NAME[function]
    start_fork_server()
    result = grade_exercise(exercise, Path(file).parent, seed=DEFAULT_SEED)
    verdict = next((c for c in result.checks if c.key == key), None)
    if verdict is None:
        print(_("the grader has no check “{check}” of {function} any more: run python -m grader repro "
                "{function} again").format(check=_(key), function=function))
        return 2
    if verdict.passed:
        print(_("passed: {check}").format(check=verdict.title))
        if not result.passed:
            print(_("{function} still fails other checks: run python -m grader check {function}").format(
                function=function))
        return 0
    print(check_text(verdict))
    return 1


# ---- writing a script ----------------------------------------------------------------


def run_repro(args: argparse.Namespace) -> int:
    """``python -m grader repro NAME [--submission DIR]``."""
    submission = submission_folder(args.submission)
    if args.name in course.LECTURES:
        raise UsageError(_("repro takes one function, not a module: e.g. python -m grader repro {function}")
                         .format(function=next(e.name for e in course.EXERCISES if e.module == args.name)))
    [exercise] = exercises([args.name])
    from grader import session

    [result] = session.grade(submission, [exercise])
    if result.passed:
        print(_("{function} passes every check: there is no failure to reproduce.").format(function=exercise.name))
        return 0
    lead = result.lead
    if lead is None:  # one cause for the whole function: not written, waiting, missing, banned...
        print(_("no failure to reproduce: {why}").format(why=" ".join(result.message.split())))
        return 1
    script = Path.cwd() / f"repro_{exercise.name}.py"
    try:
        script.write_text(script_text(lead, submission / f"{exercise.module}.py"), encoding="utf-8")
    except OSError as error:
        raise UsageError(_("cannot write {path}: {why}").format(path=script, why=error.strerror)) from None
    print(_("wrote {path}: {command} exits 1 while the failure reproduces, 0 once it is fixed").format(
        path=script, command=f"`python {script}`"))
    return 0


def script_text(verdict: CheckVerdict, file: Path) -> str:
    """The reproduction script of a failed (or crashed, timed-out) check of the
    function in ``file``."""
    example = verdict.counterexample
    imports = set(example.imports) if example else set()
    body: list[str] = []
    if example is not None:
        body += ["", _comment(_("The failing input, as the feedback shows it (as small as the grader could make "
                                "it)."))]
        body += [f"{a.name} = {a.source}" for a in example.arguments]
    expected = _expected_answer(verdict)
    form = _form(verdict, expected is not None)
    if form is Form.CLOSE:
        source, needs = expected
        imports |= set(needs)
        body += _close_lines(verdict, source)
        names = ["difference", "guarded", "same_values", "show"]
    elif form is Form.RAISES:
        body += _raises_lines(verdict)
        names = ["guarded", "show"]
    elif form is Form.UNCHANGED:
        body += _unchanged_lines(verdict)
        names = ["changes", "copies", "guarded", "show"]
    else:
        body += _check_again_lines(verdict, file)
        names = ["check_again", "guarded", "show"] if example else ["check_again"]
    names.append("speak")
    head = [
        f'"""{_docstring(verdict, file, form)}"""',
        "",
        "import importlib.util",
        "import sys",
        *(["import traceback"] if form is None and example is not None else []),
        "",
        f"sys.path.append({str(ROOT)!r})  " + _comment(_("the course's folder, for `grader` where it is not "
                                                           "installed")),
        "",
        *import_lines(imports | {f"from grader.repro import {', '.join(sorted(names))}"}),
        "",
        f"speak({i18n.language()!r})  " + _comment(_("what this script prints, in the language it is written in")),
        "",
        _comment(_("{function}, imported from your file by its path: this script runs from any folder.").format(
            function=verdict.function)),
        f"spec = importlib.util.spec_from_file_location({verdict.module!r}, {str(file)!r})",
        "module = importlib.util.module_from_spec(spec)",
        f"sys.modules[{verdict.module!r}] = module",
        "spec.loader.exec_module(module)",
        f"{verdict.function} = module.{verdict.function}",
    ]
    return "\n".join(head + body) + "\n"


def _form(verdict: CheckVerdict, answer_known: bool) -> Form | None:
    """How the script decides that the failure is gone; None: by running the check again."""
    expectation = verdict.expectation
    if verdict.status is not Status.FAILED or expectation is None or verdict.counterexample is None:
        return None
    if expectation.form is Form.CLOSE:
        return Form.CLOSE if answer_known else None
    if expectation.form is Form.RAISES:
        known = getattr(builtins, expectation.error, None)
        return Form.RAISES if isinstance(known, type) and issubclass(known, Exception) else None
    return expectation.form


def _expected_answer(verdict: CheckVerdict) -> tuple[str, tuple[str, ...]] | None:
    """Python for the answer the failing call should give, with its imports; None when
    the check's expected value is not that answer.

    A check may compare a part of the answer (``theta_next`` of ``(theta_next,
    m_next)``, row 0 of a trajectory), a gradient, or a derived quantity (the indices
    of all batches, sorted) with ``expected``. Only when the reference's answer to this
    very call is ``expected`` (or, for a tuple, holds it), and does not depend on the
    global random state, does the script compare the answer itself: then with the whole
    reference answer, to the check's tolerance.
    """
    expectation, example = verdict.expectation, verdict.counterexample
    if (expectation is None or expectation.form is not Form.CLOSE or example is None
            or verdict.role is Role.GRADIENT):
        return None
    try:
        arguments = _rebuilt(example)
        expected = _evaluated(expectation.expected, expectation.imports)
        from grader.checks import reference

        with torch.random.fork_rng():
            drawn_from = torch.get_rng_state()
            answer = getattr(reference(verdict.module), verdict.function)(**arguments)
            if not torch.equal(torch.get_rng_state(), drawn_from):
                return None  # a random answer (shuffled without a seed): no one answer to expect
    except Exception:  # noqa: BLE001 - an input the reference cannot take: check again instead
        return None
    close = [same_values(answer, expected, expectation.rtol, expectation.atol)]
    if isinstance(answer, tuple | list):
        close += [same_values(item, expected, expectation.rtol, expectation.atol) for item in answer]
    if close[0]:
        return expectation.expected, expectation.imports
    if any(close) and all(type(item) is torch.Tensor for item in answer):  # a tuple holding expected
        needed: set[str] = set()
        return python_literal(answer, needed), import_lines(needed)
    return None


def _evaluated(source: str, imports: tuple[str, ...]) -> Any:
    namespace: dict[str, Any] = {}
    for line in imports:
        exec(line, namespace)  # noqa: S102 - the grader's own import lines
    return eval(source, namespace)  # noqa: S307 - Python the grader wrote for its own input


def _rebuilt(example: Counterexample) -> dict[str, Any]:
    """The failing call's arguments, built from their Python as the script builds them."""
    return {a.name: _evaluated(a.source, example.imports) for a in example.arguments}


def _comment(text: str) -> str:
    return f"# {text}"


def _printed(text: str) -> str:
    """Python that prints ``text`` (a sentence of the script's language)."""
    return f"print({text!r})"


def _guard_line(indent: str = "") -> str:
    return f"{indent}with guarded(seconds={CALL_TIMEOUT:g}):  " + _comment(
        _("as in the grader: stopped after {seconds} s").format(seconds=f"{CALL_TIMEOUT:g}"))


def _call(verdict: CheckVerdict) -> str:
    arguments = verdict.counterexample.arguments if verdict.counterexample else ()
    return f"{verdict.function}({', '.join(f'{a.name}={a.name}' for a in arguments)})"


def _close_lines(verdict: CheckVerdict, expected: str) -> list[str]:
    expectation = verdict.expectation
    tolerance = f"rtol={expectation.rtol!r}, atol={expectation.atol!r}"
    return [
        "",
        _comment(_("What the reference gives, compared up to rounding ({tolerance}; NaN equals NaN).").format(
            tolerance=tolerance)),
        f"expected = {expected}",
        f"print({_(EXPECTED)!r}, show(expected))",
        "",
        _guard_line(),
        f"    received = {_call(verdict)}",
        f"print({_(RECEIVED)!r}, show(received))",
        "",
        f"if same_values(received, expected, {tolerance}):",
        "    " + _printed(_("{function} now gives the expected answer on this input.").format(
            function=verdict.function)),
        "    sys.exit(0)",
        "print(difference(received, expected))",
        "sys.exit(1)",
    ]


def _raises_lines(verdict: CheckVerdict) -> list[str]:
    error = verdict.expectation.error
    return [
        "",
        f"print({_(EXPECTED)!r}, {error!r})",
        "try:",
        _guard_line("    "),
        f"        received = {_call(verdict)}",
        f"except {error} as error:",
        f'    print({_(RECEIVED)!r}, f"{error}: {{error}}")',
        "    " + _printed(_("{function} now raises {error} on this input, as it should.").format(
            function=verdict.function, error=error)),
        "    sys.exit(0)",
        f"print({_(RECEIVED)!r}, show(received))",
        "sys.exit(1)",
    ]


def _unchanged_lines(verdict: CheckVerdict) -> list[str]:
    arguments = verdict.counterexample.arguments
    inputs = ", ".join(f"{a.name!r}: {a.name}" for a in arguments)
    return [
        "",
        _comment(_("A copy of every tensor the arguments hold (a model's weights, a function's tensors too).")),
        f"inputs = {{{inputs}}}",
        "before = copies(inputs)",
        f"print({_(EXPECTED)!r}, {_(UNCHANGED)!r})",
        "",
        _guard_line(),
        f"    {_call(verdict)}",
        "",
        "changed = changes(before, inputs)",
        "if not changed:",
        "    " + _printed(_("{function} now leaves its arguments as they were.").format(function=verdict.function)),
        "    sys.exit(0)",
        f"print({_(RECEIVED)!r}, {_(CHANGED)!r})",
        "for change in changed:",
        '    print("   ", change)',
        "sys.exit(1)",
    ]


def _check_again_lines(verdict: CheckVerdict, file: Path) -> list[str]:
    lines = []
    if verdict.counterexample is not None:
        lines += [
            "",
            "try:",
            _guard_line("    "),
            f"        received = {_call(verdict)}",
            f"    print({_(RECEIVED)!r}, show(received))",
            "except Exception:  " + _comment(_("shown here; whether it should have raised is for the check to say")),
            "    traceback.print_exc()",
        ]
    key = verdict.key
    return lines + [
        "",
        _comment(_("The grader's own check, run again on your file: its verdict is this script's.")),
        f"sys.exit(check_again({verdict.function!r}, {key!r}, {str(file)!r}))",
    ]


def _how(verdict: CheckVerdict, form: Form | None) -> str:
    """What the script does and what its exit status says, in a paragraph."""
    name = verdict.function
    if form is Form.CLOSE:
        return _("It calls {function} on the smallest failing input, prints the expected answer against the one "
                 "received, and exits 1 while {function} gives this wrong answer, 0 once it gives the expected "
                 "one.").format(function=name)
    if form is Form.RAISES:
        return _("It calls {function} on the smallest failing input and exits 1 while the call does not raise "
                 "{error}, 0 once it does.").format(function=name, error=verdict.expectation.error)
    if form is Form.UNCHANGED:
        return _("It calls {function} on the smallest failing input and exits 1 while the call changes the values "
                 "of its arguments (or of the tensors they hold), 0 once it leaves them as they were.").format(
            function=name)
    return _(CHECKED_AGAIN.get(verdict.status, CHECKED_AGAIN[None])).format(function=name)


# Why a script runs the grader's check again, and what it does then.
CHECKED_AGAIN = {
    Status.CRASHED: N_("The call crashed in the grader, so the script calls {function} on the input the feedback "
                       "shows (stopped after the grader's time limit; an error shows its traceback), then runs "
                       "the grader's own check again on your file and exits with its verdict: 1 while the check "
                       "fails, 0 once it passes."),
    Status.TIMED_OUT: N_("The call timed out in the grader, so the script calls {function} on the input the "
                         "feedback shows (stopped after the grader's time limit; an error shows its traceback), "
                         "then runs the grader's own check again on your file and exits with its verdict: 1 "
                         "while the check fails, 0 once it passes."),
    None: N_("This check is not decided by one answer alone (several calls, a success rate, gradients, the kind "
             "of the answer), so the script calls {function} on the input the feedback shows (stopped after the "
             "grader's time limit; an error shows its traceback), then runs the grader's own check again on "
             "your file and exits with its verdict: 1 while the check fails, 0 once it passes."),
}


def _wrapped(text: str) -> str:
    """A paragraph at the docstring's width (a Chinese one, without spaces, stays whole)."""
    return textwrap.fill(text, WIDTH)


def _docstring(verdict: CheckVerdict, file: Path, form: Form | None) -> str:
    name = verdict.function
    first, *rest = verdict.message.splitlines() or [""]
    text = "\n".join([
        _("Reproduces the failure of {function} that {command} shows.").format(
            function=name, command=f"`python -m grader check {name}`"),
        "",
        _("Property: {check}").format(check=verdict.title),
        *([_wrapped(verdict.statement)] if verdict.statement else []),
        _wrapped(_("What went wrong: {message}").format(message=first)), *rest,
        "",
        _("Your function comes from {path}").format(path=file),
        _wrapped(_("{how} Then run {command}: other inputs and checks may still fail.").format(
            how=_how(verdict, form), command=f"`python -m grader check {name}`")),
        "",
        _("Run it from any folder, with the course's Python:  {command}").format(command=f"python repro_{name}.py"),
    ])
    # Inside a triple-quoted string: backslashes and triple quotes written so that they stay text.
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + "\n"
