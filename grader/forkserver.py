"""Start the fork server (``grader.zygote``) and talk to it.

The server is a fresh interpreter that imports torch (and the tripwires of
``grader.worker``) once and never sees a reference solution or an expected
value; each worker is forked from it. This module imports nothing heavy, so
that ``start_server()``, called first thing, lets the server import torch while
the grader imports it too.
"""

from __future__ import annotations

import os
import pickle
import socket
import subprocess
import sys
import threading
from pathlib import Path

# The only variables of the grader's environment the fork server (and so every
# worker) inherits: a teaching assistant's tokens, proxies and paths stay out.
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
# Where ``grader`` is imported from: the server is started with ``-P`` (the current
# folder is not on its path: it may be the student's), so it is told this instead.
PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)


class ForkServerFailed(Exception):
    """The fork server could not start a worker (see the message)."""


def _environment() -> dict[str, str]:
    kept = {name: os.environ[name] for name in KEPT_ENVIRONMENT if name in os.environ}
    return {**kept, "PYTHONPATH": PACKAGE_PARENT, "OMP_NUM_THREADS": "1"}


class ServerGone(Exception):
    """The fork server closed its end."""


class _ForkServer:
    """The grader's handle on ``grader.zygote``; shared by all threads.

    It has one control connection per grading process (``grade-batch`` forks
    several): a forked grader takes its own with ``use_connection``.
    """

    def __init__(self, connections: int = 1) -> None:
        self.connections = connections
        self._launch(connections)

    def _launch(self, connections: int) -> None:
        pairs = [socket.socketpair() for _ in range(connections)]
        self.controls = [ours for ours, _ in pairs]
        theirs = [pair[1].fileno() for pair in pairs]
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "grader.zygote", *map(str, theirs)],
            pass_fds=theirs,
            stdin=subprocess.DEVNULL,
            env=_environment(),
            cwd="/",
            start_new_session=True,  # no controlling terminal for it or its workers
        )
        for _, their_end in pairs:
            their_end.close()
        self.use_connection(0)

    def keep_only(self, index: int | None) -> None:
        """Close the control connections but ``index`` (all with None): when this
        process ends, the server sees its connection close and kills its workers."""
        for number, control in enumerate(self.controls):
            if number != index:
                control.close()
        if index is not None:
            self.use_connection(index)

    def restart(self) -> None:
        """A fork server of this process's own, from a clean start (the previous one
        died, or is shared with a grading process that was killed mid-request)."""
        for control in self.controls:
            control.close()
        self._launch(1)

    def use_connection(self, index: int) -> None:
        """Talk over control connection ``index`` from now on (after a fork)."""
        self.control = self.controls[index]
        self.lock = threading.Lock()
        self.ready = False

    def _request(self, message: dict, fds: list[int] = ()) -> tuple[dict, list[int]]:
        """Send a request, and read the answer and the descriptors that came with it.
        If the server has died, start another and ask again."""
        payload = pickle.dumps(message)
        with self.lock:
            for attempt in (1, 2):
                try:
                    if not self.ready:
                        self._read()  # the server says "ready" once torch is imported
                        self.ready = True
                    socket.send_fds(self.control, [len(payload).to_bytes(8, "big")], list(fds))
                    self.control.sendall(payload)
                    return self._read()
                except (ServerGone, OSError):
                    if attempt == 2 or message["op"] != "start":
                        raise ForkServerFailed("the grader's fork server stopped") from None
                    self.process.kill()
                    self.process.wait()
                    self.restart()
        raise AssertionError("unreachable")

    def _read(self) -> tuple[dict, list[int]]:
        header, fds, _, _ = socket.recv_fds(self.control, 8, 4)
        if not header:
            raise ServerGone()
        header += self._exactly(8 - len(header))
        return pickle.loads(self._exactly(int.from_bytes(header, "big"))), fds

    def _exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.control.recv(size - len(data))
            if not chunk:
                raise ServerGone()
            data += chunk
        return data

    def start(self, spec: dict, sock: socket.socket) -> tuple[int, int | None, bool]:
        """Start a worker serving ``sock``: its pid (for ``exit_status``), a pidfd to
        kill it by (None if it has already ended), and whether killing it kills every
        process it started."""
        answer, fds = self._request({"op": "start", "spec": spec}, [sock.fileno()])
        if "error" in answer:
            for fd in fds:
                os.close(fd)
            raise ForkServerFailed(answer["error"])
        return answer["pid"], (fds[0] if fds else None), answer["whole"]

    def exit_status(self, pid: int) -> int | None:
        try:
            return self._request({"op": "status", "pid": pid})[0]["status"]
        except ForkServerFailed:
            return None


_server: _ForkServer | None = None


def start_server(connections: int = 1) -> None:
    """Start the fork server now (it imports torch in parallel with the grader)."""
    global _server
    if _server is None:
        _server = _ForkServer(connections)


def server() -> _ForkServer:
    start_server()
    return _server
