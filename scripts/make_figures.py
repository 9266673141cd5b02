"""Draw every figure of the course site into docs/figures/ (deterministic SVG), in Chinese and English.

The notes' images pointed at files on the author's disk and are lost; each one is
redrawn here from code with the same meaning, most of them with the course's own
reference solutions (``solutions/*.py``, imported by file path) so that the
pictures show exactly what the exercises compute.

    python scripts/make_figures.py              # redraw all figures into docs/figures/
    python scripts/make_figures.py --out DIR    # ... into DIR (the site test compares)
    python scripts/make_figures.py --check      # exit 1 if a committed figure is stale
    python scripts/make_figures.py --notebooks  # also re-run docs/notebooks/*.ipynb in place

Each figure is one drawing function and one table of its words, a table per
language: ``docs/figures/<name>.svg`` is Chinese (the site's default language) and
``docs/figures/<name>.en.svg`` English (mkdocs-static-i18n gives the English pages
the ``.en`` file). Math stays math (``$...$``, the same in both languages); a word
with a value in it is a ``str.format`` template with named placeholders.

The same code on the same library versions gives the same bytes on every machine:
fixed random seeds, ``svg.hashsalt`` fixed, no date in the metadata, and text drawn
as paths from font files that travel with matplotlib (DejaVu, for the English
figures and all the math) or with the repository (``docs/vendor/fonts/
course-cjk-figures.otf``, Noto Sans CJK SC cut to the figures' characters, for the
Chinese words), never from a font of the machine. A character that the figure's
font lacks (a box on the page) stops the drawing.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import re
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIGURES_DIR = ROOT / "docs" / "figures"
NOTEBOOKS_DIR = ROOT / "docs" / "notebooks"

BLUE = "#1f77b4"
RED = "#d62728"
GREEN = "#2ca02c"
ORANGE = "#ff7f0e"
PURPLE = "#9467bd"
GREY = "#7f7f7f"

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")  # the first is the site's default
Words = Mapping[str, str]

STYLE = {
    "svg.hashsalt": "hylee-dl-course",  # ids of clip paths etc. stop being random
    "svg.fonttype": "path",  # glyphs as paths: no font needed to view, same bytes
    "font.family": "DejaVu Sans",  # ships with matplotlib: same on every machine
    "mathtext.fontset": "dejavusans",  # math in both languages
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.05,
    "image.interpolation": "nearest",
}


# ---------------------------------------------------------------------------
# The course's own code, by file path (never by putting solutions/ on sys.path)
# ---------------------------------------------------------------------------


def load_module(relative_path: str) -> ModuleType:
    """Import ``ROOT/relative_path`` under a private module name."""
    path = ROOT / relative_path
    name = "_course_figures_" + relative_path.replace("/", "_").removesuffix(".py")
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def solution(lecture: str) -> ModuleType:
    return load_module(f"solutions/{lecture}.py")


# ---------------------------------------------------------------------------
# Fonts: each language's words from a font file that travels with the code
# ---------------------------------------------------------------------------


class FigureError(Exception):
    """A figure that cannot be drawn as it should (its message is one line)."""


def text_font(language: Language) -> Path:
    """The font file a language's words are drawn with (the math is DejaVu in both)."""
    if language == "en":
        return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    font = load_module("scripts/make_site_font.py").FIGURE_FONT
    if not font.is_file():
        raise FigureError(f"the Chinese figures' font {font} is missing: "
                          "run python scripts/make_site_font.py --figures")
    return font


def _family(font: Path) -> str:
    """The family name of a font file, which matplotlib learns here if it did not know it."""
    if not any(Path(entry.fname) == font for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(font))
    return font_manager.FontProperties(fname=font).get_name()


def style(language: Language) -> dict[str, object]:
    """STYLE with the language's text font (Chinese labels mix Latin and CJK: one face for both)."""
    return {**STYLE, "font.family": _family(text_font(language))}


MATH = re.compile(r"(?<!\\)\$.*?(?<!\\)\$")


def undrawable(fig: Figure, language: Language) -> list[str]:
    """Each text of the figure holding a character its font lacks (a box on the page).

    Only the words count: the math between ``$`` is drawn by mathtext with its own
    fonts. Run it after the figure was drawn, so that tick labels exist.
    """
    charmap = set(font_manager.get_font(text_font(language)).get_charmap())
    problems = []
    for text in fig.findobj(Text):
        shown = text.get_text()
        words = MATH.sub("", shown) if matplotlib.cbook.is_math_text(shown) else shown
        missing = sorted({c for c in words.replace(r"\$", "$") if not c.isspace() and ord(c) not in charmap})
        if missing:
            problems.append(f"{shown!r} has {''.join(missing)!r}")
    return problems


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def grad_of(loss: Callable[[torch.Tensor], torch.Tensor]) -> Callable[[torch.Tensor], torch.Tensor]:
    """``grad_fn(theta)`` for the optimisers of Lectures 4 and 5."""

    def grad_fn(theta: torch.Tensor) -> torch.Tensor:
        theta = theta.detach().requires_grad_(True)
        (g,) = torch.autograd.grad(loss(theta), theta)
        return g

    return grad_fn


def t64(values) -> torch.Tensor:
    return torch.as_tensor(values, dtype=torch.float64)


def N(values) -> np.ndarray:
    """A tensor as a NumPy array for matplotlib (which would otherwise warn)."""
    if isinstance(values, torch.Tensor):
        return values.detach().cpu().numpy()
    return np.asarray(values)


# ---------------------------------------------------------------------------
# Lecture 1: Regression
# ---------------------------------------------------------------------------


def ramp_params(x0: float, x1: float) -> tuple[float, float]:
    """(b, w) of the contract's hard_sigmoid that climbs while x goes x0 -> x1."""
    w = 6.0 / (x1 - x0)
    return -3.0 - w * x0, w


HARD_SIGMOID_FORMULA = r"$c\,\mathrm{clamp}\left(\frac{wx+b}{6}+\frac{1}{2},\,0,\,1\right)$"

L01_HARD_SIGMOID: dict[Language, Words] = {
    "zh": {
        "height": "高度 $c$",
        "flat": "平",
        "slope": "斜率 $cw/6$",
        "title": "hard sigmoid：{formula}",
        "constant": "0：常数",
        "red_curve": "红色曲线 = 0 + 1 + 2 + 3",
        "sum_title": "分段线性曲线 = 常数 + 若干 hard sigmoid 之和",
    },
    "en": {
        "height": "height $c$",
        "flat": "flat",
        "slope": "slope $cw/6$",
        "title": "hard sigmoid: {formula}",
        "constant": "0: constant",
        "red_curve": "red curve = 0 + 1 + 2 + 3",
        "sum_title": "piecewise linear = constant + sum of hard sigmoids",
    },
}


