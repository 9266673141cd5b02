"""What the built pages and notebooks say is true: each corrected statement, read from the
HTML a student gets, and, where a statement is quantitative, checked against the numbers
the course's own code computes."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import torch
from sitehtml import scan
from test_figures import load_make_figures

ROOT = Path(__file__).resolve().parents[2]


def page(site: Path, module: str):
    return scan(site / module / "index.html")


def notebook_markdown(name: str) -> str:
    nb = nbformat.read(ROOT / "docs" / "notebooks" / f"{name}.ipynb", as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def notebook_output(name: str) -> str:
    nb = nbformat.read(ROOT / "docs" / "notebooks" / f"{name}.ipynb", as_version=4)
    return "\n".join(
        out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )


def box(scanned, title_part: str):
    found = [b for b in scanned.admonitions if title_part in b.title]
    assert len(found) == 1, f"{len(found)} boxes titled ...{title_part}...: {[b.title for b in scanned.admonitions]}"
    return found[0]


# ---------------------------------------------------------------------------
# Error boxes only where the notes are wrong
# ---------------------------------------------------------------------------

# The boxes that must not claim the notes are wrong: the notes are right, ambiguous
# or incomplete there (and the home page promises bug boxes for errors only).
NOT_ERRORS = [
    ("l05_adaptive_lr", "删除了分母"),  # RMSProp drops the 1/(t+1); sigma stays: a clarification
    ("l05_adaptive_lr", "均方根"),  # the notes' formula is right; only the name is short
    ("l23_adversarial", "记号对照"),  # the notes' targeted formula is right
    ("l23_adversarial", "第二个式子是约束"),  # the constraint does keep the change small
    ("l23_adversarial", "排除异常因子"),  # the course's reading, not the notes'
    ("l02_guidance", "每一份都要轮流"),  # a completion, not an error
]


@pytest.mark.parametrize("module, title", NOT_ERRORS)
def test_box_is_not_an_error_box(site, module, title):
    assert box(page(site, module), title).kind in ("note", "info")


def test_every_error_box_says_what_the_notes_wrote_and_what_is_right(site):
    for module in ("l01_regression", "l02_guidance", "l03_critical_points", "l04_batch_momentum",
                   "l05_adaptive_lr", "l23_adversarial"):
        for b in page(site, module).admonitions:
            if b.kind == "bug":
                assert "笔记：" in b.text, f"{module}: bug box {b.title!r} does not quote the notes"
                assert "正确" in b.text, f"{module}: bug box {b.title!r} does not say what is right"


def test_the_course_reading_is_marked_as_such(site):
    scanned = page(site, "l23_adversarial")
    reading = box(scanned, "排除异常因子")
    assert "本课程" in reading.title + reading.text
    assert "垃圾邮件" in scanned.text and "恶意软件" in scanned.text  # the lecture's examples
    assert "掺入异常的样本" not in scanned.text  # data poisoning is not this lecture's example


# ---------------------------------------------------------------------------
# Lecture 1
# ---------------------------------------------------------------------------


def test_sigmoid_gap_is_the_same_for_every_w(site):
    """The page says the largest gap to the slope-matched hard sigmoid is 0.12c whatever w."""
    text = page(site, "l01_regression").text
    assert "1/w" not in text and "成正比" not in text, "the old claim that the gap shrinks like 1/w"
    assert "w' = 1.5w" in text
    assert "0.12" in text
    l01 = load_make_figures().solution("l01_regression")
    x = torch.linspace(-40, 40, 400_001, dtype=torch.float64)
    gaps = []
    for w in (0.5, 1.0, 3.0, 10.0):
        hard = l01.hard_sigmoid(x, c=1.0, b=0.0, w=1.5 * w)
        gaps.append(float((hard - torch.sigmoid(w * x)).abs().max()))
    assert max(gaps) - min(gaps) < 1e-3
    assert round(gaps[0], 2) == 0.12


def test_the_model_constant_is_b0_everywhere(site):
    text = page(site, "l01_regression").text
    assert r"y = b + \sum_i c_i" not in text
    assert r"y = b_0 + \sum_i c_i\,\sigma" in text
    assert r"y = b_0 + \sum_{i=1}^{m} c_i" in text


@pytest.mark.parametrize("language, label", [("zh", "斜率 $cw/6$"), ("en", "slope $cw/6$")])
def test_hard_sigmoid_figure_labels_the_slope_cw_over_6(language, label):
    from matplotlib.text import Text

    with load_make_figures().drawing("l01_hard_sigmoid", language) as fig:
        texts = [t.get_text() for t in fig.findobj(Text)]
    assert label in texts, texts


# ---------------------------------------------------------------------------
# Lecture 2
# ---------------------------------------------------------------------------


def test_folds_are_k_and_the_fold_index_is_i(site):
    text = page(site, "l02_guidance").text
    assert r"\frac{1}{k} \sum_{i=1}^{k} L_i(M)" in text
    assert r"\frac{1}{N} \sum_{k=1}^{N}" not in text
    assert "N 折交叉验证" not in text.replace("N-折", "")
    assert "k 折交叉验证" in text


# ---------------------------------------------------------------------------
# Lecture 4
# ---------------------------------------------------------------------------


def test_momentum_caption_says_gradient_descent_moves_slowly(site):
    text = page(site, "l04_batch_momentum").text
    assert "几乎不动" not in text
    make_figures = load_make_figures()
    l04 = make_figures.solution("l04_batch_momentum")
    path = l04.momentum_descent(make_figures.grad_of(make_figures.ravine_loss),
                                make_figures.t64([-4.5, 1.2]), 0.4, 0.0, 30)
    moved = float(path[-1, 0] - path[0, 0])
    assert moved > 1.0, "plain gradient descent should move in the flat direction"
    assert f"走到 \\({float(path[-1, 0]):.1f}\\)" in text


# ---------------------------------------------------------------------------
# Lecture 5
# ---------------------------------------------------------------------------


def test_rmsprop_weights_except_the_first_gradient(site):
    text = page(site, "l05_adaptive_lr").text
    assert r"\alpha^{t} \left(g_i^0\right)^2" in text
    assert "只有最早的" in text
    # the expansion the page writes is the recursion's
    alpha, grads = 0.7, torch.tensor([3.0, -1.0, 2.0, 0.5], dtype=torch.float64)
    sigma2 = grads[0] ** 2
    for g in grads[1:]:
        sigma2 = alpha * sigma2 + (1 - alpha) * g**2
    t = len(grads) - 1
    expanded = sum((1 - alpha) * alpha**j * grads[t - j] ** 2 for j in range(t)) + alpha**t * grads[0] ** 2
    assert torch.isclose(sigma2, expanded)


def test_adagrad_burst_is_explained_by_its_cause_next_to_the_race(site):
    scanned = page(site, "l05_adaptive_lr")
    burst = box(scanned, "爆发")
    assert "原因" in burst.text and "结果" in burst.text
    assert "2/a" in burst.text
    assert "稍大的梯度" not in scanned.text and "梯度突然变小" not in scanned.text
    caption = scanned.text.find("同一个山谷（陡峭方向的曲率是平坦方向的 200 倍）")
    assert 0 <= caption < burst.offset, "the box follows the race figure"
    between = scanned.text[caption:burst.offset]
    assert "Adagrad（绿）最后的损失反而是五种方法里最低的" in between


def test_race_numbers_hold():
    """Curvature ratio 200; Adagrad ends lowest; its eta/sigma_2 passes 2/4 and its
    steep coordinate swings out to about 2.5 (the page's and the notebook's words)."""
    make_figures = load_make_figures()
    paths = make_figures.race_paths()
    final = {name: float(make_figures.race_loss(path[-1])) for name, path in paths.items()}
    assert min(final, key=final.get).startswith("Adagrad")
    adagrad = next(path for name, path in paths.items() if name.startswith("Adagrad"))
    assert round(float(adagrad[:, 1].abs().max()), 1) == 2.5
    grads = torch.stack([make_figures.grad_of(make_figures.race_loss)(row) for row in adagrad[:-1]])
    ratio = 1.0 / torch.sqrt(torch.cumsum(grads**2, 0) / torch.arange(1, len(grads) + 1).unsqueeze(1))
    first_over = int((ratio[:, 1] > 0.5).nonzero()[0])
    assert first_over < 10, "a few steps, as the page says"
    assert bool((grads[1:first_over + 1, 1].abs() < 1e-6).all()), "the steep gradient was tiny until then"


def test_lecture5_notebook_thresholds_match_its_own_plot():
    text = notebook_markdown("l05_optimizer_race")
    assert "0.26" not in text
    assert "$1/4 = 0.25$" in text and "$2/4 = 0.5$" in text
    source = (ROOT / "docs" / "notebooks" / "l05_optimizer_race.ipynb").read_text(encoding="utf-8")
    assert "plt.axhline(2 / 4.0" in source, "the plot draws the divergence limit at 2/curvature"
    out = notebook_output("l05_optimizer_race")
    swings = dict(re.findall(r"lr (0\.\d+): .*sign changes: (\d+)", out))
    size = {lr: float(v) for lr, v in re.findall(r"lr (0\.\d+): \|theta_2\| after 30 steps = ([\d.e+-]+)", out)}
    assert swings["0.24"] == "0" and int(swings["0.26"]) > 0  # oscillates above 0.25
    assert size["0.49"] < 1 < size["0.51"]  # grows above 0.5


# ---------------------------------------------------------------------------
# Lecture 3 notebook
# ---------------------------------------------------------------------------


def test_lecture3_notebook_eigenvalues_on_the_valley_of_minima():
    text = notebook_markdown("l03_saddle_escape")
    assert "2(w_1^2 + w_2^2)" in text
    l03 = load_make_figures().solution("l03_critical_points")

    def loss(w):
        return (1 - w[0] * w[1]) ** 2

    for w1 in (0.5, 1.0, 2.0):
        theta = torch.tensor([w1, 1 / w1], dtype=torch.float64)
        eigenvalues = torch.linalg.eigvalsh(l03.hessian(loss, theta))
        assert torch.allclose(eigenvalues, torch.tensor([0.0, 2 * (w1**2 + 1 / w1**2)], dtype=torch.float64),
                              atol=1e-9)


# ---------------------------------------------------------------------------
# Lecture 23
# ---------------------------------------------------------------------------


def test_attack_success_rate_is_said_where_the_figure_is(site):
    out = notebook_output("l23_targeted_attack")
    rate = int(re.search(r"reached the target on (\d+)% of the images", out)[1])
    assert rate == 25
    text = page(site, "l23_adversarial").text
    assert f"四分之一（{rate}%）" in text
    assert "四分之一" in notebook_markdown("l23_targeted_attack")
