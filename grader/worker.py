"""The worker: the only process that runs student code.

The grader starts one worker per exercise (forked from a server that has already
imported torch, so a worker starts in milliseconds). The worker loads the
submission's file by path, then answers call requests until told to stop. It
sends back plain data only (``grader.wire``); everything it says is checked by
the grader, which never imports student code itself.

Banned calls ("Must not call") are caught at run time: every banned function is
replaced, wherever torch or numpy refer to it, by a tripwire *before* the student's
module is loaded, so that ``from torch.nn.functional import mse_loss``,
``getattr(F, "mse" + "_loss")`` and ``eval`` all reach the tripwire. The ops
behind them are watched too (a ``TorchFunctionMode`` sees every torch call), so
``torch._C._nn.mse_loss`` or ``torch.ops.aten.mse_loss`` are caught as well.
"""

from __future__ import annotations

import functools
import inspect
import io
import os
import pickle
import resource
import sys
import traceback
import types
from multiprocessing.connection import Connection
from typing import Any, Callable

import numpy  # noqa: F401  (imported here so its functions can carry tripwires)
import torch
import torch.autograd.functional  # noqa: F401
import torch.func  # noqa: F401
import torch.optim  # noqa: F401
import torch.utils.data  # noqa: F401
from torch.overrides import TorchFunctionMode

from grader import course, i18n, wire
from grader.fixtures import Fixture
from grader.i18n import N_, _
from grader.isolation import lock_down

OUTPUT_TAIL = 2000  # characters of the student's prints sent back with an answer
UNPRINTABLE = N_("<the exception's message could not be printed>")

# The names torch gives the ops behind banned functions, when reached directly
# (torch._C._nn.mse_loss, torch.ops.aten.mse_loss, Tensor.logsumexp...).
OP_NAMES = {
    "torch.nn.functional.mse_loss": ("mse_loss",),
    "torch.nn.functional.l1_loss": ("l1_loss",),
    "torch.nn.functional.hardsigmoid": ("hardsigmoid", "hardsigmoid_"),
    "torch.nn.functional.cross_entropy": ("cross_entropy_loss",),
    "torch.nn.functional.nll_loss": ("nll_loss", "nll_loss_nd", "nll_loss2d", "nll_loss_forward"),
    "torch.nn.functional.log_softmax": ("log_softmax", "_log_softmax"),
    "torch.logsumexp": ("logsumexp",),
    "torch.norm": ("norm", "linalg_vector_norm", "linalg_norm", "frobenius_norm", "nuclear_norm"),
    "torch.linalg.vector_norm": ("linalg_vector_norm",),
    "torch.dist": ("dist",),
    "torch.cdist": ("cdist", "_cdist_forward"),
}


class BannedCall(BaseException):
    """Raised by a tripwire. A BaseException, so ``except Exception`` does not hide it."""


# ---- tripwires -------------------------------------------------------------------

_banned_names: dict[str, set[str]] = {}  # exercise -> every name its bans stand for
_active: set[str] = set()  # banned names of the exercise being called right now
_tripped: list[str] = []  # what was called anyway, even if the student caught it


def _trip(name: str) -> None:
    _tripped.append(name)
    raise BannedCall(name)


def _resolve(dotted: str) -> Any:
    parts = dotted.split(".")
    obj: Any = sys.modules[parts[0]]
    for part in parts[1:]:
        obj = getattr(obj, part)
    return obj


def _members(dotted: str) -> list[tuple[str, Any]]:
    """The callables a banned name stands for: itself, or all of a module's."""
    obj = _resolve(dotted)
    if not isinstance(obj, types.ModuleType):
        return [(dotted, obj)]
    found = []
    modules = [m for name, m in list(sys.modules.items()) if name == dotted or name.startswith(dotted + ".")]
    for module in modules:
        public = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for attr in public:
            value = getattr(module, attr, None)
            home = getattr(value, "__module__", "") or ""
            if callable(value) and not isinstance(value, types.ModuleType):
                if home.startswith(dotted) or attr in (getattr(module, "__all__", None) or ()):
                    found.append((f"{dotted}.{attr}", value))
    return found