def fig_l01_hard_sigmoid(words: Words) -> Figure:
    l01 = solution("l01_regression")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.0, 3.3))

    x = torch.linspace(-6, 6, 601, dtype=torch.float64)
    y = l01.hard_sigmoid(x, c=1.0, b=0.0, w=1.0)
    ax1.plot(N(x), N(y), color=BLUE, lw=2.2)
    ax1.axhline(0, color=GREY, lw=0.6)
    ax1.annotate("", xy=(4.6, 1.0), xytext=(4.6, 0.0),
                 arrowprops=dict(arrowstyle="<->", color=GREY, lw=0.9))
    ax1.text(4.8, 0.5, words["height"], va="center", color=GREY)
    ax1.text(-5.7, 0.12, words["flat"], color=GREY)
    ax1.text(1.4, 0.45, words["slope"], color=GREY)
    ax1.text(3.2, 1.06, words["flat"], color=GREY)
    ax1.set_title(words["title"].format(formula=HARD_SIGMOID_FORMULA))
    ax1.set_xlabel("$x$")
    ax1.set_ylim(-0.15, 1.25)

    knots_x = t64([-2.0, -0.5, 1.0, 2.5])
    knots_y = t64([0.6, 1.8, 1.1, 2.2])
    x = torch.linspace(-4, 4.5, 851, dtype=torch.float64)
    red = l01.piecewise_linear(x, knots_x, knots_y)
    ax2.axhline(float(knots_y[0]), color=GREY, lw=1.2, ls="--")
    ax2.text(-4.0, float(knots_y[0]) + 0.07, words["constant"], color=GREY)
    shades = ["#6baed6", "#2171b5", "#08306b"]
    for i in range(len(knots_x) - 1):
        b, w = ramp_params(float(knots_x[i]), float(knots_x[i + 1]))
        height = float(knots_y[i + 1] - knots_y[i])
        ramp = l01.hard_sigmoid(x, c=height, b=b, w=w)
        ax2.plot(N(x), N(ramp), color=shades[i], lw=1.4)
        ax2.text(float(knots_x[i + 1]) + 0.15, height + (0.08 if height > 0 else -0.22),
                 rf"$\mathbf{{{i + 1}}}$", color=shades[i])  # bold from the math fonts: both languages
    ax2.plot(N(x), N(red), color=RED, lw=2.4, label=words["red_curve"])
    ax2.plot(N(knots_x), N(knots_y), "o", color=RED, ms=4)
    ax2.axhline(0, color=GREY, lw=0.6)
    ax2.set_title(words["sum_title"])
    ax2.set_xlabel("$x$")
    ax2.legend(loc="upper left")
    ax2.set_ylim(-1.0, 2.9)
    return fig


L01_PIECEWISE_APPROX: dict[Language, Words] = {
    "zh": {
        "curve": "任意一条连续曲线",
        "piecewise": "分段线性曲线",
        "title": "{n} 条 hard sigmoid，最大误差 {error:.2f}",
    },
    "en": {
        "curve": "any continuous curve",
        "piecewise": "piecewise linear",
        "title": "{n} hard sigmoids, max error {error:.2f}",
    },
}


def fig_l01_piecewise_approx(words: Words) -> Figure:
    l01 = solution("l01_regression")

    def f(x: torch.Tensor) -> torch.Tensor:
        return torch.sin(1.3 * x) + 0.35 * x + 0.25 * torch.cos(3.1 * x)

    x = torch.linspace(-3, 3, 601, dtype=torch.float64)
    fig, axes = plt.subplots(1, 3, figsize=(9.6, 2.9), sharey=True)
    for ax, k in zip(axes, (4, 8, 24)):
        knots_x = torch.linspace(-3, 3, k, dtype=torch.float64)
        approx = l01.piecewise_linear(x, knots_x, f(knots_x))
        error = float((approx - f(x)).abs().max())
        ax.plot(N(x), N(f(x)), color="black", lw=1.2, label=words["curve"])
        ax.plot(N(x), N(approx), color=RED, lw=1.8, label=words["piecewise"])
        ax.plot(N(knots_x), N(f(knots_x)), "o", color=RED, ms=3)
        ax.set_title(words["title"].format(n=k - 1, error=error))
        ax.set_xlabel("$x$")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center",
               bbox_to_anchor=(0.5, -0.03), ncol=2, fontsize=8.5)
    return fig


L01_SIGMOID_APPROX: dict[Language, Words] = {
    "zh": {
        "hard": "hard sigmoid，$w' = 1.5w$",
        "soft": r"sigmoid $\sigma(b+wx)$",
        "gap": "最大差距\n{gap:.2f}$\\,c$，与 $w$ 无关",
        "same_slope": "中点处斜率相同",
        "w": "$w$：斜率",
        "b": "$b$：位置（$x = -b/w$）",
        "c": "$c$：高度",
    },
    "en": {
        "hard": "hard sigmoid, $w' = 1.5w$",
        "soft": r"sigmoid $\sigma(b+wx)$",
        "gap": "largest gap\n{gap:.2f}$\\,c$, whatever $w$",
        "same_slope": "the same slope in the middle",
        "w": "$w$: the slope",
        "b": "$b$: the position ($x = -b/w$)",
        "c": "$c$: the height",
    },
}


