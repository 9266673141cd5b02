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


# ---- in a notebook: the same verdicts as HTML ----------------------------------------------

BADGE = {PASSED: ("PASSED", "#1a7f37"), FAILED: ("FAILED", "#cf222e"),
         NOT_IMPLEMENTED: ("NOT STARTED", "#9a6700"), MISSING: ("MISSING", "#8250df")}
_INPUT_HEADERS = ("(paste it into Python):",)


def _split_feedback(text: str) -> tuple[list[str], str, list[str]]:
    """The feedback's lines before the pasteable input, the input itself, the lines after."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.rstrip().endswith(_INPUT_HEADERS):
            end = index + 1
            while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
                end += 1
            block = textwrap.dedent("\n".join(lines[index + 1:end])).strip("\n")
            return lines[:index + 1], block, lines[end:]
    return lines, "", []


def result_html(result: ExerciseResult) -> str:
    """One function's verdict as HTML: a badge, its points, the first failure with its
    counterexample as a copyable block, and the link to its section of the site."""
    import html

    exercise = result.exercise
    label, colour = BADGE[result.status]
    badge = (f'<span style="background:{colour};color:#fff;border-radius:4px;padding:1px 7px;'
             f'font-size:0.8em;font-weight:600">{label}</span>')
    head = (f'<div>{badge} <code style="font-weight:600">{html.escape(exercise.name)}</code> '
            f'{result.score:g}/{exercise.points:g} points'
            f' <span style="opacity:0.7">· {html.escape(exercise.lecture.title)}</span></div>')
    parts = [head]
    link = (f'<div style="margin-top:4px">Read: <a href="{html.escape(exercise.url)}" target="_blank">'
            f'{html.escape(exercise.lecture.title)}, “{html.escape(exercise.section)}”</a></div>')
    pre = 'style="white-space:pre-wrap;margin:4px 0;padding:6px;border-radius:4px;background:rgba(127,127,127,0.1)"'
    if result.status == FAILED:
        failed = [t for t in result.tests if not t.passed]
        first = failed[0]
        parts.append(f'<div style="margin-top:4px;color:{colour}">failed: '
                     f'{html.escape(first.check_name.split(": ", 1)[-1])}</div>')
        before, block, after = _split_feedback(first.output)
        after = [line for line in after if not line.startswith("Read: ")]
        parts.append(f"<pre {pre}>{html.escape(chr(10).join(before))}</pre>")
        if block:
            parts.append(
                '<div style="position:relative"><button title="copy" style="position:absolute;right:4px;top:4px" '
                'onclick="navigator.clipboard.writeText(this.nextElementSibling.innerText)">copy</button>'
                f'<pre class="grader-input" {pre}><code>{html.escape(block)}</code></pre></div>')
        if after:
            parts.append(f"<pre {pre}>{html.escape(chr(10).join(after))}</pre>")
        if len(failed) > 1:
            others = "; ".join(t.check_name.split(": ", 1)[-1] for t in failed[1:])
            parts.append(f'<div style="opacity:0.7">also failing: {html.escape(others)}</div>')
        parts.append(link)
    elif result.status in (NOT_IMPLEMENTED, MISSING):
        message = result.tests[0].output if result.tests else ""
        parts.append(f"<pre {pre}>{html.escape(message)}</pre>")
        if result.status == NOT_IMPLEMENTED:
            parts.append(link)
    border = f"border-left:4px solid {colour};padding:4px 10px;margin:6px 0"
    return f'<div class="grader-result" style="{border}">{"".join(parts)}</div>'


def results_html(results: list[ExerciseResult], done: bool = True, error: str = "") -> str:
    import html

    body = "".join(result_html(r) for r in results)
    if error:
        body += f'<div style="color:#cf222e">{html.escape(error)}</div>'
    if done and results:
        score = sum(r.score for r in results)
        maximum = sum(r.exercise.points for r in results)
        passed = sum(r.status == PASSED for r in results)
        body += (f'<div style="margin-top:6px;font-weight:600">Total: {score:g} / {maximum:g} '
                 f'({passed} of {len(results)} functions passed)</div>')
    elif not done:
        body += '<div style="opacity:0.7">checking…</div>'
    return f'<div class="grader-check" style="font-family:system-ui,sans-serif;line-height:1.4">{body}</div>'


class HtmlReport:
    """``check()`` in Jupyter: one output that fills in as each function is graded."""

    def __init__(self) -> None:
        from IPython.display import HTML, display

        self.HTML = HTML
        self.results: list[ExerciseResult] = []
        self.handle = display(HTML(results_html([], done=False)), display_id=True)

    def show(self, result: ExerciseResult) -> None:
        self.results.append(result)
        self.handle.update(self.HTML(results_html(self.results, done=False)))

    def total(self, results: list[ExerciseResult]) -> None:
        self.handle.update(self.HTML(results_html(results)))