def _wrap_function(name: str, original: Callable) -> Callable:
    @functools.wraps(original)
    def tripwire(*args: Any, **kwargs: Any) -> Any:
        if name in _active:
            _trip(name)
        return original(*args, **kwargs)

    return tripwire


def _install_tripwires() -> None:
    replacements: dict[int, Callable] = {}
    for exercise in course.EXERCISES:
        names = _banned_names.setdefault(exercise.name, set())
        for banned in exercise.banned:
            for name, obj in _members(banned):
                names.add(name)
                if isinstance(obj, type):
                    # A class: guard its constructor, which every alias and subclass shares.
                    init = obj.__dict__.get("__init__", obj.__init__)
                    if not getattr(init, "_grader_tripwire", False):
                        guarded = _wrap_function(name, init)
                        guarded._grader_tripwire = True  # type: ignore[attr-defined]
                        obj.__init__ = guarded  # type: ignore[misc]
                elif banned.startswith("torch.Tensor."):
                    setattr(torch.Tensor, name.rsplit(".", 1)[1], _wrap_function(name, obj))
                elif id(obj) not in replacements:
                    replacements[id(obj)] = _wrap_function(name, obj)
    # Replace each banned function under every name torch and numpy give it.
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for attr, value in list(namespace.items()):
            if id(value) in replacements and replacements[id(value)].__wrapped__ is value:
                namespace[attr] = replacements[id(value)]


class _OpWatch(TorchFunctionMode):
    """Trips when the op behind a banned function is called, however it is reached."""

    def __init__(self, ops: dict[str, str]) -> None:
        super().__init__()
        self.ops = ops  # op name -> banned name

    def __torch_function__(self, func, types, args=(), kwargs=None):  # noqa: ANN001
        op = getattr(func, "__name__", "").split(".")[0]
        if op in self.ops:
            _trip(_("{name} (reached as {op})").format(name=self.ops[op], op=op))
        return func(*args, **(kwargs or {}))


def _warm_up() -> None:
    """Run once in the fork server what would be slow the first time in every
    worker (lazy imports and initialisations inside torch)."""
    x = torch.linspace(-1.0, 1.0, 4, dtype=torch.float64, requires_grad=True)
    with _OpWatch({}):
        y = (torch.sigmoid(x) ** 2).sum()
    torch.autograd.grad(y, x)
    torch.linalg.eigh(torch.eye(2))
    torch.randperm(3, generator=torch.Generator().manual_seed(0))


_install_tripwires()
_warm_up()


# ---- isolation -------------------------------------------------------------------


def _address_space(limits: dict[str, int]) -> int:
    """The address-space limit: what the worker maps already (torch) and the allowance."""
    with open("/proc/self/status") as status:
        vm_size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    return vm_size_kb * 1024 + limits["memory_bytes"]


def _limit_resources(limits: dict[str, int], memory: int) -> None:
    """Hard limits: the student's code cannot raise them again."""
    for what, value in [
        (resource.RLIMIT_AS, memory),
        (resource.RLIMIT_CPU, limits["cpu_seconds"]),
        (resource.RLIMIT_FSIZE, limits["file_bytes"]),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, limits["processes"]),
    ]:
        soft, hard = resource.getrlimit(what)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(what, (value, value))


def _run_on(cpus: list[int]) -> None:
    """Run on the CPUs the grader runs on (``grader.sandbox.on_one_cpu``): forked by
    the fork server, a worker would otherwise run on the fork server's."""
    try:
        os.sched_setaffinity(0, cpus)
    except OSError:
        pass  # a CPU gone offline since: run anywhere, only a little slower


def _private_directory(directory: str) -> int:
    """Run in the worker's own directory (see ``isolation.lock_down``), and send
    the student's prints to a file there; a descriptor to read that file."""
    os.chdir(directory)
    output = os.open(os.path.join(directory, "output.txt"), os.O_RDWR | os.O_CREAT, 0o600)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", 0), write_through=True)
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", 0), write_through=True)
    return os.open(os.path.join(directory, "output.txt"), os.O_RDONLY)