def fig_l01_sigmoid_approx(words: Words) -> Figure:
    l01 = solution("l01_regression")
    fig, axes = plt.subplots(1, 4, figsize=(11.6, 2.9), sharey=True)

    # A sigmoid c*sigmoid(b + w x) has slope c*w/4 in the middle, the hard sigmoid
    # c*clamp((w' x + b')/6 + 1/2) has slope c*w'/6: they match for w' = 1.5 w.
    # Both depend on x only through w x + b, so a larger w squeezes the pair
    # sideways and never changes the largest gap, 1 - sigmoid(2) = 0.12 c.
    x = torch.linspace(-6, 6, 1201, dtype=torch.float64)
    hard = l01.hard_sigmoid(x, c=1.0, b=0.0, w=1.5)
    soft = torch.sigmoid(x)
    gap = (hard - soft).abs()
    at = int(gap.argmax())
    ax = axes[0]
    ax.plot(N(x), N(hard), color=BLUE, lw=2.0, label=words["hard"])
    ax.plot(N(x), N(soft), color=ORANGE, lw=2.0, ls="--", label=words["soft"])
    ax.annotate("", xy=(float(x[at]), float(hard[at])), xytext=(float(x[at]), float(soft[at])),
                arrowprops=dict(arrowstyle="<->", color="black", lw=0.9, shrinkA=0, shrinkB=0))
    ax.text(float(x[at]) + 0.3, 0.55, words["gap"].format(gap=float(gap[at])), fontsize=8)
    ax.set_title(words["same_slope"], fontsize=9.5)
    ax.legend(loc="upper left", fontsize=7.5)

    x = torch.linspace(-6, 6, 601, dtype=torch.float64)
    variations = [("w", (0.5, 1.0, 3.0)), ("b", (-2.0, 0.0, 2.0)), ("c", (0.5, 1.0, 1.5))]
    colours = ["#fdae6b", "#f16913", "#a63603"]
    for ax, (name, values) in zip(axes[1:], variations):
        for value, colour in zip(values, colours):
            p = {"w": 1.0, "b": 0.0, "c": 1.0, name: value}
            y = p["c"] * torch.sigmoid(p["b"] + p["w"] * x)
            ax.plot(N(x), N(y), color=colour, lw=1.8, label=f"${name} = {value:g}$")
        ax.set_title(words[name], fontsize=9.5)
        ax.legend(loc="upper left", fontsize=7.5)
    for ax in axes:
        ax.set_xlabel("$x$")
        ax.set_ylim(-0.05, 1.95)
    return fig


def batch_colours(n_batches: int) -> list[str]:
    cmap = plt.get_cmap("tab10")
    return [matplotlib.colors.to_hex(cmap(i)) for i in range(n_batches)]


L01_BATCHES: dict[Language, Words] = {
    "zh": {
        "samples": "$N={n}$\n个样本",
        "batch": "batch {k}：{indices}",
        "summary": "1 个 batch = 1 次更新：这个 epoch 更新 {n} 次",
    },
    "en": {
        "samples": "$N={n}$\nsamples",
        "batch": "batch {k}: {indices}",
        "summary": "1 batch = 1 update: this epoch makes {n} updates",
    },
}


def fig_l01_batches(words: Words) -> Figure:
    l01 = solution("l01_regression")
    n, batch_size = 20, 5
    batches = l01.minibatches(n, batch_size, shuffle=True, seed=0)
    colours = batch_colours(len(batches))
    owner = {int(i): k for k, batch in enumerate(batches) for i in batch}

    fig, ax = plt.subplots(figsize=(9.0, 3.0))
    ax.set_xlim(-2.6, n + 0.5)
    ax.set_ylim(-2.2, 2.0)
    ax.axis("off")
    for i in range(n):
        ax.add_patch(Rectangle((i, 1.0), 0.92, 0.7, color=colours[owner[i]]))
        ax.text(i + 0.46, 1.35, str(i), ha="center", va="center", fontsize=7, color="white")
    ax.text(-2.5, 1.35, words["samples"].format(n=n), ha="left", va="center", fontsize=8.5)

    xs = np.linspace(0.5, n - 0.5, len(batches) + 1)
    for k in range(len(batches) + 1):
        ax.text(xs[k], -1.4, rf"$\theta^{{{k}}}$", ha="center", va="center", fontsize=13)
    for k, batch in enumerate(batches):
        ax.add_patch(FancyArrowPatch((xs[k] + 0.5, -1.4), (xs[k + 1] - 0.5, -1.4),
                                     arrowstyle="-|>", mutation_scale=12, color=colours[k], lw=1.6))
        ax.text((xs[k] + xs[k + 1]) / 2, -0.95,
                rf"$g = \nabla L^{{{k + 1}}}(\theta^{{{k}}})$", ha="center", fontsize=9,
                color=colours[k])
        ax.text((xs[k] + xs[k + 1]) / 2, -0.35,
                words["batch"].format(k=k + 1, indices=sorted(batch.tolist())),
                ha="center", fontsize=7, color=colours[k])
    ax.text(n / 2, -2.1, words["summary"].format(n=len(batches)), ha="center", fontsize=9.5)
    return fig


L01_EPOCHS: dict[Language, Words] = {
    "zh": {
        "epoch": "epoch {e}",
        "update": "第 {n} 次更新",
        "updates": "更新 {n} 次",
        "shuffle": "每个 epoch 之前重新洗牌：各个 epoch 的 batch 都不一样",
    },
    "en": {
        "epoch": "epoch {e}",
        "update": "update {n}",
        "updates": "{n} updates",
        "shuffle": "shuffle before every epoch: the batches differ from epoch to epoch",
    },
}


def fig_l01_epochs(words: Words) -> Figure:
    l01 = solution("l01_regression")
    n, batch_size, epochs = 20, 5, 3
    fig, ax = plt.subplots(figsize=(9.0, 2.7))
    ax.set_xlim(-3.6, n + 4.2)
    ax.set_ylim(-0.6, epochs + 0.2)
    ax.axis("off")
    update = 0
    for e in range(epochs):
        batches = l01.minibatches(n, batch_size, shuffle=True, seed=e)
        colours = batch_colours(len(batches))
        row = epochs - 1 - e
        ax.text(-3.5, row + 0.35, words["epoch"].format(e=e + 1), va="center", fontsize=9.5)
        pos = 0
        for k, batch in enumerate(batches):
            update += 1
            for i in batch.tolist():
                ax.add_patch(Rectangle((pos, row), 0.92, 0.7, color=colours[k], alpha=0.85))
                ax.text(pos + 0.46, row + 0.35, str(i), ha="center", va="center", fontsize=7,
                        color="white")
                pos += 1
            ax.text(pos - batch_size / 2 - 0.04, row + 0.82, words["update"].format(n=update),
                    ha="center", fontsize=7, color=colours[k])
        ax.text(n + 0.4, row + 0.35, words["updates"].format(n=len(batches)), va="center", fontsize=9)
    ax.text(n / 2, -0.45, words["shuffle"], ha="center", fontsize=9)
    return fig


# ---------------------------------------------------------------------------
# Lecture 2: general guidance
# ---------------------------------------------------------------------------


