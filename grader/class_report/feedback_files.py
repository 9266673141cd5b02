"""Each student's feedback as files to send or publish: ``feedback/<student>.md`` and
``.html``, the verdicts as ``python -m grader check`` shows them (the same blocks
from ``grader.report_text``; the HTML is the notebook's rendering)."""

from __future__ import annotations

import html
from pathlib import Path

from grader.class_report.reading import Submission
from grader.i18n import _, language
from grader.report_text import MARK, Block, exercise_blocks, summary_line
from grader.terminal import results_html
from grader.verdict import points


def _title(submission: Submission) -> str:
    return _("Feedback: {student}").format(student=submission.student)


def feedback_markdown(submission: Submission) -> str:
    total = _("Total: {score} / {max_score}").format(score=points(submission.score),
                                                     max_score=points(submission.max_score))
    lines = [f"# {_title(submission)}", "", f"**{total}**"]
    module = ""
    for result in submission.results:
        exercise = result.exercise
        if exercise.module != module:
            module = exercise.module
            lines += ["", f"## {_(exercise.lecture.title)} (`{exercise.module}.py`)", ""]
        lines.append(f"- {MARK[result.status]} {summary_line(result)}")
        for kind, text in exercise_blocks(result):
            lines.append("")
            lines += _block_markdown(kind, text)
        if not result.passed:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _block_markdown(kind: Block, text: str) -> list[str]:
    """A block, flush left (not inside the function's list item): the input pastes
    into Python as it is."""
    if kind is Block.CODE:
        return ["```python", *text.splitlines(), "```"]
    if kind is Block.TITLE:
        return [f"**{text}**"]
    if kind is Block.NOTE:
        return [f"*{text}*"]
    if kind in (Block.PRINTED, Block.DETAILS, Block.CAUSE) and "\n" in text:
        return ["```text", *text.splitlines(), "```"]  # tracebacks, printed output
    return [text]


def feedback_html(submission: Submission) -> str:
    title = html.escape(_title(submission))
    return (f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
            f'<body style="max-width:56rem;margin:1.5rem auto;padding:0 1rem"><h1 style="font-family:system-ui,'
            f'sans-serif">{title}</h1>{results_html(submission.results)}</body></html>\n')


def write_feedback(folder: Path, submissions: list[Submission]) -> None:
    """Each student's feedback, in the language being spoken."""
    folder.mkdir(parents=True, exist_ok=True)
    for submission in submissions:
        (folder / f"{submission.student}.md").write_text(feedback_markdown(submission), encoding="utf-8")
        (folder / f"{submission.student}.html").write_text(feedback_html(submission), encoding="utf-8")
