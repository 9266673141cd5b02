"""The grader's side of a worker: start it, send it calls, read its answers safely.

Workers are forked by the fork server (``grader.forkserver``), so a worker starts
in milliseconds and holds nothing of the grader's.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import select
import shutil
import signal
import socket
import stat
import struct
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from grader import i18n, layout, wire
from grader.forkserver import ForkServerFailed, server
from grader.i18n import N_, _

# Generous for the course's small inputs; a student's infinite loop costs this much.
CALL_TIMEOUT = 10.0
LOAD_TIMEOUT = 20.0
LIMITS = {
    "memory_bytes": 3 * 2**30,  # on top of what the worker already maps (torch)
    "cpu_seconds": 120,
    "file_bytes": 16 * 2**20,
    "processes": 64,
}



# What a signal that ended a worker most likely means.
DEATHS = {
    "SIGSEGV": N_("the process running your code crashed with a segmentation fault (SIGSEGV)"),
    "SIGKILL": N_("the process running your code was killed (SIGKILL): it may have used too much memory"),
    "SIGXCPU": N_("the process running your code used up its CPU time limit"),
    "SIGXFSZ": N_("the process running your code wrote a file larger than the limit"),
}

# Folders a worker must not see, even where they lie inside what its root shows
# (a checkout under /usr, say: grader.isolation covers them): the reference
# solutions always; the commands add other students' submissions and the output folder.
HIDDEN: list[Path] = [Path(__file__).resolve().parent.parent / "solutions"]


def hide(*folders: Path) -> None:
    """Hide these folders from workers too, unless a worker needs what is inside
    (the grader's own package, the Python installation)."""
    needed = [
        Path(__file__).resolve().parent,  # the grader itself
        Path(sys.prefix).resolve(),  # the virtual environment
        Path(os.__file__).resolve().parent,  # the standard library
        Path(tempfile.gettempdir()).resolve(),  # workers' folders and scratch mount point
    ]
    for folder in folders:
        folder = folder.resolve()
        if not any(n == folder or folder in n.parents for n in needed) and folder not in HIDDEN:
            HIDDEN.append(folder)


@contextlib.contextmanager
def on_one_cpu(index: int, processes: int) -> Iterator[None]:
    """Run grading process ``index`` of ``processes``, and the workers it starts
    meanwhile, on a CPU of its own: the ``index``-th of those it may use. With more
    grading processes than CPUs, the system's scheduler places them instead.

    A grader and its worker take turns (the grader waits while the worker runs the
    student's function, and the other way round), so they never need two CPUs at
    once. On one CPU an answer reaches the waiting side without a wake-up across
    CPUs, and each finds its data still in the cache: on a 2-CPU machine a call's
    round trip took ~40 % less time. Where the CPUs cannot be chosen, nothing changes.
    """
    try:
        allowed = os.sched_getaffinity(0)
        if processes > len(allowed):
            allowed = None
        else:
            os.sched_setaffinity(0, {sorted(allowed)[index]})
    except OSError:
        allowed = None
    try:
        yield
    finally:
        if allowed is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, allowed)


@functools.cache
def scratch_mount_point() -> str:
    """The folder every worker builds its root on (see ``isolation.lock_down``). One
    for all: in its own mount namespace each worker sees only its own tmpfs there,
    and the grader's view stays an empty folder.
    (Removing a folder of each worker's own, a mount point in another namespace,
    took milliseconds: a tenth of grade-batch's time.)"""
    path = Path(tempfile.gettempdir()) / f"grader-scratch-{os.getuid()}"
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():  # not ours: do not use it
        return tempfile.mkdtemp(prefix="grader-scratch-")
    return str(path)