def _read_output(output: int, start: int) -> tuple[str, int]:
    """The last characters the student printed since ``start``, and where the output ends."""
    try:
        end = os.fstat(output).st_size
        if end <= start:  # nothing new: the usual case, one system call
            return "", start
        begin = max(start, end - 4 * OUTPUT_TAIL)  # up to 4 bytes a character
        raw = os.pread(output, end - begin, begin)
    except OSError:
        return "", start
    return raw.decode("utf-8", "replace")[-OUTPUT_TAIL:], end


# ---- serving -----------------------------------------------------------------------


def _describe_exception(error: BaseException, source_path: str) -> dict[str, Any]:
    try:
        message = str(error)
    except BaseException:  # noqa: BLE001 - a student's exception may fail to print
        message = _(UNPRINTABLE)
    every_frame = traceback.extract_tb(error.__traceback__)
    frames = [frame for frame in every_frame if frame.filename == source_path]
    where = "".join(traceback.format_list(frames[-3:]))
    # The function that raised, when the error was raised in the student's own file (a
    # stub's NotImplementedError), not deeper down (in torch, say).
    raised_in = every_frame[-1].name if every_frame and every_frame[-1].filename == source_path else ""
    return {
        "status": "raised",
        "type": type(error).__name__,
        "bases": [cls.__name__ for cls in type(error).__mro__],
        "message": message[:1000],
        "where": where[-1500:],
        "raised_in": raised_in,
    }


def _load(source: bytes, source_path: str, module_name: str) -> types.ModuleType:
    code = compile(source, source_path, "exec", dont_inherit=True)
    module = types.ModuleType(module_name)
    module.__file__ = source_path
    sys.modules[module_name] = module
    exec(code, module.__dict__)  # noqa: S102 - running student code is this process's job
    return module


def _prepare(value: Any) -> Any:
    return value.build() if isinstance(value, Fixture) else value


def _snapshot(value: Any) -> Any:
    """What the grader compares to check that a call left its inputs alone."""
    if isinstance(value, torch.Tensor):
        return wire.encode(value)
    if isinstance(value, Fixture):
        return {k: wire.encode(v) for k, v in value.params.items() if isinstance(v, torch.Tensor)}
    return None


def _call(function: Callable, request: dict[str, Any], source_path: str) -> dict[str, Any]:
    raw_args = request["args"]
    kwargs = request["kwargs"]
    wrt = request.get("grad_wrt") or []
    args = [_prepare(a) for a in raw_args]
    leaves = []
    for position in wrt:
        args[position] = args[position].detach().clone().requires_grad_(True)
        leaves.append(args[position])

    exercise = course.BY_NAME[request["function"]]
    ops = {op: name for name in exercise.banned for op in OP_NAMES.get(name, ())}
    rng_before = torch.get_rng_state()
    _tripped.clear()
    _active.clear()
    _active.update(_banned_names[exercise.name])
    try:
        if ops:
            with _OpWatch(ops):
                result = function(*args, **kwargs)
        else:
            result = function(*args, **kwargs)
    except BannedCall:
        return {"status": "banned", "call": _tripped[0]}
    except SystemExit as error:
        return {"status": "exited", "code": repr(error.code)[:200]}
    except BaseException as error:  # noqa: BLE001 - every failure is reported
        if _tripped:
            return {"status": "banned", "call": _tripped[0]}
        return _describe_exception(error, source_path)
    finally:
        _active.clear()
    if _tripped:  # called, then caught by the student's own ``except``
        return {"status": "banned", "call": _tripped[0]}

    try:
        value = wire.encode(result)
    except BaseException as error:  # noqa: BLE001 - e.g. a tensor whose storage cannot be read
        value = ("foreign", f"a value that could not be read ({type(error).__name__})")
    answer: dict[str, Any] = {"status": "returned", "value": value}
    answer["global_rng_changed"] = not torch.equal(rng_before, torch.get_rng_state())
    # Whether a returned tensor is still attached to an autograd graph ("returns ..., detached").
    answer["requires_grad"] = type(result) is torch.Tensor and bool(result.requires_grad)
    if request.get("inputs_after"):
        answer["inputs_after"] = [_snapshot(a) for a in raw_args]
    if wrt:
        answer.update(_gradients(result, leaves, request.get("cotangent")))
    return answer


