"""The fork server: a clean process that has imported torch, and forks workers.

``python -m grader.zygote FD ...`` is started by ``grader.forkserver`` as a fresh
interpreter, so it holds nothing of the grader's (no reference solution, no
expected value). It imports torch and the worker's tripwires once; then each
request on a control socket ``FD`` (one per grading process) brings a worker
spec and a socket, and the server forks a worker that serves that socket. Forking a process that has
imported torch takes milliseconds instead of the second and a half of an import.

Control messages are pickles from the grader (trusted); the answers are small
dicts: ``{"pid": N}`` for a start, ``{"status": S}`` for an exit status.
"""

from __future__ import annotations

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

PR_SET_PDEATHSIG = 1


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


def main(control_fds: list[int]) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the grader answers
    # it; the server just dies with the grader, without a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    import torch

    from grader import worker  # imports torch's modules and installs the tripwires

    torch.set_num_threads(1)  # a forked child of a multi-threaded OpenMP parent deadlocks
    # Torch's objects live as long as the server: a worker's garbage collector need not
    # scan them (nor copy their pages by touching them).
    gc.freeze()
    controls = [socket.socket(fileno=fd) for fd in control_fds]
    for control in controls:
        _reply(control, {"ready": True})
    exits: dict[int, int] = {}
    while controls:
        control = select.select(controls, [], [])[0][0]
        request, fds = _receive(control)
        if request is None:  # that grading process has finished
            controls.remove(control)
            control.close()
            continue
        if request["op"] == "start":
            pid = os.fork()
            if pid == 0:
                for each in controls:
                    each.close()
                _die_with_parent()
                os.setpgid(0, 0)  # a group of its own: the grader kills whatever it forks, too
                code = 0
                try:
                    worker.serve(Connection(fds[0]), request["spec"])
                except BaseException:  # noqa: BLE001 - the exit status says it
                    code = 1
                os._exit(code)
            for fd in fds:
                os.close(fd)
            _reply(control, {"pid": pid})
        elif request["op"] == "status":
            _reply(control, {"status": _exit_status(request["pid"], exits)})
        # Reap finished workers so that they do not linger as zombies.
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            exits[pid] = status
            if len(exits) > 10_000:
                exits.pop(next(iter(exits)))


def _exit_status(pid: int, exits: dict[int, int]) -> int | None:
    """The wait status of a worker, waiting up to two seconds for it to end."""
    deadline = time.monotonic() + 2
    while pid not in exits:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if done:
            exits[pid] = status
        elif time.monotonic() > deadline:
            return None
        else:
            time.sleep(0.01)
    return exits.pop(pid)


if __name__ == "__main__":
    main([int(fd) for fd in sys.argv[1:]])
