"""The reference solutions as recorded answers: what the student edition grades with.

The student edition (``python -m grader release``) ships no reference code. Instead,
``grader/assets/references.json.gz`` holds, as plain data, what the references
answered: for every call a check made to a reference (or to a check's helper that
computes an expected value from them, marked ``@recorded``), the arguments' digest
and the answer. Two kinds of calls were recorded, with the course's default seed:

- **drawn**: the inputs every check draws while it grades the reference solutions
  themselves, which are the inputs it draws for any submission that passes it
  (hypothesis' choices depend on the seed and on its earlier choices, never on
  whether an example passed);
- **bank**: the inputs the checks tried while grading the project's own mutants
  (``tests/mutants/``): the examples hypothesis shrinks a wrong answer through, down
  to the small counterexamples it shows.

On an input that was not recorded, the answer is unknown: ``hypothesis.reject()``
drops the example (neither a pass nor a failure), so shrinking keeps only examples
whose answer is known. A failure found on a bank example says so in its details.

Three modes, one interface (``reference(module)`` in ``grader.checks``):
``solutions/`` present: the real references; absent: this record; and while
``grader.release`` records (``GRADER_RECORDING`` set), the real references with every
outermost call written down.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import inspect
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import hypothesis
import torch
from hypothesis import reject

from grader.fixtures import Fixture
from grader.hypothesis_internals import current_example

RECORD = Path(__file__).resolve().parent / "assets" / "references.json.gz"
FORMAT = 1
DRAWN, BANK = "drawn", "bank"
BANK_NOTE = ("This example comes from the course's bank of small recorded inputs: the "
             "student edition compares with the reference's recorded answers, not its code.")


class Unkeyable(Exception):
    """An argument that cannot be digested (so an answer for it cannot be recorded)."""


# ---- the digest of a call ------------------------------------------------------------


def _feed(digest: Any, value: Any) -> None:
    kind = type(value)
    if value is None or kind in (bool, int, str):
        digest.update(f"{kind.__name__}:{value!r};".encode())
    elif kind is float:
        digest.update(f"float:{value.hex()};".encode())
    elif isinstance(value, torch.dtype):
        digest.update(f"dtype:{value};".encode())
    elif kind is torch.Tensor or isinstance(value, torch.nn.Parameter):
        tensor = value.detach().contiguous()
        digest.update(f"tensor:{tensor.dtype}:{tuple(tensor.shape)}:".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    elif kind is Fixture:
        digest.update(f"fixture:{value.factory}:".encode())
        _feed(digest, value.params)
    elif kind in (list, tuple):
        digest.update(f"{kind.__name__}:{len(value)}:".encode())
        for item in value:
            _feed(digest, item)
    elif kind is dict:
        digest.update(f"dict:{len(value)}:".encode())
        for key in sorted(value, key=str):
            _feed(digest, key)
            _feed(digest, value[key])
    elif isinstance(getattr(value, "fixture", None), Fixture):  # a fixture the grader built
        _feed(digest, value.fixture)
    elif getattr(value, "__module__", "").startswith("reference_") and callable(value):
        digest.update(f"reference:{value.__module__}.{value.__name__};".encode())
    elif isinstance(value, torch.nn.Module):  # the course's trained classifier
        digest.update(f"module:{type(value).__name__}:".encode())
        _feed(digest, dict(value.state_dict()))
    else:
        raise Unkeyable(type(value).__name__)


def call_key(args: tuple, kwargs: dict) -> str:
    """The digest of a call's arguments: equal exactly when every argument is equal to
    the last bit (tensors by dtype, shape and bytes; fixtures by their parameters)."""
    digest = hashlib.sha256()
    _feed(digest, list(args))
    _feed(digest, kwargs)
    return digest.hexdigest()[:32]


# ---- answers as JSON -------------------------------------------------------------------


def encode(value: Any) -> Any:
    """An answer as JSON data; Unkeyable for anything else than plain values."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if isinstance(value, torch.dtype):
        return {"dtype": str(value).removeprefix("torch.")}
    if kind is torch.Tensor or isinstance(value, torch.nn.Parameter):
        tensor = value.detach().contiguous()
        data = base64.b64encode(tensor.reshape(-1).view(torch.uint8).numpy().tobytes()).decode()
        return {"tensor": [str(tensor.dtype).removeprefix("torch."), list(tensor.shape), data]}
    if kind is list:
        return [encode(v) for v in value]
    if kind is tuple:
        return {"tuple": [encode(v) for v in value]}
    if kind is dict and all(type(k) is str for k in value):
        return {"dict": {k: encode(v) for k, v in value.items()}}
    raise Unkeyable(kind.__name__)


