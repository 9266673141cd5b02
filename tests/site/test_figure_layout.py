"""No label of a course figure hides another label, a legend or the data it explains."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from figure_layout import collisions
from test_figures import load_make_figures

make_figures = load_make_figures()
DRAWINGS = [(name, language) for name in sorted(make_figures.FIGURES) for language in make_figures.LANGUAGES]


@pytest.mark.parametrize("name, language", DRAWINGS, ids=[f"{n}-{lang}" for n, lang in DRAWINGS])
def test_figure_has_no_overlapping_labels(name, language):
    """In each language: the words' widths differ, so does the layout."""
    with make_figures.drawing(name, language) as fig:
        problems = collisions(fig)
    assert not problems, f"{name} ({language}):\n" + "\n".join(problems)


def test_the_check_sees_a_legend_over_a_label():
    """The check itself: a legend drawn on top of a text is reported."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.text(0.02, 0.9, "gap 0.85", transform=ax.transAxes)
    ax.legend(loc="upper left")
    try:
        problems = collisions(fig)
    finally:
        plt.close(fig)
    assert any("gap 0.85" in p and "legend" in p for p in problems), problems
