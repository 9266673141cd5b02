"""``python -m grader repro NAME``: the script it writes reproduces the failure shown,
from any folder, and says so once the function is fixed.

Each case grades a real mutant (tests/mutants/, tests/hostile/) copied into a
temporary submission, writes the script from another temporary folder, runs it
from a third one (exit 1, expected against received), then puts the reference
solution in the student's file and runs the same script again (exit 0).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from grader import course, repro
from grader.fixtures import quadratic_gradient
from grader.verdict import Argument, CheckVerdict, Counterexample, Expectation, Form, Role, Status

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "tests" / "mutants"
HOSTILE = ROOT / "tests" / "hostile"
SOLUTIONS = ROOT / "solutions"


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    """A submission, the folder repro is run from, and another folder to run the script from."""
    made = {name: tmp_path / name for name in ("submission", "here", "elsewhere", "cache")}
    for folder in made.values():
        folder.mkdir()
    return made


def _run(args: list[str], cwd: Path, cache: Path, lang: str = "en") -> subprocess.CompletedProcess:
    # The student's own cache stays untouched.
    env = dict(os.environ, GRADER_CACHE_DIR=str(cache), COURSE_LANG=lang)
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=env)


def _repro(name: str, folders: dict[str, Path], *more: str, lang: str = "en") -> subprocess.CompletedProcess:
    return _run(["-m", "grader", "repro", name, "--submission", str(folders["submission"]), *more],
                folders["here"], folders["cache"], lang)


def _call_of(script: str, function: str) -> ast.Call:
    """The one call of the student's function in the script."""
    calls = [node for node in ast.walk(ast.parse(script))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function]
    assert len(calls) == 1, f"{len(calls)} calls of {function}"
    return calls[0]


# (mutant, lines the script holds, what it prints while it fails, what it prints once fixed)
CASES = [
    # Form.CLOSE: a wrong value.
    ("l01_regression/mse__sum_not_mean.py",
     ["pred = torch.tensor([0.0, 0.0], dtype=torch.float64)", "expected = torch.tensor(1.0, dtype=torch.float64)"],
     ["expected: tensor of shape (), torch.float64: torch.tensor(1.0", "received: tensor of shape (), "
      "torch.float64: torch.tensor(2.0", "largest error 1"],
     "mse now gives the expected answer on this input"),
    # Form.CLOSE where the check compared one item of the answer (theta_next): the whole tuple.
    ("l04_batch_momentum/momentum_step__sign_of_grad.py",
     ["expected = (torch.tensor(", "lam = 0.0"],
     ["expected: tuple of 2", "received: tuple of 2", "item 0: largest error 2"],
     "momentum_step now gives the expected answer on this input"),
    # Form.CLOSE on a loss surface, built by its importable call.
    ("l04_batch_momentum/momentum_descent__nesterov.py",
     ["from grader.fixtures import quadratic_gradient", "grad_fn = quadratic_gradient(H=torch.tensor("],
     ["expected: tensor of shape (3, 1)", "received: tensor of shape (3, 1)", "largest error"],
     "momentum_descent now gives the expected answer on this input"),
    # Form.RAISES: a missing ValueError.
    ("l01_regression/mae__no_empty_check.py",
     ["except ValueError as error:"],
     ["expected: ValueError", "received: tensor of shape (), torch.float64: torch.tensor(float('nan')"],
     "mae now raises ValueError on this input, as it should"),
    # Form.UNCHANGED: an argument changed in place.
    ("l04_batch_momentum/momentum_step__inplace_m.py",
     ["before = copies(inputs)"],
     ["expected: every argument keeps its values", "received: changed in place:\n    m: was"],
     "momentum_step now leaves its arguments as they were"),
    # Form.UNCHANGED with a function of θ among the arguments: theta changed.
    ("l03_critical_points/hessian__in_place_theta.py",
     ["from grader.fixtures import smooth_function", "f = smooth_function(A=torch.tensor("],
     ["received: changed in place:\n    theta: was"],
     "hessian now leaves its arguments as they were"),
    # Form.UNCHANGED on a fixture's own tensor: the model's weights.
    ("l23_adversarial/untargeted_attack__steps_model_too.py",
     ["model = mlp_classifier(W1=torch.tensor("],
     ["received: changed in place:\n", "    model (its tensor 1.bias): was"],
     "untargeted_attack now leaves its arguments as they were"),
    # No expectation (a success rate over the digits): the grader's check, run again. The
    # classifier and its images are loaded by their calls, never written out as numbers.
    ("l23_adversarial/untargeted_attack__wrong_sign.py",
     ["import grader.classifier", "model = grader.classifier.load_classifier()",
      "x0 = grader.classifier.load_attack_set()[0]", "sys.exit(check_again('untargeted_attack', "],
     ["received: tensor of shape (200, 1, 8, 8)", "the attack succeeds on 0.0% of the images"],
     "passed: on the real digits classifier"),
]