L02_BIAS_OVERFITTING: dict[Language, Words] = {
    "zh": {
        "training_data": "训练数据",
        "degree_1": "1 次：太简单，模型偏差",
        "degree_3": "3 次：刚好",
        "degree_9": "9 次：太有弹性，过拟合",
        "fits_title": "三个模型拟合同样的 {n} 个点",
        "training_loss": "训练损失",
        "testing_loss": "测试损失",
        "best": "最好",
        "bias": "模型偏差\n（两者都高）",
        "overfitting": "过拟合\n（训练低，\n测试高）",
        "complexity": "模型复杂度（多项式的次数）",
        "loss_title": "限制模型，但不要限制太多",
    },
    "en": {
        "training_data": "training data",
        "degree_1": "degree 1: too simple: model bias",
        "degree_3": "degree 3: about right",
        "degree_9": "degree 9: too flexible: overfitting",
        "fits_title": "three models fitted to the same {n} points",
        "training_loss": "training loss",
        "testing_loss": "testing loss",
        "best": "best",
        "bias": "model bias\n(both high)",
        "overfitting": "overfitting\n(train low,\ntest high)",
        "complexity": "model complexity (polynomial degree)",
        "loss_title": "restrict the model, but not too much",
    },
}


def fig_l02_bias_overfitting(words: Words) -> Figure:
    rng = np.random.default_rng(7)

    def truth(x):
        return np.sin(2 * np.pi * x)

    x_train = np.sort(rng.uniform(0, 1, 12))
    y_train = truth(x_train) + rng.normal(0, 0.25, x_train.shape)
    x_test = np.sort(rng.uniform(0, 1, 200))
    y_test = truth(x_test) + rng.normal(0, 0.25, x_test.shape)

    def fit(degree):
        return np.polynomial.Polynomial.fit(x_train, y_train, degree, domain=[0, 1])

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.4, 3.4))
    grid = np.linspace(0, 1, 400)
    ax1.plot(x_train, y_train, "o", color="black", ms=4, label=words["training_data"])
    for degree, colour in [(1, BLUE), (3, GREEN), (9, RED)]:
        ax1.plot(grid, fit(degree)(grid), color=colour, lw=1.8, label=words[f"degree_{degree}"])
    ax1.set_ylim(-2.2, 2.2)
    ax1.set_xlabel("$x$")
    ax1.set_title(words["fits_title"].format(n=len(x_train)))
    ax1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8)

    degrees = np.arange(0, 10)
    train_loss, test_loss = [], []
    for degree in degrees:
        model = fit(degree)
        train_loss.append(np.mean((model(x_train) - y_train) ** 2))
        test_loss.append(np.mean((model(x_test) - y_test) ** 2))
    train_loss, test_loss = np.array(train_loss), np.array(test_loss)
    best = int(np.argmin(test_loss))
    ax2.semilogy(degrees, train_loss, "o-", color=BLUE, label=words["training_loss"])
    ax2.semilogy(degrees, test_loss, "s-", color=RED, label=words["testing_loss"])
    ax2.axvline(best, color=GREY, lw=0.8, ls="--")
    ax2.set_ylim(5e-3, 50)
    ax2.text(best + 0.2, 0.3, words["best"], color=GREY)
    ax2.text(0.0, 1.5e-2, words["bias"], color=BLUE, fontsize=8.5)
    ax2.text(6.6, 1.5, words["overfitting"], color=RED, fontsize=8.5)
    ax2.set_xlabel(words["complexity"])
    ax2.set_ylabel("MSE")
    ax2.set_title(words["loss_title"])
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8.5)
    return fig


# ---------------------------------------------------------------------------
# Lecture 3: critical points
# ---------------------------------------------------------------------------


def saddle_loss(theta: torch.Tensor) -> torch.Tensor:
    """x^2 + y^4/4 - y^2/2: a saddle at 0, two minima at (0, +-1)."""
    x, y = theta[..., 0], theta[..., 1]
    return x**2 + y**4 / 4 - y**2 / 2


L03_SADDLE: dict[Language, Words] = {
    "zh": {
        # classify_critical_point's answers, in words
        "local_min": "局部极小值",
        "local_max": "局部极大值",
        "saddle": "鞍点",
        "unknown": "无法判断",
        "critical": "g = 0：{kind}",
        "title": "鞍点处 $H$ 的特征值 $\\lambda = {low:g}, {high:g}$；\n沿负特征值的特征向量走",
    },
    "en": {
        "local_min": "local minimum",
        "local_max": "local maximum",
        "saddle": "saddle",
        "unknown": "unknown",
        "critical": "g = 0: {kind}",
        "title": "$H$ at the saddle has $\\lambda = {low:g}, {high:g}$;\nwalk along the eigenvector of the negative one",
    },
}


def fig_l03_saddle(words: Words) -> Figure:
    l03 = solution("l03_critical_points")
    origin = torch.zeros(2, dtype=torch.float64)
    H = l03.hessian(saddle_loss, origin)
    kind = l03.classify_critical_point(H)
    v = l03.escape_direction(H)
    v = v * torch.sign(v[1])  # draw it pointing up

    fig, ax = plt.subplots(figsize=(5.6, 4.2))
    g = torch.linspace(-1.6, 1.6, 241, dtype=torch.float64)
    X, Y = torch.meshgrid(g, g, indexing="xy")
    Z = saddle_loss(torch.stack([X, Y], dim=-1))
    cs = ax.contour(N(X), N(Y), N(Z), levels=np.linspace(-0.24, 2.0, 15), cmap="viridis", linewidths=0.9)
    ax.clabel(cs, levels=cs.levels[3::3], fontsize=7, fmt="%.1f")  # none beside the minima
    ax.plot([0], [0], "o", color=RED, ms=7)
    ax.text(0.08, -0.2, words["critical"].format(kind=words[kind]), color=RED)
    for s in (1, -1):
        ax.annotate("", xy=(s * 0.85 * float(v[0]), s * 0.85 * float(v[1])), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=RED, lw=2))
        ax.plot([0], [s], "*", color=GREEN, ms=12)
    ax.text(0.1, 1.12, words["local_min"], color=GREEN)
    eig = torch.linalg.eigvalsh(H)
    ax.set_title(words["title"].format(low=float(eig[0]), high=float(eig[1])), fontsize=9.5)
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    ax.set_aspect("equal")
    return fig


# ---------------------------------------------------------------------------
# Lecture 4: batches and momentum
# ---------------------------------------------------------------------------


L04_SHARP_FLAT: dict[Language, Words] = {
    "zh": {
        "training_loss": "训练损失",
        "testing_loss": "测试损失（平移了一点）",
        "flat": "平坦的极小值",
        "sharp": "尖锐的极小值",
        "gap": "差距 {gap:.2f}",
        "title": "平坦的极小值好，尖锐的极小值坏",
    },
    "en": {
        "training_loss": "training loss",
        "testing_loss": "testing loss (shifted)",
        "flat": "flat minimum",
        "sharp": "sharp minimum",
        "gap": "gap {gap:.2f}",
        "title": "flat minima are good, sharp minima are bad",
    },
}


