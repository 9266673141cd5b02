"""The fork server: a clean process that has imported torch, and forks workers.

``python -m grader.zygote FD ...`` is started by ``grader.forkserver`` as a fresh
interpreter, so it holds nothing of the grader's (no reference solution, no
expected value). It imports torch and the worker's tripwires once; then each
request on a control socket ``FD`` (one per grading process) brings a worker
spec and a socket, and the server forks a worker that serves that socket. Forking a process that has
imported torch takes milliseconds instead of the second and a half of an import.

Control messages are pickles from the grader (trusted); the answers are small
dicts: ``{"pid": N, "whole": W}`` with a pidfd of the worker for a start (or
``{"error": ...}`` when no process could be started), ``{"status": S}`` for an
exit status. The server dies with the grader; the workers a grading process
started are killed when it closes its control connection.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import select
import signal
import socket
import sys
import time
from multiprocessing.connection import Connection

from grader import i18n, isolation

PR_SET_PDEATHSIG = 1
FORK_ATTEMPTS = 40  # about 40 seconds of waiting in all


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _receive(control: socket.socket) -> tuple[dict | None, list[int]]:
    """The next request, or None when the grader has gone."""
    try:
        header, fds, _, _ = socket.recv_fds(control, 8, 1)
    except OSError:
        return None, []
    if len(header) < 8:
        return None, fds
    size = int.from_bytes(header, "big")
    payload = b""
    while len(payload) < size:
        try:
            chunk = control.recv(size - len(payload))
        except OSError:
            return None, fds
        if not chunk:
            return None, fds
        payload += chunk
    return pickle.loads(payload), fds


def _reply(control: socket.socket, message: dict) -> None:
    payload = pickle.dumps(message)
    control.sendall(len(payload).to_bytes(8, "big") + payload)


def _own_namespaces(control_fds: list[int]) -> None:
    """As an ordinary user, go on in a user namespace and a pid namespace of the
    server's own (where the system allows), so that each worker can get namespaces
    of its own too. Runs before torch starts any thread; the process the grader
    started stays behind, waits, and ends as the server ends."""
    if not isolation.enter_user_namespace():
        return
    pid = os.fork()
    if pid == 0:
        _die_with_parent()
        return  # pid 1 of the new namespace: the server proper
    for fd in control_fds:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _fork(namespaces: isolation.PidNamespaces) -> int:
    """Fork a worker; when the system's processes are used up (a fork bomb elsewhere),
    wait a little for them to end rather than die."""
    for attempt in range(FORK_ATTEMPTS):
        try:
            return namespaces.fork()
        except OSError:
            if attempt == FORK_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def main(control_fds: list[int]) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the grader answers
    # it; the server just dies with the grader, without a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _own_namespaces(control_fds)
    import torch

    from grader import worker  # imports torch's modules and installs the tripwires

    torch.set_num_threads(1)  # a forked child of a multi-threaded OpenMP parent deadlocks
    # Each worker speaks the language its request names: read every catalog once here,
    # rather than again in each worker.
    i18n.load_catalogs()
    # Torch's objects live as long as the server: a worker's garbage collector need not
    # scan them (nor copy their pages by touching them).
    gc.freeze()
    namespaces = isolation.PidNamespaces()
    controls = [socket.socket(fileno=fd) for fd in control_fds]
    try:
        for control in controls:
            _reply(control, {"ready": True})
    except (BrokenPipeError, ConnectionResetError):
        os._exit(0)  # the command that started us finished before we were ready: nothing to serve
    exits: dict[int, int] = {}
    live: dict[int, tuple[int, socket.socket]] = {}  # worker pid -> its pidfd, who started it
    while controls:
        control = select.select(controls, [], [])[0][0]
        request, fds = _receive(control)
        if request is None:  # that grading process has finished: so have its workers
            controls.remove(control)
            for handle, starter in live.values():
                if starter is control:
                    with contextlib.suppress(OSError):
                        signal.pidfd_send_signal(handle, signal.SIGKILL)
            control.close()
            continue
        if request["op"] == "start":
            try:
                pid = _fork(namespaces)
            except OSError as error:
                for fd in fds:
                    os.close(fd)
                _reply(control, {"error": f"no process could be started ({error.strerror})"})
                continue
            if pid == 0:
                for each in controls:
                    each.close()
                for handle, _ in live.values():
                    os.close(handle)
                namespaces.close()
                code = 0
                try:
                    worker.serve(Connection(fds[0]), request["spec"], namespaces.available)
                except BaseException:  # noqa: BLE001 - the exit status says it
                    code = 1
                os._exit(code)
            for fd in fds:
                os.close(fd)
            handle = os.pidfd_open(pid)
            live[pid] = (handle, control)
            _reply_with_handle(control, pid, handle, namespaces.available)
        elif request["op"] == "status":
            _reply(control, {"status": _exit_status(request["pid"], exits, live)})
        # Reap finished workers so that they do not linger as zombies.
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            exits[pid] = status
            if pid in live:
                os.close(live.pop(pid)[0])
            if len(exits) > 10_000:
                exits.pop(next(iter(exits)))


def _reply_with_handle(control: socket.socket, pid: int, handle: int, whole: bool) -> None:
    """The worker's pid (in this server's namespace, for ``status``) and a pidfd the
    grader kills it by, whatever namespace each is in; ``whole``: killing it kills
    every process it started (it is pid 1 of its own namespace)."""
    payload = pickle.dumps({"pid": pid, "whole": whole})
    socket.send_fds(control, [len(payload).to_bytes(8, "big")], [handle])
    control.sendall(payload)


def _exit_status(pid: int, exits: dict[int, int], live: dict[int, tuple[int, socket.socket]]) -> int | None:
    """The wait status of a worker, waiting up to two seconds for it to end."""
    deadline = time.monotonic() + 2
    while pid not in exits:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if done:
            exits[pid] = status
            if pid in live:
                os.close(live.pop(pid)[0])
        elif time.monotonic() > deadline:
            return None
        else:
            time.sleep(0.01)
    return exits.pop(pid)


if __name__ == "__main__":
    main([int(fd) for fd in sys.argv[1:]])
