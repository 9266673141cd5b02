"""What ``python -m grader check`` prints: colour on a terminal, plain text in a pipe."""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.markup import escape

from grader.runner import FAILED, MISSING, NOT_IMPLEMENTED, PASSED, ExerciseResult

STYLE = {PASSED: "green", FAILED: "red", NOT_IMPLEMENTED: "yellow", MISSING: "magenta"}
MARK = {PASSED: "✓", FAILED: "✗", NOT_IMPLEMENTED: "·", MISSING: "?"}


class CheckReport:
    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(highlight=False, soft_wrap=True)
        self.module = ""

    def show(self, result: ExerciseResult) -> None:
        exercise = result.exercise
        if exercise.module != self.module:
            self.module = exercise.module
            self.console.print(f"\n[bold]{escape(exercise.lecture.title)}[/bold] ({exercise.module}.py)")
        style = STYLE[result.status]
        points = f"{result.score:g}/{exercise.points:g}"
        self.console.print(
            f"  [{style}]{MARK[result.status]} {exercise.name:<24}[/{style}] {points:>7}  "
            f"[{style}]{result.status}[/{style}]"
        )
        if result.status == FAILED:
            failed = [t for t in result.tests if not t.passed]
            first = failed[0]
            title = first.check_name.split(": ", 1)[1]
            self.console.print(f"      [red]failed: {escape(title)}[/red]")
            self.console.print(escape(textwrap.indent(first.output, "      ")))
            if len(failed) > 1:
                others = "; ".join(t.check_name.split(": ", 1)[1] for t in failed[1:])
                self.console.print(f"      [dim]also failing: {escape(others)}[/dim]")
        elif result.status in (NOT_IMPLEMENTED, MISSING):
            self.console.print(f"      [dim]{escape(result.tests[0].output if result.tests else '')}[/dim]")

    def total(self, results: list[ExerciseResult]) -> None:
        score = sum(r.score for r in results)
        maximum = sum(r.exercise.points for r in results)
        done = sum(r.status == PASSED for r in results)
        self.console.print(
            f"\n[bold]Total: {score:g} / {maximum:g}[/bold]  ({done} of {len(results)} functions passed)"
        )