def fig_l04_sharp_flat(words: Words) -> Figure:
    x = np.linspace(-4, 4, 801)

    def training(x):
        flat = -1.0 * np.exp(-((x + 2.0) ** 2) / (2 * 0.8**2))
        sharp = -1.0 * np.exp(-((x - 2.0) ** 2) / (2 * 0.18**2))
        return 1.0 + flat + sharp

    shift = 0.35  # the testing data's loss: the same shape, a little moved
    fig, ax = plt.subplots(figsize=(7.0, 3.2))
    ax.plot(x, training(x), color=BLUE, lw=2.2, label=words["training_loss"])
    ax.plot(x, training(x - shift), color=RED, lw=1.6, ls="--", label=words["testing_loss"])
    for centre, name in ((-2.0, "flat"), (2.0, "sharp")):
        gap = training(centre - shift) - training(centre)
        ax.annotate("", xy=(centre, training(centre - shift)), xytext=(centre, training(centre)),
                    arrowprops=dict(arrowstyle="<->", color="black", lw=1))
        ax.text(centre + 0.15, max(training(centre) + gap / 2, 0.22), words["gap"].format(gap=gap),
                va="center", fontsize=9)
        ax.text(centre, 1.12, words[name], ha="center")
    ax.set_ylim(-0.1, 1.3)
    ax.set_xlabel(r"$\theta$")
    ax.set_ylabel(r"$L$")
    ax.set_title(words["title"])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=8.5)
    return fig


def ravine_loss(theta: torch.Tensor) -> torch.Tensor:
    x, y = theta[..., 0], theta[..., 1]
    return 0.5 * (0.1 * x**2 + 2.0 * y**2)


def bumpy_loss(theta: torch.Tensor) -> torch.Tensor:
    x = theta[..., 0]
    return 0.05 * x**4 - 0.3 * x**2 + 0.2 * x


L04_MOMENTUM: dict[Language, Words] = {
    "zh": {
        "gradient_descent": "梯度下降（$\\lambda=0$）",
        "momentum": "动量（$\\lambda={lam}$）",
        "final_loss": "{method}：L = {loss:.3f}",
        "ravine_title": "同样的 $\\eta={lr}$，{steps} 步",
        "plain": "梯度下降",
        "rolling": "动量 $\\lambda={lam}$",
        "stops_at": "{method}：停在 {end:.2f}",
        "bumpy_title": "动量能冲过局部极小值",
    },
    "en": {
        "gradient_descent": "gradient descent ($\\lambda=0$)",
        "momentum": "momentum ($\\lambda={lam}$)",
        "final_loss": "{method}: L = {loss:.3f}",
        "ravine_title": "the same $\\eta={lr}$, {steps} steps",
        "plain": "gradient descent",
        "rolling": "momentum $\\lambda={lam}$",
        "stops_at": "{method}: stops at {end:.2f}",
        "bumpy_title": "momentum can roll over a local minimum",
    },
}


def fig_l04_momentum(words: Words) -> Figure:
    l04 = solution("l04_batch_momentum")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))

    start = t64([-4.5, 1.2])
    lr, steps = 0.4, 30
    g = torch.linspace(-5, 1.5, 261, dtype=torch.float64)
    h = torch.linspace(-1.6, 1.6, 161, dtype=torch.float64)
    X, Y = torch.meshgrid(g, h, indexing="xy")
    Z = ravine_loss(torch.stack([X, Y], dim=-1))
    ax1.contour(N(X), N(Y), N(Z), levels=np.geomspace(0.01, 3.0, 12), cmap="Greys", linewidths=0.7)
    for lam, colour, method in [(0.0, BLUE, words["gradient_descent"]),
                                (0.7, RED, words["momentum"].format(lam=0.7))]:
        path = l04.momentum_descent(grad_of(ravine_loss), start, lr, lam, steps)
        ax1.plot(N(path[:, 0]), N(path[:, 1]), "o-", color=colour, ms=2.5, lw=1.2,
                 label=words["final_loss"].format(method=method, loss=float(ravine_loss(path[-1]))))
    ax1.plot([0], [0], "*", color="black", ms=10)
    ax1.set_title(words["ravine_title"].format(lr=lr, steps=steps))
    ax1.set_xlabel(r"$\theta_1$")
    ax1.set_ylabel(r"$\theta_2$")
    ax1.legend(loc="lower right", fontsize=8)

    x = torch.linspace(-3.2, 3.9, 401, dtype=torch.float64)
    ax2.plot(N(x), N(bumpy_loss(x.unsqueeze(-1))), color="black", lw=1.4)
    start = t64([3.6])
    for lam, colour, method in [(0.0, BLUE, words["plain"]), (0.9, RED, words["rolling"].format(lam=0.9))]:
        path = l04.momentum_descent(grad_of(bumpy_loss), start, 0.05, lam, 80)
        ax2.plot(N(path[:, 0]), N(bumpy_loss(path)), "o", color=colour, ms=3, alpha=0.75)
        end = path[-1]
        ax2.plot(N(end), N(bumpy_loss(end)), "o", color=colour, ms=9, mfc="none", mew=2,
                 label=words["stops_at"].format(method=method, end=float(end[0])))
    ax2.set_title(words["bumpy_title"])
    ax2.set_xlabel(r"$\theta$")
    ax2.set_ylabel(r"$L$")
    ax2.legend(loc="upper center", fontsize=8)
    return fig


# ---------------------------------------------------------------------------
# Lecture 5: adaptive learning rates
# ---------------------------------------------------------------------------


def race_loss(theta: torch.Tensor) -> torch.Tensor:
    """A long, narrow valley: steep across, almost flat along it."""
    x, y = theta[..., 0], theta[..., 1]
    return 0.5 * (0.02 * x**2 + 4.0 * y**2)


def adam_path(grad_fn, theta0, lr, steps, l05):
    theta = theta0.clone()
    m = torch.zeros_like(theta)
    v = torch.zeros_like(theta)
    rows = [theta]
    for t in range(steps):
        theta, m, v = l05.adam_step(theta, grad_fn(theta), m, v, t, lr=lr)
        rows.append(theta)
    return torch.stack(rows)