@pytest.mark.parametrize(("mutant", "written", "failing", "fixed"), CASES, ids=[c[0].split("/")[1] for c in CASES])
def test_script_reproduces_the_failure_from_another_folder(mutant: str, written: list[str], failing: list[str],
                                                           fixed: str, folders: dict[str, Path]) -> None:
    path = MUTANTS / mutant
    exercise = course.BY_NAME[path.name.split("__")[0]]
    student_file = folders["submission"] / f"{exercise.module}.py"
    shutil.copy(path, student_file)

    made = _repro(exercise.name, folders)
    script = folders["here"] / f"repro_{exercise.name}.py"
    assert made.returncode == 0, made.stdout + made.stderr
    assert made.stdout.strip().splitlines() == [made.stdout.strip()] and str(script) in made.stdout
    text = script.read_text(encoding="utf-8")

    # A script a student reads: their file by its absolute path, the call with every
    # argument by keyword, each argument built on a line of its own before it.
    assert repr(str(student_file.resolve())) in text
    call = _call_of(text, exercise.name)
    assert call.args == [] and call.keywords
    assigned = {target.id for node in ast.parse(text).body if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}
    assert all(k.arg in assigned and isinstance(k.value, ast.Name) and k.value.id == k.arg
               for k in call.keywords)
    lines = text.splitlines()
    for line in written:
        assert any(l.startswith(line) for l in lines), line

    failed = _run([str(script)], folders["elsewhere"], folders["cache"])
    assert failed.returncode == 1, failed.stdout + failed.stderr
    for line in failing:
        assert line in failed.stdout, failed.stdout

    shutil.copy(SOLUTIONS / f"{exercise.module}.py", student_file)
    passed = _run([str(script)], folders["elsewhere"], folders["cache"])
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert fixed in passed.stdout


def test_a_script_is_written_and_speaks_in_chinese(folders: dict[str, Path]) -> None:
    """Chosen Chinese: what repro says, the script's docstring and comments, and what the
    script prints, in Chinese; and the script keeps speaking Chinese when run in a
    terminal set to English (it speaks the language it is written in)."""
    shutil.copy(MUTANTS / "l01_regression" / "mse__sum_not_mean.py", folders["submission"] / "l01_regression.py")
    made = _repro("mse", folders, lang="zh")
    script = folders["here"] / "repro_mse.py"
    assert made.returncode == 0 and made.stdout.startswith(f"已写出 {script}："), made.stdout + made.stderr
    text = script.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring.startswith("复现 `python -m grader check mse` 所显示的 mse 的错误。")
    assert "用课程的 Python 在任何文件夹中运行：" in docstring
    comments = [line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line]
    assert "出错的输入，与反馈中显示的相同（评分器已尽量把它缩到最小）。" in comments
    assert "speak('zh')" in text
    for lang in ("zh", "en"):
        failed = _run([str(script)], folders["elsewhere"], folders["cache"], lang=lang)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "期望： 形状为 () 的张量" in failed.stdout and "实际： 形状为 () 的张量" in failed.stdout, failed.stdout
    shutil.copy(SOLUTIONS / "l01_regression.py", folders["submission"] / "l01_regression.py")
    passed = _run([str(script)], folders["elsewhere"], folders["cache"], lang="en")
    assert passed.returncode == 0 and "mse 现在在这个输入上给出了期望的结果。" in passed.stdout, passed.stdout


