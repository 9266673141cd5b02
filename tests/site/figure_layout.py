"""Where the artists of a drawn matplotlib figure collide, from their rendered extents.

A figure is laid out by hand (text positions, legend locations), so a change of data
or of a label can push one label onto another. After ``fig.canvas.draw()`` every
artist knows its extent in display pixels; two of them overlap when those boxes do.

What counts as a collision, and why:

- two texts (titles, labels, annotations, tick labels, contour labels) overlap:
  one hides the other;
- a text and a legend overlap;
- a legend covers data: a plotted line crosses its box, or a highlighted marker
  (size >= ``HIGHLIGHT_MARKER_SIZE``, the stars and rings a caption talks about)
  sits under it;
- a text covers a highlighted marker (a contour label over a minimum);
- a text covers an image of another axes (colour-bar ticks over a picture).
"""

from __future__ import annotations

from dataclasses import dataclass
from unittest.mock import patch

from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

HIGHLIGHT_MARKER_SIZE = 6.0  # points; smaller markers are the dots of a path
SLACK = 1.0  # pixels: boxes that merely touch do not collide


@dataclass(frozen=True)
class Labelled:
    name: str
    box: Bbox
    axes: object


def _shrunk(box: Bbox) -> Bbox:
    return Bbox.from_extents(box.x0 + SLACK, box.y0 + SLACK, box.x1 - SLACK, box.y1 - SLACK)


def _overlap(a: Bbox, b: Bbox) -> bool:
    a, b = _shrunk(a), _shrunk(b)
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _draw_recording_texts(fig: Figure) -> list[Text]:
    """Draw the figure and return the texts actually drawn (tick labels beyond the
    limits and the ticks of a hidden axis are not, though the figure holds them)."""
    drawn: list[Text] = []
    draw_text = Text.draw

    def recording(self, renderer):
        drawn.append(self)
        return draw_text(self, renderer)

    with patch.object(Text, "draw", recording):
        fig.canvas.draw()
    return drawn


def _texts(fig: Figure, drawn: list[Text], renderer) -> list[Labelled]:
    legend_texts = {id(t) for leg in fig.findobj(Legend) for t in leg.get_texts()}
    found = []
    for text in dict.fromkeys(drawn):
        if id(text) in legend_texts or not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        if box.width <= 0 or box.height <= 0:
            continue
        found.append(Labelled(f"text {text.get_text()!r}", box, text.axes))
    return found


def _legends(fig: Figure, renderer) -> list[Labelled]:
    return [
        Labelled("legend [" + ", ".join(t.get_text() for t in leg.get_texts()) + "]",
                 leg.get_window_extent(renderer), leg.axes)
        for leg in fig.findobj(Legend)
        if leg.get_visible()
    ]


def _data_lines(ax) -> list[Line2D]:
    return [line for line in ax.lines if line.get_visible() and len(line.get_xydata())]


def _highlighted_points(fig: Figure) -> list[tuple[str, tuple[float, float], object]]:
    points = []
    for ax in fig.axes:
        for line in _data_lines(ax):
            marker = line.get_marker()
            if marker in (None, "", " ", "None") or line.get_markersize() < HIGHLIGHT_MARKER_SIZE:
                continue
            for xy in line.get_transform().transform(line.get_xydata()):
                points.append((f"marker {marker!r} of {line.get_label()!r}", tuple(xy), ax))
    return points


def _inside(point: tuple[float, float], box: Bbox) -> bool:
    box = _shrunk(box)
    return box.x0 < point[0] < box.x1 and box.y0 < point[1] < box.y1


def collisions(fig: Figure) -> list[str]:
    """Every collision of the figure, as one line each (empty when the layout is clean)."""
    drawn = _draw_recording_texts(fig)
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig, drawn, renderer)
    legends = _legends(fig, renderer)
    problems = []

    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a.box, b.box):
                problems.append(f"{a.name} overlaps {b.name}")
        for legend in legends:
            if _overlap(a.box, legend.box):
                problems.append(f"{a.name} overlaps {legend.name}")

    for legend in legends:
        # a figure legend (no axes of its own) must stay off every axes' data
        for ax in [legend.axes] if legend.axes else fig.axes:
            # a line is drawn only inside its axes: a legend outside them covers none
            region = Bbox.intersection(_shrunk(legend.box), ax.bbox)
            if region is None:
                continue
            for line in _data_lines(ax):
                path = line.get_transform().transform_path(line.get_path())
                if path.intersects_bbox(region, filled=False):
                    problems.append(f"{legend.name} covers the line {line.get_label()!r}")

    for name, point, ax in _highlighted_points(fig):
        for legend in legends:
            if legend.axes in (ax, None) and _inside(point, legend.box):
                problems.append(f"{legend.name} covers the {name}")
        for text in texts:
            if _inside(point, text.box):
                problems.append(f"{text.name} covers the {name}")

    images = [(im, im.get_window_extent(renderer)) for im in fig.findobj(AxesImage)]
    for text in texts:
        for image, box in images:
            if image.axes is not text.axes and _overlap(text.box, box):
                problems.append(f"{text.name} overlaps the image of another axes")
    return problems

