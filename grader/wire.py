"""What crosses between the grader and the worker that runs student code.

The grader sends inputs as ordinary pickles (the worker trusts the grader).
The worker answers with *plain data only*: ``None``, booleans, numbers, strings,
lists, tuples and dicts of those, and tensors flattened to ``("tensor", dtype,
shape, bytes)``. The grader reads the answer with an unpickler that refuses
every class, so no student object, and no tensor subclass whose ``__eq__`` or
``__torch_function__`` lies, is ever rebuilt in the grader's process.
"""

from __future__ import annotations

import io
import math
import pickle
from dataclasses import dataclass
from typing import Any

import torch

from grader.i18n import _

# Bounds a lying or runaway worker cannot push the grader past. The course's answers
# are at most a few megabytes; reading one costs the grader a few times its size.
MAX_MESSAGE_BYTES = 64 * 2**20
MAX_DEPTH = 8
MAX_ITEMS = 100_000
MAX_DIMENSIONS = 16
MAX_ELEMENTS = MAX_MESSAGE_BYTES  # counting each dimension of size 0 as 1

_DTYPES = {
    str(dtype): dtype
    for dtype in (
        torch.float16,
        torch.bfloat16,
        torch.float32,
        torch.float64,
        torch.complex64,
        torch.complex128,
        torch.uint8,
        torch.int8,
        torch.int16,
        torch.int32,
        torch.int64,
        torch.bool,
    )
}


@dataclass(frozen=True)
class Foreign:
    """Something the student returned that is not plain data (shown by its type)."""

    description: str

    def __repr__(self) -> str:
        return self.description


class ProtocolError(Exception):
    """The worker sent something that is not a well-formed answer."""


# ---- to the worker: requests --------------------------------------------------------


def tensor_from_numpy(array: Any) -> torch.Tensor:
    return torch.from_numpy(array)


class _RequestPickler(pickle.Pickler):
    """Tensors travel as NumPy arrays: torch's own pickling is ten times slower."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is torch.Tensor and obj.dtype != torch.bfloat16:
            return tensor_from_numpy, (obj.detach().numpy().copy(),)
        return NotImplemented


def dumps_request(request: Any) -> bytes:
    buffer = io.BytesIO()
    _RequestPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(request)
    return buffer.getvalue()


# ---- in the worker: encode -------------------------------------------------------


def encode(value: Any, depth: int = 0) -> Any:
    """Turn a student's return value into plain data (runs in the worker)."""
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is torch.Tensor:
        if value.device.type != "cpu":
            return ("foreign", _("a tensor on device {device}").format(device=repr(value.device.type)))
        if value.is_sparse or value.layout != torch.strided:
            return ("foreign", _("a tensor with layout {layout}").format(layout=value.layout))
        # A fresh dense copy: .contiguous() keeps a stride of 0 on a size-1 dimension
        # (torch.tensor(0.).expand(1).clone()), which .view(torch.uint8) refuses.
        data = torch.empty(value.numel(), dtype=value.dtype).copy_(value.detach().reshape(-1))
        raw = data.view(torch.uint8).numpy().tobytes() if data.numel() else b""
        return ("tensor", str(value.dtype), tuple(value.shape), raw)
    if kind in (list, tuple) and depth < MAX_DEPTH:
        return (kind.__name__, [encode(item, depth + 1) for item in value])
    if isinstance(value, torch.Tensor):
        return ("foreign", _("a {type} (a subclass of torch.Tensor)").format(type=_type_name(kind)))
    return ("foreign", _("an object of type {type}").format(type=_type_name(kind)))


def _type_name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


# ---- in the grader: decode -------------------------------------------------------


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise ProtocolError(_("the worker's answer asked to rebuild {name}").format(name=f"{module}.{name}"))


def loads_plain(raw: bytes) -> Any:
    """Unpickle an answer that may only hold builtin plain data."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ProtocolError(_("the worker's answer is too large"))
    try:
        return _PlainUnpickler(io.BytesIO(raw)).load()
    except ProtocolError:
        raise
    except Exception as error:  # a truncated or forged pickle
        raise ProtocolError(_("the worker's answer is malformed: {error}").format(error=error)) from None


def decode(value: Any, depth: int = 0, budget: list[int] | None = None) -> Any:
    """Rebuild a value from ``encode``'s plain data, checking every part of it."""
    budget = [MAX_ITEMS] if budget is None else budget
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH + 1:
        raise ProtocolError(_("the worker's answer is nested too deeply or too long"))
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return value
    if kind is not tuple or not value or type(value[0]) is not str:
        raise ProtocolError(_("unexpected item in the worker's answer: {item}").format(item=kind.__name__))
    tag = value[0]
    if tag == "foreign" and len(value) == 2 and type(value[1]) is str:
        return Foreign(value[1][:200])
    if tag in ("list", "tuple") and len(value) == 2 and type(value[1]) is list:
        items = [decode(item, depth + 1, budget) for item in value[1]]
        return items if tag == "list" else tuple(items)
    if tag == "tensor" and len(value) == 4:
        return _decode_tensor(*value[1:])
    raise ProtocolError(_("unexpected item in the worker's answer: {item}").format(item=repr(tag)))


def _decode_tensor(dtype_name: Any, shape: Any, raw: Any) -> torch.Tensor:
    if type(dtype_name) is not str or dtype_name not in _DTYPES:
        raise ProtocolError(_("unexpected tensor dtype {dtype}").format(dtype=repr(dtype_name)[:100]))
    if type(shape) is not tuple or len(shape) > MAX_DIMENSIONS or not all(type(n) is int and n >= 0 for n in shape):
        raise ProtocolError(_("unexpected tensor shape {shape}").format(shape=repr(shape)[:200]))
    # An empty tensor takes no bytes whatever its other dimensions claim: bound them too.
    if math.prod(max(n, 1) for n in shape) > MAX_ELEMENTS:
        raise ProtocolError(_("a tensor shape too large to be an answer: {shape}").format(shape=repr(shape)[:200]))
    if type(raw) is not bytes:
        raise ProtocolError(_("tensor data is not bytes"))
    dtype = _DTYPES[dtype_name]
    numel = math.prod(shape)
    if len(raw) != numel * dtype.itemsize:
        raise ProtocolError(_("tensor data does not match its shape"))
    if numel == 0:
        return torch.empty(shape, dtype=dtype)
    # A bytearray of its own (writable, aligned by Python's allocator) that the tensor keeps.
    return torch.frombuffer(bytearray(raw), dtype=dtype).reshape(shape)