def race_paths(steps: int = 60) -> dict[str, torch.Tensor]:
    """Every optimiser of Lectures 4-5 from the same start on race_loss, by method."""
    l04 = solution("l04_batch_momentum")
    l05 = solution("l05_adaptive_lr")
    grad_fn = grad_of(race_loss)
    start = t64([-9.0, 1.0])
    return {
        "gradient descent": l04.momentum_descent(grad_fn, start, 0.24, 0.0, steps),
        "momentum": l04.momentum_descent(grad_fn, start, 0.24, 0.8, steps),
        "Adagrad": l05.adagrad(grad_fn, start, 1.0, steps),
        "RMSProp": l05.rmsprop(grad_fn, start, 0.3, steps, alpha=0.9),
        "Adam": adam_path(grad_fn, start, 0.3, steps, l05),
    }


L05_OPTIMIZER_RACE: dict[Language, Words] = {
    "zh": {
        # one per method of race_paths, with its hyperparameters
        "gradient descent": "梯度下降 $\\eta=0.24$",
        "momentum": "动量 $\\eta=0.24, \\lambda=0.8$",
        "Adagrad": "Adagrad $\\eta=1$",
        "RMSProp": "RMSProp $\\eta=0.3, \\alpha=0.9$",
        "Adam": "Adam $\\eta=0.3$",
        "final_loss": "{method}：最终 $L$ = {loss:.1e}",
        "burst": "Adagrad：$\\eta/\\sigma_2$ 超过了 2/曲率，\n陡峭方向一度摆到 $|\\theta_2|$ = {swing:.1f}",
        "paths_title": "同一个山谷、同一个起点，{steps} 步",
        "flat": "$\\theta_1$（平坦方向）",
        "steep": "$\\theta_2$（陡峭方向）",
        "loss_title": "每一步的损失",
        "step": "步数",
    },
    "en": {
        "gradient descent": "gradient descent $\\eta=0.24$",
        "momentum": "momentum $\\eta=0.24, \\lambda=0.8$",
        "Adagrad": "Adagrad $\\eta=1$",
        "RMSProp": "RMSProp $\\eta=0.3, \\alpha=0.9$",
        "Adam": "Adam $\\eta=0.3$",
        "final_loss": "{method}: final $L$ = {loss:.1e}",
        "burst": "Adagrad: $\\eta/\\sigma_2$ grew past 2/curvature;\nthe steep direction swung out to $|\\theta_2|$ = {swing:.1f}",
        "paths_title": "the same valley, the same start, {steps} steps",
        "flat": "$\\theta_1$ (flat direction)",
        "steep": "$\\theta_2$ (steep)",
        "loss_title": "loss per step",
        "step": "step",
    },
}


def fig_l05_optimizer_race(words: Words) -> Figure:
    steps = 60
    paths = race_paths(steps)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.8, 3.6), gridspec_kw={"width_ratios": [1.5, 1]})
    g = torch.linspace(-10, 2, 241, dtype=torch.float64)
    h = torch.linspace(-1.3, 1.3, 131, dtype=torch.float64)
    X, Y = torch.meshgrid(g, h, indexing="xy")
    Z = race_loss(torch.stack([X, Y], dim=-1))
    ax1.contour(N(X), N(Y), N(Z), levels=np.geomspace(0.005, 3.0, 12), cmap="Greys", linewidths=0.7)
    colours = [BLUE, RED, GREEN, ORANGE, PURPLE]
    for (method, path), colour in zip(paths.items(), colours):
        final = float(race_loss(path[-1]))
        ax1.plot(N(path[:, 0]), N(path[:, 1]), "o-", ms=2, lw=1.1, color=colour,
                 label=words["final_loss"].format(method=words[method], loss=final))
        ax2.semilogy(N(race_loss(path) + 1e-12), color=colour, lw=1.6)
    ax1.plot([0], [0], "*", color="black", ms=10)
    ax1.set_ylim(-1.4, 1.4)
    # Adagrad's sigma_2 kept shrinking while the steep gradient stayed tiny, until
    # eta/sigma_2 passed 2/curvature: the steep direction then oscillated and grew.
    swing = float(paths["Adagrad"][:, 1].abs().max())
    ax1.annotate(words["burst"].format(swing=swing),
                 xy=(0.05, 1.3), xytext=(-6.2, 0.95), fontsize=7.5, color=GREEN,
                 arrowprops=dict(arrowstyle="->", color=GREEN))
    ax1.set_title(words["paths_title"].format(steps=steps))
    ax1.set_xlabel(words["flat"])
    ax1.set_ylabel(words["steep"])
    fig.legend(*ax1.get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0),
               ncol=3, fontsize=7.5)
    ax2.set_title(words["loss_title"])
    ax2.set_xlabel(words["step"])
    ax2.set_ylabel(r"$L(\theta)$")
    return fig


# ---------------------------------------------------------------------------
# Lecture 23: adversarial attacks
# ---------------------------------------------------------------------------


L23_CROSS_ENTROPY: dict[Language, Words] = {
    "zh": {
        "one_hot": "{y_hat}（one-hot，正确类别 {true}）",
        "class": "类别",
        "this_model": "这个模型",
        "probability": "{p}：给正确类别的概率",
        "loss_title": "有把握又答对时为 0，答错时很大",
    },
    "en": {
        "one_hot": "{y_hat} (one-hot, true class {true})",
        "class": "class",
        "this_model": "this model",
        "probability": "{p}: probability given to the true class",
        "loss_title": "0 when sure and right, large when wrong",
    },
}


def fig_l23_cross_entropy(words: Words) -> Figure:
    l23 = solution("l23_adversarial")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.4, 3.2))
    logits = t64([[0.3, -1.0, 0.8, 2.6, -0.4, 0.1, -0.6, 1.2, -1.5, 0.0]])
    target = torch.tensor([3])
    probs = torch.softmax(logits, dim=1)[0]
    e = float(l23.cross_entropy(logits, target))
    classes = np.arange(10)
    ax1.bar(classes - 0.2, (classes == 3).astype(float), width=0.4, color=GREY,
            label=words["one_hot"].format(y_hat=r"$\hat{y}$", true=3))
    ax1.bar(classes + 0.2, N(probs), width=0.4, color=BLUE, label=r"$y' = \mathrm{softmax}(y)$")
    ax1.set_xticks(classes)
    ax1.set_xlabel(words["class"])
    ax1.set_title(rf"$e(y,\hat{{y}}) = -\sum_i \hat{{y}}_i \ln y'_i = -\ln y'_3 = {e:.2f}$")
    ax1.legend(loc="upper right", fontsize=8)

    q = np.linspace(0.005, 1, 400)
    ax2.plot(q, -np.log(q), color=RED, lw=2)
    ax2.plot([float(probs[3])], [e], "o", color=BLUE, ms=7)
    ax2.annotate(words["this_model"], xy=(float(probs[3]), e), xytext=(float(probs[3]) + 0.12, e + 1.2),
                 arrowprops=dict(arrowstyle="->", color=BLUE), color=BLUE)
    ax2.set_xlabel(words["probability"].format(p=r"$y'_{\mathrm{true}}$"))
    ax2.set_ylabel(r"$-\ln y'_{\mathrm{true}}$")
    ax2.set_title(words["loss_title"])
    ax2.set_ylim(0, 5.5)
    return fig


