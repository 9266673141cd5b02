"""No label of a course figure hides another label, a legend or the data it explains."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from figure_layout import collisions
from test_figures import load_make_figures

FIGURES = sorted(load_make_figures().FIGURES)


@pytest.mark.parametrize("name", FIGURES)
def test_figure_has_no_overlapping_labels(name):
    make_figures = load_make_figures()
    with plt.rc_context(make_figures.STYLE):
        fig = make_figures.FIGURES[name]()
        try:
            problems = collisions(fig)
        finally:
            plt.close(fig)
    assert not problems, f"{name}:\n" + "\n".join(problems)


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
