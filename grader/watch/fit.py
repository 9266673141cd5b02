"""Fitting a block of text into a terminal's rows: a pure function of the pieces,
the width and the rows, so that what a small screen keeps is tested without one.

``watch`` fits the function in focus this way (``grader.watch.screen``): when it is
too tall, the failing input's argument lines go first, replaced by one line saying
how to see it whole; the verdict, expected against received, the hint and the
link stay (``Keep`` lists the order).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from enum import StrEnum

from rich.cells import chop_cells, set_cell_size
from rich.console import Console
from rich.text import Text

from grader.i18n import ngettext


@dataclass(frozen=True)
class Row:
    """One row of the screen, at most as wide as the terminal."""

    text: str
    style: str = ""


class Keep(StrEnum):
    """What ``fit`` may do with a piece of the focus block; it works down this list."""

    ARGUMENT = "argument"  # a line of the failing input's arguments: cut first if long, the tallest first
    PASTE = "paste"  # "paste it into Python": goes with the first line of input cut
    EXTRA = "extra"  # what the code printed, the largest error, the other failing checks
    IMPORT = "import"  # the input's imports: go before its short arguments
    INPUT = "input"  # the input's call (or an input told apart from nothing): cut last of the input
    BRIEF = "brief"  # the property: shortened to one row
    WHOLE = "whole"  # the verdict, expected, received, the hint, the link: shortened last
    HEAD = "head"  # the function's name and verdict: one row each, always there


@dataclass(frozen=True)
class Piece:
    """A piece of the focus block, before it is wrapped into rows."""

    text: str
    style: str = ""
    indent: int = 0  # a prose line wraps under itself
    keep: Keep = Keep.WHOLE

    @property
    def code(self) -> bool:
        """Python: folded at the edge, as a terminal does, never at spaces."""
        return self.keep in (Keep.ARGUMENT, Keep.IMPORT, Keep.INPUT)


# ---- rows of a given width ----------------------------------------------------------------


@functools.cache
def _measure(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False)


def wrap(piece: Piece, width: int) -> list[str]:
    """The piece as rows of at most ``width`` cells (wide characters count twice)."""
    room = max(1, width - piece.indent)
    rows = []
    for line in piece.text.expandtabs().split("\n"):
        if piece.code:
            parts = chop_cells(line, room) or [""]
        else:
            parts = [part.plain.rstrip() for part in Text(line).wrap(_measure(room), room, overflow="fold")] or [""]
        rows += [" " * piece.indent + part for part in parts]
    return rows


def shorten(rows: list[str], limit: int, width: int) -> list[str]:
    """At most ``limit`` rows, the last ending in "…" if anything was left out."""
    if len(rows) <= limit:
        return rows
    return rows[:limit - 1] + [set_cell_size(rows[limit - 1], width - 1).rstrip() + "…"]


def one_row(text: str, style: str, width: int) -> Row:
    return Row(shorten(wrap(Piece(text), width), 1, width)[0], style)


# ---- fitting --------------------------------------------------------------------------------


def rows_of(piece: Piece, width: int) -> list[str]:
    """The rows a piece takes when nothing is cut."""
    rows = wrap(piece, width)
    return shorten(rows, 1, width) if piece.keep is Keep.HEAD else rows


def height(pieces: list[Piece], width: int) -> int:
    return sum(len(rows_of(p, width)) for p in pieces)


def cut_note(lines: int, name: str) -> Piece:
    """The line that stands for the input's lines cut."""
    cut = ngettext("{count} input line cut: {command} shows it",
                   "{count} input lines cut: {command} shows them all", lines).format(
        count=lines, command=f"python -m grader check {name}")
    return Piece(f"… {cut}", "dim")


def fit(pieces: list[Piece], width: int, rows: int, name: str) -> list[Row]:
    """The focus block of function ``name`` in at most ``rows`` rows of ``width`` cells.

    Until it fits: the failing input's argument lines longer than a row are cut,
    the tallest first (with its paste header: what is left would not paste), and
    one line says how to see the input whole; then what the code printed, the
    largest error and the other failing checks go; then the input's imports, its
    short argument lines (the last first) and its call; then the property is
    shortened to one row; then the other long pieces to two rows, then one; last,
    rows are cut from the bottom."""
    if rows <= 0:
        return []
    wrapped = [rows_of(p, width) for p in pieces]
    gone: set[int] = set()

    def left(*kinds: Keep) -> list[int]:
        return [i for i, p in enumerate(pieces) if p.keep in kinds and i not in gone]

    def cut_lines() -> int:
        return sum(len(pieces[i].text.splitlines()) for i in gone if pieces[i].code)

    def shown() -> int:
        note = len(wrap(cut_note(cut_lines(), name), width)) if cut_lines() else 0
        return note + sum(len(r) for i, r in enumerate(wrapped) if i not in gone)

    for kind, tallest in ((Keep.ARGUMENT, 2), (Keep.EXTRA, 1), (Keep.IMPORT, 1), (Keep.ARGUMENT, 1),
                          (Keep.INPUT, 1)):
        while shown() > rows and (candidates := [i for i in left(kind) if len(wrapped[i]) >= tallest]):
            # The imports go together: one left alone would read as if it were all.
            gone.update(candidates if kind is Keep.IMPORT else [max(candidates, key=lambda i: (len(wrapped[i]), i))])
            if cut_lines():
                gone.update(left(Keep.PASTE))
    for kind, limit in ((Keep.BRIEF, 1), (Keep.WHOLE, 2), (Keep.WHOLE, 1)):
        while shown() > rows:
            tall = [i for i in left(kind) if len(wrapped[i]) > limit]
            if not tall:
                break
            index = max(tall, key=lambda i: (len(wrapped[i]), i))
            wrapped[index] = shorten(wrapped[index], limit, width)

    out: list[Row] = []
    noted = False
    for index, piece in enumerate(pieces):
        if index not in gone:
            out += [Row(text, piece.style) for text in wrapped[index]]
        elif piece.code and not noted:  # where the input was
            note = cut_note(cut_lines(), name)
            out += [Row(text, note.style) for text in wrap(note, width)]
            noted = True
    if len(out) > rows:
        more = len(out) - rows + 1
        more_lines = ngettext("{count} more line: a larger window, or {command}",
                              "{count} more lines: a larger window, or {command}", more).format(
            count=more, command=f"python -m grader check {name}")
        out = out[:rows - 1] + [one_row(f"… {more_lines}", "dim", width)]
    return out