@pytest.mark.parametrize(("hostile", "status"), [("sys_exit_at_call.py", 1), ("segfault.py", -11)])
def test_a_crash_reproduces_as_a_non_zero_exit(hostile: str, status: int, folders: dict[str, Path]) -> None:
    """A crash in the grader crashes the script too: never exit status 0 while it fails
    (a sys.exit(0) in the function is an error, not the script's own exit)."""
    shutil.copy(HOSTILE / hostile, folders["submission"] / "l01_regression.py")
    assert _repro("mse", folders).returncode == 0
    failed = _run([str(folders["here"] / "repro_mse.py")], folders["elsewhere"], folders["cache"])
    assert failed.returncode == status, failed.stdout + failed.stderr
    shutil.copy(SOLUTIONS / "l01_regression.py", folders["submission"] / "l01_regression.py")
    passed = _run([str(folders["here"] / "repro_mse.py")], folders["elsewhere"], folders["cache"])
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "passed: " in passed.stdout


WAITING_ADAGRAD = '''

def adagrad(grad_fn, theta0, lr, steps, eps=1e-8):
    theta, sq_sum, rows = theta0, torch.zeros_like(theta0), [theta0]
    for t in range(steps):
        theta, sq_sum = adagrad_step(theta, grad_fn(theta), sq_sum, t, lr, eps)
        rows.append(theta)
    return torch.stack(rows)
'''


def _one_line_answer(folders: dict[str, Path], name: str, status: int, says: str) -> None:
    answered = _repro(name, folders)
    output = (answered.stdout + answered.stderr).strip()
    assert answered.returncode == status, output
    assert says in output and len(output.splitlines()) == 1 and "Traceback" not in output, output
    if status:
        assert output.startswith("no failure to reproduce: "), output
    assert not list(folders["here"].iterdir()), "no script is written"


def test_a_passing_function_has_nothing_to_reproduce(folders: dict[str, Path]) -> None:
    shutil.copy(SOLUTIONS / "l01_regression.py", folders["submission"])
    _one_line_answer(folders, "mse", 0, "mse passes every check")


@pytest.mark.parametrize(
    ("setup", "name", "says"),
    [
        ("stub", "mse", "not yet implemented: mse still raises the stub's NotImplementedError"),
        ("waiting", "adagrad", "write adagrad_step first"),
        ("banned", "mse", "called torch.nn.functional.mse_loss"),
        ("missing", "mse", "l01_regression.py"),
    ],
)
def test_no_failure_to_reproduce_is_said_in_one_line(setup: str, name: str, says: str,
                                                     folders: dict[str, Path]) -> None:
    module = course.BY_NAME[name].module
    student_file = folders["submission"] / f"{module}.py"
    if setup == "stub":
        shutil.copy(ROOT / "exercises" / f"{module}.py", student_file)
    elif setup == "waiting":  # a written adagrad over the stub of adagrad_step
        student_file.write_text((ROOT / "exercises" / f"{module}.py").read_text() + WAITING_ADAGRAD)
    elif setup == "banned":
        shutil.copy(MUTANTS / module / "mse__mse_loss_getattr.py", student_file)
    _one_line_answer(folders, name, 1, says)


