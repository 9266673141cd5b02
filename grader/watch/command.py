"""``python -m grader watch``: the loop that ties events, the schedule and the screen.

Take an event (a save, a key, a finished check), update what is known and what
the student looks at, start the checks that are due, draw.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any

from grader import course
from grader.i18n import _, ngettext
from grader.verdict import Status
from grader.watch.events import Events, FilesChanged, Graded, KeyPressed, Notice
from grader.watch.schedule import Schedule
from grader.watch.screen import HIDE_CURSOR, SHOW_CURSOR, Screen, View


class Watch:
    def __init__(self, schedule: Schedule, screen: Screen, events: Events, keys: bool) -> None:
        self.schedule = schedule
        self.screen = screen
        self.events = events
        self.view = View(keys=keys)
        self.finished = False
        self.force = False  # draw even when nothing changed (Enter; in a pipe: print now)

    def loop(self) -> None:
        schedule = self.schedule
        schedule.start()
        self.view.focus = schedule.next_unfinished() or schedule.exercises[0]
        self.events.watch_files(schedule.submission)
        if self.view.keys:
            self.events.read_keys(sys.stdin.fileno())
        self.step()
        while not self.finished:
            event = self.events.next(timeout=0.25)
            if event is None:
                continue
            for event in [event, *self.events.waiting()]:  # a burst of saves: one draw
                self.handle(event)
                if self.finished:
                    return
            self.step()

    def step(self) -> None:
        for job in self.schedule.due():
            self.events.grade(self.schedule.submission, job)
        self.screen.draw(self.schedule, self.view, self.force)
        self.force = False

    def handle(self, event: Any) -> None:
        if isinstance(event, FilesChanged):
            self.saved(event)
        elif isinstance(event, KeyPressed):
            self.key(event.key)
        elif isinstance(event, Graded):
            self.schedule.finish(event.job, event.result)
        elif isinstance(event, Notice):
            self.view.notice = event
        # Resized: only drawn again

    def saved(self, event: FilesChanged) -> None:
        for module in self.schedule.modules_saved(event.paths):
            saved = self.schedule.save(module, self.view.focus)
            self.view.notice = saved.problem
            if saved.focus != self.view.focus:
                self.view.focus, self.view.hint_level = saved.focus, 0

    def key(self, key: str) -> None:
        if key in ("q", "Q", "\x04"):
            self.finished = True
        elif key == "h":
            self.next_hint()
        elif key == "n":
            self.next_unfinished()
        elif key == "a":
            self.view.notice = None
            self.schedule.check_all()
        elif key in ("\r", "\n"):
            self.force = True

    def next_hint(self) -> None:
        from grader.hints import hints_for

        focus = self.view.focus
        if focus is None:
            return
        hints = hints_for(focus)
        if self.view.hint_level < len(hints):
            self.view.hint_level += 1
            self.view.notice = None
        else:
            self.view.notice = Notice(ngettext("that was the last of {count} hint for {name}; read {url}",
                                               "that was the last of {count} hints for {name}; read {url}",
                                               len(hints)).format(count=len(hints), name=focus.name, url=focus.url),
                                      "warning")

    def next_unfinished(self) -> None:
        """The next function that does not pass; from one waiting on another, that other."""
        schedule, focus = self.schedule, self.view.focus
        result = schedule.results.get(focus.name) if focus else None
        first = course.BY_NAME.get(result.waiting_on) if result and result.status is Status.WAITING else None
        if first is None or first.name not in schedule.names or schedule.status(first) is Status.PASSED:
            first = schedule.next_unfinished(focus)
        if first is not None:
            self.view.focus, self.view.hint_level, self.view.notice = first, 0, None
        elif focus is not None and schedule.status(focus) is not Status.PASSED:
            self.view.notice = Notice(_("{name} is the only unfinished function left").format(name=focus.name),
                                      "warning")
        else:
            self.view.notice = Notice(_("every function you watch passes"), "done")


def run_watch(args: argparse.Namespace) -> int:
    from grader.paths import exercises as named_exercises
    from grader.paths import submission_folder
    from grader.session import start_fork_server

    submission = submission_folder(args.submission)
    exercises = named_exercises(args.names)
    start_fork_server()
    out = sys.stdout
    terminal = out.isatty() and os.environ.get("TERM") != "dumb"  # a dumb terminal gets the pipe's output
    keys = sys.stdin.isatty()
    if terminal:
        out.write(_("grader watch: loading torch and the checks…") + "\r\n")
        out.flush()
    import grader.runner  # noqa: F401 - torch, once, before the first save

    events = Events()
    watch = Watch(Schedule(submission, exercises), Screen(out, terminal), events, keys)
    saved_mode = None
    if keys:
        import termios
        import tty

        saved_mode = termios.tcgetattr(sys.stdin.fileno())
        tty.setcbreak(sys.stdin.fileno())
    if terminal:
        out.write(HIDE_CURSOR)
        signal.signal(signal.SIGWINCH, lambda *_: events.resized.set())

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # a kill or a closed terminal: leave the terminal as it was

    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), stop)
    try:
        watch.loop()
    except KeyboardInterrupt:
        pass
    finally:
        events.close()
        try:
            if saved_mode is not None:
                import termios

                termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved_mode)
            if terminal:
                out.write(SHOW_CURSOR + "\r\n")
            out.write(_("Stopped watching. Your course map: {command}").format(
                command="python -m grader progress") + "\n")
            out.flush()
        except (OSError, ValueError):
            pass  # the terminal is gone (SIGHUP)
    return 0
