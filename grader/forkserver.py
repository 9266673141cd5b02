"""Start the fork server (``grader.zygote``) and talk to it.

The server is a fresh interpreter that imports torch (and the tripwires of
``grader.worker``) once and never sees a reference solution or an expected
value; each worker is forked from it. This module imports nothing heavy, so
that ``start_server()``, called first thing, lets the server import torch while
the grader imports it too.
"""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
import threading


class _ForkServer:
    """The grader's handle on ``grader.zygote``; shared by all threads.

    It has one control connection per grading process (``grade-batch`` forks
    several): a forked grader takes its own with ``use_connection``.
    """

    def __init__(self, connections: int = 1) -> None:
        self.connections = connections
        pairs = [socket.socketpair() for _ in range(connections)]
        self.controls = [ours for ours, _ in pairs]
        theirs = [pair[1].fileno() for pair in pairs]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader.zygote", *map(str, theirs)],
            pass_fds=theirs,
            stdin=subprocess.DEVNULL,
        )
        for _, their_end in pairs:
            their_end.close()
        self.use_connection(0)

    def use_connection(self, index: int) -> None:
        """Talk over control connection ``index`` from now on (after a fork)."""
        self.control = self.controls[index]
        self.lock = threading.Lock()
        self.ready = False

    def _request(self, message: dict, fds: list[int] = ()) -> dict:
        payload = pickle.dumps(message)
        with self.lock:
            if not self.ready:
                self._read()  # the server says "ready" once torch is imported
                self.ready = True
            socket.send_fds(self.control, [len(payload).to_bytes(8, "big")], list(fds))
            self.control.sendall(payload)
            return self._read()

    def _read(self) -> dict:
        header = self._exactly(8)
        return pickle.loads(self._exactly(int.from_bytes(header, "big")))

    def _exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.control.recv(size - len(data))
            if not chunk:
                raise RuntimeError("the grader's fork server stopped; see the messages above")
            data += chunk
        return data

    def start(self, spec: dict, sock: socket.socket) -> int:
        return self._request({"op": "start", "spec": spec}, [sock.fileno()])["pid"]

    def exit_status(self, pid: int) -> int | None:
        return self._request({"op": "status", "pid": pid})["status"]


_server: _ForkServer | None = None


def start_server(connections: int = 1) -> None:
    """Start the fork server now (it imports torch in parallel with the grader)."""
    global _server
    if _server is None:
        _server = _ForkServer(connections)


def server() -> _ForkServer:
    start_server()
    return _server
