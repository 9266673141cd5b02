"""The report's charts, drawn by matplotlib (Agg) as SVG text to inline in the page:
no image files, nothing fetched. Text stays text (``svg.fonttype: none``), so the
browser draws it in the page's fonts, Chinese included."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402 - after choosing the backend

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "class-report",  # the same ids run after run
    "font.size": 9,
    # For measuring the labels; the browser draws them. A font with Chinese glyphs
    # where the system has one (scripts/install_browser.sh installs WenQuanYi).
    "font.sans-serif": ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "DejaVu Sans"],
    "axes.spines.top": False,
    "axes.spines.right": False,
}
COLOURS = {"full": "#1a7f37", "failing": "#cf222e", "waiting": "#0969da", "not_written": "#bf8700",
           "bars": "#0969da"}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        # Without a Chinese font a label is measured with another font's boxes:
        # a little off, and drawn right by the browser all the same.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        figure.savefig(buffer, format="svg", metadata=dict.fromkeys(("Creator", "Date", "Format", "Type")),
                       bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]  # without the XML prolog and doctype: inline in HTML


def score_histogram(totals: list[float], max_score: float, x_label: str, y_label: str) -> str:
    """How many students scored in each tenth... twentieth of the points."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.4, 2.6))
        axes = figure.add_subplot()
        step = max_score / 20 if max_score else 1
        edges = [i * step for i in range(21)]
        axes.hist(totals, bins=edges, color=COLOURS["bars"], edgecolor="white")
        axes.set_xlim(0, max_score or 1)
        axes.set_xlabel(x_label)
        axes.set_ylabel(y_label)
        axes.yaxis.get_major_locator().set_params(integer=True)
        return _svg(figure)


def exercise_bars(names: list[str], shares: dict[str, list[float]], labels: dict[str, str]) -> str:
    """One horizontal bar per exercise, split into the shares of the class that got
    full marks, fail it, wait on another exercise, have not written it."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.4, 0.24 * len(names) + 0.9))
        axes = figure.add_subplot()
        rows = list(range(len(names)))
        left = [0.0] * len(names)
        for part in ("full", "failing", "waiting", "not_written"):
            values = [100 * v for v in shares[part]]
            axes.barh(rows, values, left=left, color=COLOURS[part], label=labels[part], height=0.7)
            left = [a + b for a, b in zip(left, values)]
        axes.set_yticks(rows, names)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("%")
        axes.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        return _svg(figure)