def _gradients(result: Any, leaves: list[torch.Tensor], cotangent: Any) -> dict[str, Any]:
    if type(result) is not torch.Tensor:
        return {"grad_error": _("the result is not a tensor")}
    if not result.requires_grad:
        return {"grad_error": _("no gradient flows back through the result: it was cut off from the inputs "
                                "(by .detach(), .item(), .tolist(), NumPy or torch.tensor(...))")}
    try:
        # <cotangent, result> summed, rather than grad_outputs=: the same
        # vector-Jacobian product, without grad_outputs' one-second first use.
        weighted = (result * cotangent).sum()
        grads = torch.autograd.grad(weighted, leaves, allow_unused=True)
    except BaseException as error:  # noqa: BLE001
        return {"grad_error": _("backward failed: {error}").format(error=f"{type(error).__name__}: {error}")[:500]}
    return {"grads": [None if g is None else wire.encode(g) for g in grads]}


def _parameters(functions: dict[str, Any], module: str) -> dict[str, Any]:
    """The parameters of the module's exercise functions, as plain data: for each,
    a list of ``[name, kind, has_default]`` (``kind`` as ``inspect.Parameter.kind``),
    or None when the function has no signature to read. The grader compares them
    with the handout's signature (``grader.layout.signature_problem``)."""
    found: dict[str, Any] = {}
    for exercise in course.EXERCISES:
        if exercise.module != module or exercise.name not in functions:
            continue
        try:
            parameters = inspect.signature(functions[exercise.name]).parameters.values()
            found[exercise.name] = [[str(p.name), int(p.kind), p.default is not inspect.Parameter.empty]
                                    for p in parameters]
        except BaseException:  # noqa: BLE001 - a builtin, or a student's object with no signature
            found[exercise.name] = None
    return found


def serve(conn: Connection, spec: dict[str, Any], in_pid_namespace: bool = False) -> None:
    """Entry point of a worker process (forked by ``grader.zygote``): lock down, say how
    (before any student code runs, so that the sentence is the grader's own), load the
    source the grader read, then answer calls.

    The worker speaks the language of the command that asked for it (``spec["lang"]``):
    the fork server may have been started before that command read its ``--lang``,
    and a notebook may change language between two checks."""
    try:
        i18n.set_language(spec["lang"])
        _run_on(spec["cpus"])
        memory = _address_space(spec["limits"])
        state = lock_down(spec.get("hide", []), spec["scratch"], spec["workdir"], in_pid_namespace)
        output = _private_directory(state.directory)
        _limit_resources(spec["limits"], memory)
        torch.set_num_threads(1)
    except BaseException as error:  # noqa: BLE001 - no student code may run then
        conn.send_bytes(wire_dumps({"status": "lock_failed", "message": f"{type(error).__name__}: {error}"}))
        return
    conn.send_bytes(wire_dumps({"status": "locked", "isolation": state.sentence()}))
    try:
        module = _load(spec["source"], spec["path"], spec["module"])
    except SystemExit as error:
        conn.send_bytes(wire_dumps({"status": "load_exited", "code": repr(error.code)[:200]}))
        return
    except BaseException as error:  # noqa: BLE001
        answer = _describe_exception(error, spec["path"])
        if isinstance(error, SyntaxError):
            answer["where"] = _("line {line}: {text}").format(line=error.lineno, text=(error.text or "").strip())
        answer["status"] = "load_failed"
        conn.send_bytes(wire_dumps(answer))
        return
    functions = {
        name: value for name, value in vars(module).items() if callable(value) and not name.startswith("_")
    }
    conn.send_bytes(wire_dumps({"status": "loaded", "functions": sorted(functions),
                                "parameters": _parameters(functions, spec["module"])}))
    printed_so_far = 0
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except EOFError:
            return
        if request is None:
            return
        function = functions.get(request["function"])
        if function is None:
            answer = {"status": "missing"}
        else:
            answer = _call(function, request, spec["path"])
        answer["printed"], printed_so_far = _read_output(output, printed_so_far)
        try:
            conn.send_bytes(wire_dumps(answer))
        except BaseException:  # noqa: BLE001 - e.g. the student replaced pickle
            os._exit(70)


def wire_dumps(answer: dict[str, Any]) -> bytes:
    return pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