def decode(data: Any) -> Any:
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "tensor" in data:
        dtype_name, shape, payload = data["tensor"]
        dtype = getattr(torch, dtype_name)
        raw = bytearray(base64.b64decode(payload))
        flat = torch.frombuffer(raw, dtype=torch.uint8) if raw else torch.zeros(0, dtype=torch.uint8)
        return flat.view(dtype).reshape(shape).clone()
    if "tuple" in data:
        return tuple(decode(v) for v in data["tuple"])
    if "dict" in data:
        return {k: decode(v) for k, v in data["dict"].items()}
    return getattr(torch, data["dtype"])


# ---- the record, read (student edition) -------------------------------------------------


@functools.cache
def _record() -> dict[str, Any]:
    with gzip.open(RECORD, "rt", encoding="utf-8") as file:
        record = json.load(file)
    if record.get("format") != FORMAT:
        raise RuntimeError(f"{RECORD.name} is of another format than this grader reads; "
                           "build the student edition again")
    return record


def available() -> bool:
    return RECORD.is_file()


def recorded_seed() -> int:
    """The seed the answers were recorded with (the course's default seed)."""
    return int(_record()["seed"])


def versions() -> dict[str, str]:
    """What draws the inputs: the same seed gives the same inputs under the same versions."""
    return {"torch": torch.__version__.split("+")[0], "hypothesis": hypothesis.__version__}


def version_problem() -> str | None:
    """A sentence if the installed torch or hypothesis is not what the answers were
    recorded with (the checks would then draw inputs the record does not know)."""
    recorded_with = _record().get("versions", {})
    differ = [f"{name} {installed} (recorded with {recorded_with.get(name)})"
              for name, installed in versions().items() if recorded_with.get(name) != installed]
    return f"installed: {', '.join(differ)}; install the versions pyproject.toml pins" if differ else None


def handout_parameters(name: str) -> tuple[tuple[str, int, bool], ...]:
    """The handout's parameters of an exercise: (name, inspect kind, has a default)."""
    return tuple((p, kind, has_default) for p, kind, has_default in _record()["signatures"].get(name, ()))


class _Example:
    """Which kinds of recorded answers the current hypothesis example looked up."""

    def __init__(self) -> None:
        self.context: object | None = None
        self.sources: set[str] = set()

    def saw(self, source: str) -> None:
        context = current_example()
        if context is not self.context:
            self.context, self.sources = context, set()
        self.sources.add(source)

    def from_bank(self) -> bool:
        return BANK in self.sources and current_example() is self.context


_example = _Example()


def bank_note(details: str) -> str:
    """``details`` with a note when the example being checked comes from the bank."""
    if not _example.from_bank():
        return details
    return f"{details}\n{BANK_NOTE}".strip()


def _answer(function: str, key: str) -> Any:
    """The recorded answer, or ``reject()``: an unknown input is no example at all."""
    found = _record()["functions"].get(function, {}).get(key)
    if found is None:
        reject()
    source, data = found
    _example.saw(source)
    if isinstance(data, dict) and "raises" in data:
        raise ValueError(data["raises"])
    return decode(data)


# inspect's parameter kinds by their number (grader.layout's Parameter tuples hold it).
KINDS = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD,
         inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD)