L23_NORMS: dict[Language, Words] = {
    "zh": {
        "balls_title": "半径同为 $\\varepsilon$ 的球",
        "every_pixel": "每个像素 +{d:.1f}",
        "one_pixel": "一个像素 +{d:.1f}",
        "moral": "$L_2$ 距离相同；$L_\\infty$ 看得出那个改动很大的像素",
    },
    "en": {
        "balls_title": "balls of the same radius $\\varepsilon$",
        "every_pixel": "every pixel +{d:.1f}",
        "one_pixel": "one pixel +{d:.1f}",
        "moral": "same $L_2$ distance; $L_\\infty$ sees the one pixel that changed a lot",
    },
}


def fig_l23_norms(words: Words) -> Figure:
    l23 = solution("l23_adversarial")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.0, 3.8), gridspec_kw={"width_ratios": [1, 1.25]})
    eps = 1.0
    t = np.linspace(0, 2 * np.pi, 400)
    ax1.fill(eps * np.cos(t), eps * np.sin(t), color=BLUE, alpha=0.25)
    ax1.plot(eps * np.cos(t), eps * np.sin(t), color=BLUE, lw=2,
             label=r"$\|\Delta x\|_2 \leq \varepsilon$")
    ax1.add_patch(Rectangle((-eps, -eps), 2 * eps, 2 * eps, fill=False, color=RED, lw=2,
                            label=r"$\|\Delta x\|_\infty \leq \varepsilon$"))
    ax1.plot([-1.6, 1.6], [0, 0], color=GREY, lw=0.6)
    ax1.plot([0, 0], [-1.6, 1.35], color=GREY, lw=0.6)  # stops below the legend
    ax1.set_xlim(-1.6, 1.6)
    ax1.set_ylim(-1.6, 1.9)
    ax1.set_aspect("equal")
    ax1.set_xlabel(r"$\Delta x_1$")
    ax1.set_ylabel(r"$\Delta x_2$")
    ax1.set_title(words["balls_title"])
    ax1.legend(loc="upper center", ncol=2, fontsize=8.5)

    # The lecture's example: change every pixel a little, or one pixel a lot.
    small, large = 0.1, 0.2
    x0 = torch.full((2, 4), 0.5, dtype=torch.float64)
    spread = x0.clone()
    spread[0] += small
    one = x0.clone()
    one[1, 0] += large
    x = torch.stack([spread[0], one[1]])
    d2 = l23.distance(x0, x, "l2")
    dinf = l23.distance(x0, x, "linf")
    ax2.axis("off")
    ax2.set_xlim(0, 10)
    ax2.set_ylim(0, 6)
    titles = [words["every_pixel"].format(d=small), words["one_pixel"].format(d=large)]
    for row, (title, delta) in enumerate(zip(titles, (x[0] - x0[0], x[1] - x0[1]))):
        top = 4.6 - row * 2.9
        ax2.text(0.0, top + 0.6, title, fontsize=9.5)
        for j in range(4):
            value = float(delta[j])
            ax2.add_patch(Rectangle((j * 1.05, top - 1.0), 1.0, 1.0,
                                    color=plt.get_cmap("Reds")(0.15 + 3.5 * value)))
            ax2.text(j * 1.05 + 0.5, top - 0.5, f"+{value:.1f}" if value else "0", ha="center",
                     va="center", fontsize=9)
        ax2.text(4.6, top - 0.2, rf"$L_2 = {float(d2[row]):.2f}$", fontsize=10, color=BLUE)
        ax2.text(4.6, top - 0.85, rf"$L_\infty = {float(dinf[row]):.2f}$", fontsize=10, color=RED)
    ax2.text(0, -0.2, words["moral"], fontsize=9)
    return fig


L23_ADVERSARIAL: dict[Language, Words] = {
    "zh": {
        "original": "原图 $x^0$\n预测 {predicted}（p = {p:.2f}），正确答案 {true}",
        "perturbation": "杂讯 $x - x^0$\n{bound}",
        "attacked": "攻击后的 $x$\n预测 {predicted}（p = {p:.2f}），目标 {target}",
        "summary": "targeted_attack，{steps} 步、每步 {alpha:g}：在 {n} 张测试数字中的 {success:.0%} 上达到目标",
    },
    "en": {
        "original": "original $x^0$\npredicted {predicted} (p = {p:.2f}), true {true}",
        "perturbation": "perturbation $x - x^0$\n{bound}",
        "attacked": "attacked $x$\npredicted {predicted} (p = {p:.2f}), target {target}",
        "summary": "targeted_attack, {steps} steps of {alpha:g}: reaches its target on {success:.0%} "
                   "of the {n} test digits",
    },
}


def fig_l23_adversarial(words: Words) -> Figure:
    l23 = solution("l23_adversarial")
    classifier = load_module("grader/classifier.py")
    model = classifier.load_classifier()
    images, labels = classifier.load_attack_set()
    targets = classifier.attack_targets(labels)
    eps, alpha, steps = classifier.ATTACK_EPS, classifier.ATTACK_ALPHA, classifier.ATTACK_STEPS

    with torch.no_grad():
        before = model(images).argmax(dim=1)
    adversarial = l23.targeted_attack(model, images, labels, targets, eps, alpha, steps)
    with torch.no_grad():
        logits = model(adversarial)
    after = logits.argmax(dim=1)
    hit = (after == targets).nonzero().flatten()
    if len(hit) == 0:
        raise FigureError("the targeted attack reached its target on no image of the attack set")
    n = int(hit[0])
    x0, x = images[n, 0], adversarial[n, 0]
    p0 = torch.softmax(model(images[n : n + 1]), dim=1)[0].detach()
    p1 = torch.softmax(logits[n : n + 1], dim=1)[0]
    success = float((after == targets).float().mean())

    fig, axes = plt.subplots(1, 3, figsize=(8.8, 3.2), gridspec_kw={"wspace": 0.55})
    axes[0].imshow(N(x0), cmap="gray_r", vmin=0, vmax=1)
    axes[0].set_title(words["original"].format(predicted=int(before[n]), p=float(p0[before[n]]),
                                               true=int(labels[n])))
    im = axes[1].imshow(N(x - x0), cmap="RdBu_r", vmin=-eps, vmax=eps)
    bound = rf"$\|x - x^0\|_\infty \leq \varepsilon = {eps:g}$"
    axes[1].set_title(words["perturbation"].format(bound=bound))
    fig.colorbar(im, ax=axes[1], fraction=0.046, pad=0.04)
    axes[2].imshow(N(x), cmap="gray_r", vmin=0, vmax=1)
    axes[2].set_title(words["attacked"].format(predicted=int(after[n]), p=float(p1[after[n]]),
                                               target=int(targets[n])))
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(words["summary"].format(steps=steps, alpha=alpha, success=success, n=len(labels)),
                 fontsize=9.5, y=0.02)
    return fig


