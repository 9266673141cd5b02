"""What ``python -m grader check`` prints: colour on a terminal, plain text in a pipe;
and the same verdicts as HTML in a notebook. Both render ``grader.verdict`` objects."""

from __future__ import annotations

import html
import textwrap

from rich.console import Console
from rich.markup import escape

from grader import course, i18n
from grader.i18n import _, ngettext
from grader.report_text import MARK, STYLE, Block, exercise_blocks, status_word
from grader.verdict import ExerciseVerdict, Status, points


def total_line(results: list[ExerciseVerdict]) -> str:
    score = sum(r.score for r in results)
    maximum = sum(r.exercise.points for r in results)
    done = sum(r.passed for r in results)
    return ngettext("Total: {score} / {maximum}  ({done} of {count} function passed)",
                    "Total: {score} / {maximum}  ({done} of {count} functions passed)", len(results)).format(
        score=points(score), maximum=points(maximum), done=done, count=len(results))


def lecture_line(exercise: course.Exercise) -> str:
    """The lecture's title and its file, as a heading above its functions."""
    return _("{lecture} ({file})").format(lecture=_(exercise.lecture.title), file=f"{exercise.module}.py")


class CheckReport:
    """``check`` in a terminal: a line per function, then its feedback."""

    def __init__(self, console: Console | None = None, every: bool = False) -> None:
        self.console = console or Console(highlight=False, soft_wrap=True)
        self.every = every  # --all: every failed check in full
        self.module = ""

    def show(self, result: ExerciseVerdict) -> None:
        exercise = result.exercise
        if exercise.module != self.module:
            self.module = exercise.module
            self.console.print(f"\n[bold]{escape(lecture_line(exercise))}[/bold]")
        style = STYLE[result.status]
        score = f"{points(result.score)}/{points(exercise.points)}"
        self.console.print(f"  [{style}]{MARK[result.status]} {exercise.name:<24}[/{style}] {score:>7}  "
                           f"[{style}]{escape(status_word(result.status))}[/{style}]")
        for kind, text in exercise_blocks(result, self.every):
            if kind is Block.CODE:  # flush left: it pastes into a python prompt as it is
                self.console.print(escape(text))
            elif kind is Block.TITLE:
                self.console.print(f"      [red]{escape(text)}[/red]")
            elif kind is Block.NOTE:
                self.console.print(f"      [dim]{escape(text)}[/dim]")
            else:
                self.console.print(escape(textwrap.indent(text, "      ")))

    def total(self, results: list[ExerciseVerdict]) -> None:
        self.console.print(f"\n[bold]{escape(total_line(results))}[/bold]")


# ---- in a notebook: the same verdicts as HTML ----------------------------------------------

COLOUR = {Status.PASSED: "#1a7f37", Status.NOT_WRITTEN: "#9a6700", Status.WAITING: "#0969da",
          Status.MISSING: "#8250df", Status.NOT_RUN: "#57606a"}
FAILED_COLOUR = "#cf222e"
_PRE = 'style="white-space:pre-wrap;margin:4px 0;padding:6px;border-radius:4px;background:rgba(127,127,127,0.1)"'


def _block_html(kind: Block, text: str) -> str:
    if kind is Block.CODE:
        copy = html.escape(_("copy"))
        return (f'<div style="position:relative"><button title="{copy}" style="position:absolute;right:4px;top:4px" '
                f'onclick="navigator.clipboard.writeText(this.nextElementSibling.innerText)">{copy}</button>'
                f'<pre class="grader-input" {_PRE}><code>{html.escape(text)}</code></pre></div>')
    if kind is Block.TITLE:
        return f'<div style="margin-top:4px;color:{FAILED_COLOUR}">{html.escape(text)}</div>'
    if kind is Block.NOTE:
        return f'<div style="opacity:0.7">{html.escape(text)}</div>'
    return f'<div style="white-space:pre-wrap">{html.escape(text)}</div>'


def result_html(result: ExerciseVerdict, every: bool = False) -> str:
    """One function's verdict as HTML: a badge, its points, its feedback blocks (the
    counterexample as a block to copy) and the link to its section of the site."""
    exercise = result.exercise
    colour = COLOUR.get(result.status, FAILED_COLOUR)
    badge = (f'<span style="background:{colour};color:#fff;border-radius:4px;padding:1px 7px;'
             f'font-size:0.8em;font-weight:600">{html.escape(status_word(result.status).upper())}</span>')
    score = _("{score}/{maximum} points").format(score=points(result.score), maximum=points(exercise.points))
    parts = [f'<div>{badge} <code style="font-weight:600">{html.escape(exercise.name)}</code> '
             f'{html.escape(score)}'
             f' <span style="opacity:0.7">· {html.escape(_(exercise.lecture.title))}</span></div>']
    parts += [_block_html(kind, text) for kind, text in exercise_blocks(result, every) if kind is not Block.READ]
    if not result.passed:
        where = _("{lecture}, “{section}”").format(lecture=_(exercise.lecture.title), section=_(exercise.section))
        anchor = f'<a href="{html.escape(exercise.url)}" target="_blank">{html.escape(where)}</a>'
        before, _link, after = _("Read: {link}").partition("{link}")  # the sentence whole, the link put in
        parts.append(f'<div style="margin-top:4px">{html.escape(before)}{anchor}{html.escape(after)}</div>')
    border = f"border-left:4px solid {colour};padding:4px 10px;margin:6px 0"
    return f'<div class="grader-result" style="{border}">{"".join(parts)}</div>'


def results_html(results: list[ExerciseVerdict], done: bool = True, error: str = "", every: bool = False) -> str:
    body = "".join(result_html(r, every) for r in results)
    if error:
        body += f'<div style="color:{FAILED_COLOUR}">{html.escape(error)}</div>'
    if done and results:
        body += f'<div style="margin-top:6px;font-weight:600">{html.escape(total_line(results))}</div>'
    elif not done:
        checking = _("checking…")
        body += f'<div style="opacity:0.7">{html.escape(checking)}</div>'
    # lang: the browser picks the Chinese (not the Japanese) forms of the characters.
    return (f'<div class="grader-check" lang="{i18n.language()}" '
            f'style="font-family:system-ui,sans-serif;line-height:1.4">{body}</div>')


class HtmlReport:
    """``check()`` in Jupyter: one output that fills in as each function is graded."""

    def __init__(self, every: bool = False) -> None:
        from IPython.display import HTML, display

        self.HTML = HTML
        self.every = every
        self.results: list[ExerciseVerdict] = []
        self.handle = display(HTML(results_html([], done=False)), display_id=True)

    def show(self, result: ExerciseVerdict) -> None:
        self.results.append(result)
        self.handle.update(self.HTML(results_html(self.results, done=False, every=self.every)))

    def total(self, results: list[ExerciseVerdict]) -> None:
        self.handle.update(self.HTML(results_html(results, every=self.every)))
