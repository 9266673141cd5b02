"""What ``watch`` reacts to, in one queue: saves, keys, finished checks, problems.

Threads put events (the file watcher, the key reader, one thread per check being
graded); the loop in ``grader.watch.command`` takes them one at a time, so the
state it keeps is only ever changed by one thread.

Files are watched with ``watchfiles`` (inotify on Linux; set
``WATCHFILES_FORCE_POLLING=1`` on a file system without it).
"""

from __future__ import annotations

import os
import queue
import select
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from grader.i18n import _
from grader.verdict import ExerciseVerdict

if TYPE_CHECKING:
    from grader.watch.schedule import Job


@dataclass(frozen=True)
class FilesChanged:
    paths: frozenset[Path]


@dataclass(frozen=True)
class KeyPressed:
    key: str


@dataclass(frozen=True)
class Graded:
    job: Job
    result: ExerciseVerdict | None  # None: the grader itself failed (a Notice said why)


@dataclass(frozen=True)
class Notice:
    """One line to tell the student: a save that does not parse, the last hint reached..."""

    text: str
    level: Literal["error", "warning", "done"] = "error"


@dataclass(frozen=True)
class Resized:
    """The terminal changed size: draw again."""


Event = FilesChanged | KeyPressed | Graded | Notice | Resized


class Events:
    """The queue, and the threads that fill it."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Event] = queue.Queue()
        self.stopped = threading.Event()
        # Set from a signal handler, which must not take the queue's lock: read on a timeout.
        self.resized = threading.Event()

    def put(self, event: Event) -> None:
        self._queue.put(event)

    def next(self, timeout: float) -> Event | None:
        """The next event, or None when nothing happened for ``timeout`` seconds."""
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            if self.resized.is_set():
                self.resized.clear()
                return Resized()
            return None

    def waiting(self) -> list[Event]:
        """Every event already queued: a burst of saves is handled as one."""
        events = []
        while True:
            try:
                events.append(self._queue.get_nowait())
            except queue.Empty:
                return events

    def close(self) -> None:
        self.stopped.set()

    # ---- the threads --------------------------------------------------------------------

    def watch_files(self, folder: Path) -> None:
        threading.Thread(target=self._watch_files, args=(folder,), daemon=True, name="watch-files").start()

    def read_keys(self, fd: int) -> None:
        threading.Thread(target=self._read_keys, args=(fd,), daemon=True, name="watch-keys").start()

    def grade(self, submission: Path, job: Job) -> None:
        threading.Thread(target=self._grade, args=(submission, job), daemon=True,
                         name=f"grade-{job.exercise.name}").start()

    def _watch_files(self, folder: Path) -> None:
        import watchfiles

        try:
            for changes in watchfiles.watch(
                folder, watch_filter=lambda change, path: path.endswith(".py"),
                recursive=False, step=30, stop_event=self.stopped, raise_interrupt=False,
                rust_timeout=1000,
            ):
                self.put(FilesChanged(frozenset(Path(path) for _change, path in changes)))
        except Exception as error:  # noqa: BLE001 - said on screen, the rest still works
            self.put(Notice(_("watching files stopped: {error}").format(error=f"{type(error).__name__}: {error}")))

    def _read_keys(self, fd: int) -> None:
        while not self.stopped.is_set():
            try:
                ready = select.select([fd], [], [], 0.2)[0]
                if not ready:
                    continue
                data = os.read(fd, 64)
            except (OSError, ValueError):
                return
            if not data:
                return
            if data.startswith(b"\x1b"):
                continue  # an arrow key or another escape sequence
            for key in data.decode("utf-8", "ignore"):
                self.put(KeyPressed(key))

    def _grade(self, submission: Path, job: Job) -> None:
        from grader.session import grade_one

        try:
            result = grade_one(submission, job.exercise)
        except BaseException as error:  # noqa: BLE001 - a fault of the grader: said on screen
            self.put(Notice(_("the grader failed on {name}: {error}").format(
                name=job.exercise.name, error=f"{type(error).__name__}: {error}")))
            result = None
        self.put(Graded(job, result))