# ---------------------------------------------------------------------------
# Every figure, in every language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseFigure:
    """One figure of the site: its drawing function and its words in each language
    (the same keys and placeholders in every language)."""

    draw: Callable[[Words], Figure]
    words: Mapping[Language, Words]


FIGURES: dict[str, CourseFigure] = {
    "l01_hard_sigmoid": CourseFigure(fig_l01_hard_sigmoid, L01_HARD_SIGMOID),
    "l01_piecewise_approx": CourseFigure(fig_l01_piecewise_approx, L01_PIECEWISE_APPROX),
    "l01_sigmoid_approx": CourseFigure(fig_l01_sigmoid_approx, L01_SIGMOID_APPROX),
    "l01_batches": CourseFigure(fig_l01_batches, L01_BATCHES),
    "l01_epochs": CourseFigure(fig_l01_epochs, L01_EPOCHS),
    "l02_bias_overfitting": CourseFigure(fig_l02_bias_overfitting, L02_BIAS_OVERFITTING),
    "l03_saddle": CourseFigure(fig_l03_saddle, L03_SADDLE),
    "l04_sharp_flat": CourseFigure(fig_l04_sharp_flat, L04_SHARP_FLAT),
    "l04_momentum": CourseFigure(fig_l04_momentum, L04_MOMENTUM),
    "l05_optimizer_race": CourseFigure(fig_l05_optimizer_race, L05_OPTIMIZER_RACE),
    "l23_cross_entropy": CourseFigure(fig_l23_cross_entropy, L23_CROSS_ENTROPY),
    "l23_norms": CourseFigure(fig_l23_norms, L23_NORMS),
    "l23_adversarial": CourseFigure(fig_l23_adversarial, L23_ADVERSARIAL),
}


def file_name(name: str, language: Language) -> str:
    """``<name>.svg`` in the default language, ``<name>.<language>.svg`` in the others
    (the suffix mkdocs-static-i18n looks for)."""
    return f"{name}.svg" if language == LANGUAGES[0] else f"{name}.{language}.svg"


def all_files() -> list[str]:
    return [file_name(name, language) for name in FIGURES for language in LANGUAGES]


@contextlib.contextmanager
def drawing(name: str, language: Language) -> Iterator[Figure]:
    """The figure ``name`` drawn with its words and font in ``language``; closed afterwards."""
    figure = FIGURES[name]
    with plt.rc_context(style(language)):
        torch.manual_seed(0)
        fig = figure.draw(figure.words[language])
        try:
            yield fig
        finally:
            plt.close(fig)


def draw(name: str, language: Language, out_dir: Path) -> Path:
    """Draw one figure in one language into out_dir and return its path; a FigureError
    if one of its characters would be a box."""
    path = out_dir / file_name(name, language)
    with drawing(name, language) as fig, warnings.catch_warnings():
        # matplotlib warns, and draws a box, for a character missing from the font
        warnings.filterwarnings("error", message="Glyph .* missing from")
        try:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        except UserWarning as warning:
            raise FigureError(f"{path.name}: {warning} Run python scripts/make_site_font.py --figures") from None
        problems = undrawable(fig, language)
    if problems:
        raise FigureError(f"{path.name}: {'; '.join(problems)}, not in {text_font(language).name}; "
                          "run python scripts/make_site_font.py --figures")
    path.write_bytes(buffer.getvalue())
    return path


def draw_all(out_dir: Path, names: list[str] | None = None,
             languages: tuple[Language, ...] = LANGUAGES) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [draw(name, language, out_dir) for name in (names or list(FIGURES)) for language in languages]


def stale_figures(committed_dir: Path = FIGURES_DIR) -> list[str]:
    """Files of the figures whose committed bytes differ from a fresh drawing."""
    with tempfile.TemporaryDirectory() as tmp:
        draw_all(Path(tmp))
        stale = [
            name
            for name in all_files()
            if not (committed_dir / name).is_file()
            or (committed_dir / name).read_bytes() != (Path(tmp) / name).read_bytes()
        ]
    extra = sorted(p.name for p in committed_dir.glob("*.svg") if p.name not in all_files())
    return stale + [f"{name} (not drawn by this script)" for name in extra]


def execute_notebooks(timeout: int = 600) -> None:
    """Re-run every notebook in place, so the committed outputs are current."""
    import nbformat
    from nbclient import NotebookClient

    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for cell in nb.cells:  # no per-run noise in the committed file
            cell.get("metadata", {}).pop("execution", None)
        nbformat.write(nb, path)
        print(f"executed {path.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIGURES_DIR, help="where to write the SVGs")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), metavar="NAME",
                        help=f"draw only these ({', '.join(FIGURES)})")
    parser.add_argument("--lang", nargs="+", choices=LANGUAGES, default=list(LANGUAGES),
                        help="draw only in these languages")
    parser.add_argument("--check", action="store_true",
                        help="redraw into a temporary folder and fail if docs/figures differs")
    parser.add_argument("--notebooks", action="store_true",
                        help="also execute docs/notebooks/*.ipynb in place")
    args = parser.parse_args(argv)

    try:
        if args.check:
            stale = stale_figures()
            for name in stale:
                print(f"stale: docs/figures/{name}")
            if stale:
                print("run: python scripts/make_figures.py")
            return 1 if stale else 0
        for path in draw_all(args.out, args.only, tuple(args.lang)):
            print(f"drew {path}")
    except FigureError as error:
        print(f"make_figures: {error}", file=sys.stderr)
        return 1
    if args.notebooks:
        execute_notebooks()
    return 0


if __name__ == "__main__":
    sys.exit(main())