class WorkerLost(BaseException):
    """The worker died, hung, or broke the protocol. A BaseException so that
    hypothesis stops at once instead of shrinking an input that kills workers."""

    def __init__(self, reason: str, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out  # it hung, rather than died or broke the protocol


@dataclass
class Answer:
    """One call's outcome, as plain data the grader has checked."""

    status: str  # returned | raised | banned | exited | missing
    value: Any = None
    inputs_after: list[Any] = field(default_factory=list)
    grads: list[Any] | None = None
    grad_error: str | None = None
    global_rng_changed: bool = False
    requires_grad: bool = False  # the returned tensor is attached to an autograd graph
    error_type: str = ""
    error_bases: list[str] = field(default_factory=list)
    message: str = ""
    where: str = ""
    raised_in: str = ""  # the function of the student's file that raised, if the error came from there
    printed: str = ""


def _text(answer: dict, key: str) -> str:
    value = answer.get(key, "")
    return value if type(value) is str else ""


class Worker:
    """One worker process with one submission file loaded."""

    def __init__(self, path: Path, module: str) -> None:
        self.path = path
        self.pid: int | None = None
        # The grader reads the file itself (never a link, never more than a source
        # file's size): the worker gets its bytes, and never opens a submitted path.
        try:
            self.source = layout.read_submitted(path)
        except layout.SubmittedFileProblem as problem:
            raise WorkerLost(problem.sentence) from None
        ours, theirs = socket.socketpair()
        self.workdir = tempfile.mkdtemp(prefix="grader-worker-")
        spec = {
            "path": str(path),
            "source": self.source,
            "module": module,
            "limits": LIMITS,
            "hide": [str(p) for p in HIDDEN],
            "workdir": self.workdir,
            "scratch": scratch_mount_point(),
            "cpus": sorted(os.sched_getaffinity(0)),
            "lang": i18n.language(),  # the worker's sentences (not the fork server's environment's)
        }
        try:
            self.pid, self._handle, self._whole = server().start(spec, theirs)
        except ForkServerFailed as error:
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise WorkerLost(_("the grader could not start a process for your code: {error}").format(
                error=error)) from None
        finally:
            theirs.close()
        self.parent_end = Connection(ours.detach())
        # One poll object for all the calls (Connection.poll builds a selector each time).
        self._answer_ready = select.poll()
        self._answer_ready.register(self.parent_end.fileno(), select.POLLIN)
        # The worker's first message, sent before it runs a line of the student's:
        # how it is locked down. Only this one is believed about that.
        locked = self._receive(LOAD_TIMEOUT, _("starting the process for your code"))
        self.isolation = _text(locked, "isolation") if locked.get("status") == "locked" else ""
        if locked.get("status") != "locked":
            self.close()
            raise WorkerLost(_("the process for your code could not be locked down: {why}").format(
                why=_text(locked, "message") or _("no answer")))
        self.loaded = self._receive(LOAD_TIMEOUT, _("loading your file"))

    # The load answer: {"status": "loaded", "functions": [...]} or a load failure.
    @property
    def functions(self) -> list[str]:
        names = self.loaded.get("functions", [])
        return [n for n in names if type(n) is str] if type(names) is list else []

    def call(
        self,
        function: str,
        args: list[Any],
        kwargs: dict[str, Any],
        *,
        grad_wrt: list[int] | None = None,
        cotangent: Any = None,
        inputs_after: bool = False,
        timeout: float = CALL_TIMEOUT,
    ) -> Answer:
        request = {
            "function": function,
            "args": args,
            "kwargs": kwargs,
            "grad_wrt": grad_wrt,
            "cotangent": cotangent,
            "inputs_after": inputs_after,  # only when asked: encoding them is a third of a call
        }
        try:
            # Our own pickling: Connection.send would hand tensors over as shared memory.
            self.parent_end.send_bytes(wire.dumps_request(request))
        except (BrokenPipeError, OSError):
            raise WorkerLost(self._death()) from None
        raw = self._receive(timeout, _("running {function}").format(function=function))
        try:
            answer = self._answer(raw)
            if inputs_after and answer.status == "returned" and len(answer.inputs_after) != len(args):
                raise wire.ProtocolError(_("inputs_after does not match the arguments"))
            return answer
        except wire.ProtocolError as error:
            self.close()
            raise WorkerLost(_("the worker's answer could not be read ({error})").format(error=error)) from None

    def _answer(self, raw: dict) -> Answer:
        status = _text(raw, "status")
        if status not in ("returned", "raised", "banned", "exited", "missing"):
            raise wire.ProtocolError(_("unknown status {status}").format(status=repr(status)))
        answer = Answer(status=status, printed=_text(raw, "printed"))
        if status == "returned":
            answer.value = wire.decode(raw.get("value"))
            after = raw.get("inputs_after", [])
            if type(after) is not list:
                raise wire.ProtocolError(_("inputs_after is not a list"))
            answer.inputs_after = [_decode_snapshot(item) for item in after]
            grads = raw.get("grads")
            if grads is not None:
                if type(grads) is not list:
                    raise wire.ProtocolError(_("grads is not a list"))
                answer.grads = [None if g is None else wire.decode(g) for g in grads]
            answer.grad_error = raw.get("grad_error") if type(raw.get("grad_error")) is str else None
            answer.global_rng_changed = raw.get("global_rng_changed") is True
            answer.requires_grad = raw.get("requires_grad") is True
        elif status == "raised":
            answer.error_type = _text(raw, "type")
            bases = raw.get("bases")
            answer.error_bases = [b for b in bases if type(b) is str] if type(bases) is list else []
            answer.message = _text(raw, "message")
            answer.where = _text(raw, "where")
            answer.raised_in = _text(raw, "raised_in")
        elif status == "banned":
            answer.message = _text(raw, "call")
        elif status == "exited":
            answer.message = _text(raw, "code")
        return answer

    def _receive(self, timeout: float, doing: str) -> dict:
        """The worker's next answer, whole, within ``timeout`` seconds (a worker that sends
        half an answer and sleeps is as late as one that sends nothing)."""
        deadline = time.monotonic() + timeout
        self._timeout = timeout
        size = struct.unpack("!i", self._read_exactly(4, deadline, doing))[0]
        if size == -1:  # multiprocessing's header of a message over 2 GiB
            size = struct.unpack("!Q", self._read_exactly(8, deadline, doing))[0]
        if not 0 <= size <= wire.MAX_MESSAGE_BYTES:
            self.close()
            raise WorkerLost(_("your function's answer is larger than the grader accepts ({size} MB)").format(
                size=wire.MAX_MESSAGE_BYTES // 2**20))
        raw = self._read_exactly(size, deadline, doing)
        try:
            answer = wire.loads_plain(raw)
        except wire.ProtocolError as error:
            self.close()
            raise WorkerLost(_("the worker's answer could not be read ({error})").format(error=error)) from None
        if type(answer) is not dict:
            self.close()
            raise WorkerLost(_("the worker's answer could not be read"))
        return answer

    def _read_exactly(self, size: int, deadline: float, doing: str) -> bytearray:
        buffer = bytearray(size)
        view = memoryview(buffer)
        got = 0
        while got < size:
            left = deadline - time.monotonic()
            if left <= 0 or not self._answer_ready.poll(left * 1000):
                if time.monotonic() < deadline:
                    continue
                self.close()
                raise WorkerLost(_("timed out after {seconds} s while {doing} (an endless loop?)").format(
                    seconds=f"{self._timeout:g}", doing=doing), timed_out=True)
            try:
                count = os.readv(self.parent_end.fileno(), [view[got:]])
            except OSError:
                count = 0
            if count == 0:
                raise WorkerLost(self._death())
            got += count
        return buffer

    def _death(self) -> str:
        status = server().exit_status(self.pid) if self.pid else None
        self.close()
        if status is None:
            return _("the process running your code stopped answering")
        if os.WIFSIGNALED(status):
            name = signal.Signals(os.WTERMSIG(status)).name
            if name in DEATHS:
                return _(DEATHS[name])
            return _("the process running your code was killed by {signal}").format(signal=name)
        code = os.WEXITSTATUS(status)
        return _("the process running your code exited with status {code} (os._exit?)").format(code=code)

    def close(self) -> None:
        """Stop the worker: ask politely, and kill it (it may be in an endless loop)."""
        if self.pid is None:
            return
        try:
            self.parent_end.send_bytes(pickle.dumps(None))
        except (BrokenPipeError, OSError):
            pass
        self.parent_end.close()
        # Killing the worker kills everything it started: it is pid 1 of a namespace
        # of its own. (Where the system has no pid namespaces, its session instead.)
        if self._handle is not None:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(self._handle, signal.SIGKILL)
            os.close(self._handle)
            self._handle = None
        if not self._whole:
            with contextlib.suppress(OSError):
                os.killpg(self.pid, signal.SIGKILL)
        self.pid = None
        shutil.rmtree(self.workdir, ignore_errors=True)  # never follows the student's symlinks


def _decode_snapshot(item: Any) -> Any:
    if type(item) is dict:
        return {k: wire.decode(v) for k, v in item.items() if type(k) is str}
    return wire.decode(item)