class RecordedFunction:
    """A reference function that answers from the record; it has the reference's
    signature (read from the record too)."""

    def __init__(self, module: str, name: str) -> None:
        self.__module__ = f"reference_{module}"
        self.__name__ = self.__qualname__ = name
        self._function = f"{module}.{name}"
        parameters = [
            inspect.Parameter(p, KINDS[kind], default=None if has_default else inspect.Parameter.empty)
            for p, kind, has_default in handout_parameters(name)
        ]
        self.__signature__ = inspect.Signature(parameters)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            key = call_key(args, kwargs)
        except Unkeyable:
            reject()
        return _answer(self._function, key)


class RecordedModule:
    """``reference(module)`` in the student edition: its exercises' functions, recorded."""

    def __init__(self, module: str) -> None:
        self.__name__ = f"reference_{module}"
        self._module = module

    def __getattr__(self, name: str) -> RecordedFunction:
        if name.startswith("_") or name not in _record()["signatures"]:
            raise AttributeError(f"the student edition records no reference function {name!r}")
        function = RecordedFunction(self._module, name)
        setattr(self, name, function)
        return function


# ---- the record, written (while building the student edition) ---------------------------

RECORDING = "GRADER_RECORDING"


class Recorder:
    """Every outermost call to a reference, with its answer, by function and digest."""

    def __init__(self) -> None:
        self.functions: dict[str, dict[str, list]] = {}
        self.source = DRAWN
        self.depth = 0  # calls inside a recorded call are not recorded themselves
        self.unrecorded: dict[str, int] = {}  # function -> calls that could not be recorded

    def call(self, function: str, wrapped: Callable, args: tuple, kwargs: dict) -> Any:
        if self.depth:
            return wrapped(*args, **kwargs)
        try:
            key = call_key(args, kwargs)
        except Unkeyable:
            key = None
        self.depth += 1
        try:
            value = wrapped(*args, **kwargs)
        except ValueError as error:
            self._keep(function, key, {"raises": str(error)})
            raise
        finally:
            self.depth -= 1
        try:
            self._keep(function, key, encode(value))
        except Unkeyable:
            self._keep(function, None, None)
        return value

    def _keep(self, function: str, key: str | None, data: Any) -> None:
        if key is None:
            self.unrecorded[function] = self.unrecorded.get(function, 0) + 1
            return
        self.functions.setdefault(function, {}).setdefault(key, [self.source, data])

    def document(self, signatures: dict[str, list], seed: int) -> dict[str, Any]:
        return {"format": FORMAT, "seed": seed, "versions": versions(), "signatures": signatures,
                "functions": self.functions}


recorder: Recorder | None = Recorder() if os.environ.get(RECORDING) else None


def recording_module(loaded: ModuleType, module: str) -> Any:
    """The reference module with each of its functions writing its calls down."""

    class Recording:
        def __getattr__(self, name: str) -> Any:
            value = getattr(loaded, name)
            if not (inspect.isfunction(value) and value.__module__ == loaded.__name__):
                return value
            function = f"{module}.{name}"

            @functools.wraps(value)
            def recording(*args: Any, **kwargs: Any) -> Any:
                return recorder.call(function, value, args, kwargs)

            recording.__module__ = loaded.__name__
            setattr(self, name, recording)
            return recording

    return Recording()


def recorded(helper: Callable) -> Callable:
    """A check's helper that computes an expected value from the references (through
    autograd, or over several steps): recorded as one answer for the student edition."""
    function = f"{helper.__module__}.{helper.__qualname__}"

    @functools.wraps(helper)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if recorder is not None:
            return recorder.call(function, helper, args, kwargs)
        if in_use():
            try:
                key = call_key(args, kwargs)
            except Unkeyable:
                reject()
            return _answer(function, key)
        return helper(*args, **kwargs)

    return wrapper


SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"


@functools.cache
def in_use() -> bool:
    """True in the student edition: no reference solutions, answers from the record."""
    return not SOLUTIONS.is_dir() and available()


def check_seed(seed: int) -> None:
    """The student edition knows the answers for the recorded seed only: another seed is
    refused in one line (official grading with the references may use any)."""
    from grader.paths import UsageError

    if in_use() and seed != recorded_seed():
        raise UsageError(f"this is the student edition: it grades with the seed its answers were "
                         f"recorded with ({recorded_seed()}); grade with another seed from the "
                         "course's full repository")