@pytest.mark.parametrize(
    ("name", "more", "says"),
    [
        ("msee", [], "unknown function or module 'msee'"),
        ("l01_regression", [], "repro takes one function, not a module"),
        ("mse", ["--submission", "no/such/dir"], "no such directory"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(name: str, more: list[str], says: str,
                                              folders: dict[str, Path]) -> None:
    answered = _run(["-m", "grader", "repro", name, *more], folders["here"], folders["cache"])
    assert answered.returncode == 2
    assert says in answered.stderr and len(answered.stderr.strip().splitlines()) == 1
    assert "Traceback" not in answered.stderr and not list(folders["here"].iterdir())


# ---- the helpers the scripts import, and the script's text -------------------------


def test_same_values_compares_as_the_grader_does(speak) -> None:
    speak("en")
    nan = torch.tensor([1.0, float("nan")], dtype=torch.float64)
    assert repro.same_values(nan.clone(), nan, rtol=0.0, atol=0.0)  # NaN equals NaN
    assert repro.same_values(nan + 1e-10, nan, rtol=0.0, atol=1e-9)
    assert not repro.same_values(nan + 1e-8, nan, rtol=0.0, atol=1e-9)
    assert not repro.same_values(nan.float(), nan, rtol=1.0, atol=1.0)  # another dtype
    assert not repro.same_values(nan[:1], nan[:1].reshape(1, 1), rtol=1.0, atol=1.0)  # another shape
    assert not repro.same_values(1.0, torch.tensor(1.0), rtol=1.0, atol=1.0)  # not a tensor
    assert repro.same_values(torch.tensor([3]), torch.tensor([3]), rtol=0.0, atol=0.0)
    assert not repro.same_values(torch.tensor([3]), torch.tensor([4]), rtol=1.0, atol=1.0)  # integers: exact
    pair = (torch.tensor(1.0), torch.tensor(2.0))
    assert repro.same_values(list(pair), pair, rtol=0.0, atol=0.0)
    assert not repro.same_values(pair[:1], pair, rtol=0.0, atol=0.0)
    assert "expected shape (1, 1), received shape (1,)" in repro.difference(nan[:1], nan[:1].reshape(1, 1))


def test_unchanged_sees_the_tensors_a_fixture_holds(speak) -> None:
    speak("en")
    H, center = torch.eye(2), torch.zeros(2)
    arguments = {"grad_fn": quadratic_gradient(H=H, center=center), "theta0": torch.ones(2), "steps": 3}
    before = repro.copies(arguments)
    assert repro.changes(before, arguments) == []
    center.add_(1.0)  # a tensor the loss surface's gradient captured
    assert [c.split(":")[0] for c in repro.changes(before, arguments)] == ["grad_fn (its tensor center)"]
    arguments["theta0"][0] = 0.5  # an argument of its own, changed too
    assert len(repro.changes(before, arguments)) == 2

    model = torch.nn.Linear(2, 1)
    before = repro.copies({"model": model})
    with torch.no_grad():
        model.bias.add_(1.0)
    assert [c.split(":")[0] for c in repro.changes(before, {"model": model})] == ["model (its tensor bias)"]


def test_guarded_stops_an_endless_call_and_a_sys_exit() -> None:
    started = time.monotonic()
    with pytest.raises(repro.TookTooLong), repro.guarded(seconds=0.2):
        while True:
            pass
    assert time.monotonic() - started < 5
    with pytest.raises(RuntimeError, match=r"sys.exit\(0\)"), repro.guarded(seconds=5):
        sys.exit(0)


def _verdict(function: str, arguments: list[tuple[str, str]], expectation: Expectation,
             role: Role = Role.VALUE, message: str = "the result has the wrong values") -> CheckVerdict:
    exercise = course.BY_NAME[function]
    example = Counterexample(exercise.module, function, tuple(Argument(n, s) for n, s in arguments),
                             ("import torch",))
    return CheckVerdict(exercise.module, function, "a property", Status.FAILED, 0.0, 1.0, role=role,
                        statement="What the property says.", message=message, counterexample=example,
                        expectation=expectation)


def test_a_compared_part_or_gradient_is_decided_by_the_check_itself(tmp_path: Path) -> None:
    """Expected values that are not the call's answer (all indices sorted, a gradient, a
    random answer) are never compared with the answer: the script runs the check again."""
    sorted_indices = _verdict("minibatches", [("n", "4"), ("batch_size", "2"), ("shuffle", "True")],
                              Expectation(Form.CLOSE, "torch.tensor([0, 1, 2, 3])", ("import torch",)))
    gradient = _verdict("mse", [("pred", "torch.tensor([1.0])"), ("target", "torch.tensor([2.0])")],
                        Expectation(Form.CLOSE, "torch.tensor(1.0)", ("import torch",), 1e-4, 1e-5),
                        role=Role.GRADIENT)  # the answer's value, but a gradient's check
    answer = _verdict("mse", [("pred", "torch.tensor([1.0])"), ("target", "torch.tensor([3.0])")],
                      Expectation(Form.CLOSE, "torch.tensor(4.0)", ("import torch",), 1e-4, 1e-5))
    torch.manual_seed(0)
    drawn = torch.randperm(5).tolist()  # what the reference draws next, once seeded again
    shuffled = _verdict("minibatches", [("n", "5"), ("batch_size", "5"), ("shuffle", "True")],
                        Expectation(Form.CLOSE, f"torch.tensor({drawn})", ("import torch",)))
    file = tmp_path / "student.py"
    assert "check_again('minibatches', 'a property'" in repro.script_text(sorted_indices, file)
    # The one batch of a shuffle with the global random state: no one answer to expect.
    torch.manual_seed(0)
    assert "check_again('minibatches', 'a property'" in repro.script_text(shuffled, file)
    assert "check_again('mse', 'a property'" in repro.script_text(gradient, file)
    assert "expected = torch.tensor(4.0)\n" in repro.script_text(answer, file)


def test_the_script_is_valid_python_whatever_the_message_says(tmp_path: Path, speak) -> None:
    speak("en")
    message = 'raised ValueError: bad """quotes""" and a \\ backslash\nand a second line, 中文'
    verdict = _verdict("mse", [("pred", "torch.tensor(1.0)"), ("target", "torch.tensor(2.0)")],
                       Expectation(Form.RAISES, error="ValueError"), message=message)
    text = repro.script_text(verdict, tmp_path / "l01_regression.py")
    assert ast.get_docstring(ast.parse(text)).count("What went wrong: raised ValueError: bad \"\"\"quotes") == 1


def test_no_parameter_of_the_course_shadows_a_name_of_the_script(tmp_path: Path) -> None:
    """The script names each argument after its parameter: none may be one of its own names."""
    import inspect

    from grader.checks import reference

    parameters = {name for e in course.EXERCISES
                  for name in inspect.signature(getattr(reference(e.module), e.name)).parameters}
    verdicts = [_verdict("mse", [], Expectation(form)) for form in (Form.UNCHANGED, Form.RAISES)]
    verdicts += [_verdict("mse", [("pred", "torch.tensor(1.0)"), ("target", "torch.tensor(3.0)")],
                          Expectation(Form.CLOSE, "torch.tensor(4.0)", ("import torch",), 1e-4, 1e-5))]
    verdicts += [_verdict("mse", [], None)]
    own: set[str] = set()
    for verdict in verdicts:
        for node in ast.walk(ast.parse(repro.script_text(verdict, tmp_path / "l01_regression.py"))):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
            elif isinstance(node, ast.alias):
                own.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, ast.ExceptHandler) and node.name:
                own.add(node.name)
    assert "expected" in own and "changed" in own
    assert not parameters & (own - {"pred", "target"})


@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0), (2, 0, 3), (), (2, 2)])
def test_the_input_lines_rebuild_the_exact_input(shape: tuple[int, ...]) -> None:
    """An empty batch of logits (0, C) is not written as a (0,) tensor: the script's call
    must be the grader's."""
    from grader.feedback import counterexample

    logits = torch.linspace(-1.0, 1.0, int(torch.tensor(shape).prod())).reshape(shape).double()
    example = counterexample("l23_adversarial", "cross_entropy", ["logits", "target"],
                             (logits, torch.zeros(shape[:1], dtype=torch.int64)), {})
    namespace: dict = {}
    exec("\n".join(example.imports), namespace)
    rebuilt = {a.name: eval(a.source, namespace) for a in example.arguments}
    assert rebuilt["logits"].shape == logits.shape and torch.equal(rebuilt["logits"], logits)
    assert rebuilt["logits"].dtype == torch.float64 and rebuilt["target"].shape == shape[:1]


def test_a_check_run_again_decides_even_when_the_call_should_raise(folders: dict[str, Path], speak) -> None:
    """Without an expectation the call is only shown: a correct function raising the
    contract's ValueError on it does not fail the script; the check says it passes."""
    speak("en")  # the script speaks the language it is written in
    student_file = folders["submission"] / "l01_regression.py"
    shutil.copy(SOLUTIONS / "l01_regression.py", student_file)
    from grader.checks import checks_for

    title = next(c.title for c in checks_for(course.BY_NAME["mse"]) if "ValueError" in c.title)
    verdict = _verdict("mse", [("pred", "torch.tensor([])"), ("target", "torch.tensor([])")], None)
    script = folders["here"] / "repro_mse.py"
    script.write_text(repro.script_text(replace(verdict, title=title, key=title), student_file), encoding="utf-8")
    finished = _run([str(script)], folders["elsewhere"], folders["cache"])
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "ValueError" in finished.stderr and f"passed: {title}" in finished.stdout
