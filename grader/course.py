"""The course map: every lecture, every exercise, its points and where to read about it.

This is the one place to change when an exercise is added, renamed or re-weighted.
The checks of an exercise and its hints live in ``grader/checks/<module>.py``,
keyed by the names below.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

LOCAL_SITE_URL = "http://127.0.0.1:8000/"  # where `make serve` serves the site
PUBLISHED_SITE_URL = ""  # `release` writes COURSE_SITE_URL here in the student edition


def site_url(environment: Mapping[str, str] = os.environ) -> str:
    """The site's public address, which every link the grader prints starts with:
    ``COURSE_SITE_URL`` where the course publishes it (GitHub Pages, any static host;
    mkdocs.yml reads the same variable), else the address the student edition was
    released for, else the local ``make serve`` address."""
    url = environment.get("COURSE_SITE_URL", "").strip() or PUBLISHED_SITE_URL or LOCAL_SITE_URL
    return url if url.endswith("/") else url + "/"


SITE_URL = site_url()


@dataclass(frozen=True)
class Lecture:
    module: str  # file name of the submission, without ``.py``
    title: str  # as the notes head it


@dataclass(frozen=True)
class Exercise:
    module: str
    name: str
    points: float
    section: str  # heading of the lecture page that explains the idea
    # "Must not call": dotted names of functions or classes, or of whole modules
    # ("anything in torch.optim"). The worker trips on them at run time.
    banned: tuple[str, ...] = ()

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def lecture(self) -> Lecture:
        return LECTURES[self.module]

    @property
    def docs_path(self) -> str:
        """The page and anchor in ``docs/`` of this exercise (its heading is its name)."""
        return f"docs/{self.module}.md#{self.name}"

    @property
    def url(self) -> str:
        """The same place on the served site."""
        return f"{SITE_URL}{self.module}/#{self.name}"

    @property
    def reading(self) -> str:
        """A sentence that says what to read, as stubs and feedback print it.

        The link lands on the exercise, so the sentence names the exercise; the
        section it builds on is named too, and the exercise links back to it.
        """
        return (f"{self.lecture.title}, exercise “{self.name}” ({self.docs_path}), "
                f"which builds on the section “{self.section}”")


LECTURES: dict[str, Lecture] = {
    lecture.module: lecture
    for lecture in [
        Lecture("l01_regression", "Lecture 1: Regression"),
        Lecture("l02_guidance", "Lecture 2: 整体指导"),
        Lecture("l03_critical_points", "Lecture 3: 局部极小值与鞍点"),
        Lecture("l04_batch_momentum", "Lecture 4: 分批(batch)和动量方法"),
        Lecture("l05_adaptive_lr", "Lecture 5: 有适应性的学习率"),
        Lecture("l23_adversarial", "Lecture 23: 对抗攻击"),
    ]
}

OPTIM = ("torch.optim",)
LOG_SOFTMAX = (
    "torch.nn.functional.cross_entropy",
    "torch.nn.CrossEntropyLoss",
    "torch.nn.functional.nll_loss",
    "torch.nn.NLLLoss",
    "torch.nn.functional.log_softmax",
    "torch.nn.LogSoftmax",
    "torch.log_softmax",
    "torch.logsumexp",
    "torch.special.log_softmax",
    "torch.special.logsumexp",
    "torch.Tensor.log_softmax",
    "torch.Tensor.logsumexp",
)

# Points add up to 100.
EXERCISES: list[Exercise] = [
    Exercise("l01_regression", "mae", 3, "MAE 与 MSE",
             banned=("torch.nn.functional.l1_loss", "torch.nn.L1Loss")),
    Exercise("l01_regression", "mse", 3, "MAE 与 MSE",
             banned=("torch.nn.functional.mse_loss", "torch.nn.MSELoss")),
    Exercise("l01_regression", "hard_sigmoid", 4, "分段线性曲线 (hard sigmoid)",
             banned=("torch.nn.functional.hardsigmoid", "torch.nn.Hardsigmoid")),
    Exercise("l01_regression", "piecewise_linear", 6, "分段线性曲线 (hard sigmoid)",
             banned=("numpy.interp",)),
    Exercise("l01_regression", "one_hidden_layer", 5, "神经网络"),
    Exercise("l01_regression", "minibatches", 4, "迭代(Epoch) vs 更新(update)",
             banned=("torch.utils.data.DataLoader", "torch.utils.data.BatchSampler")),
    Exercise("l02_guidance", "kfold", 5, "交叉验证"),
    Exercise("l02_guidance", "cross_validation_loss", 4, "交叉验证"),
    Exercise("l03_critical_points", "second_order_approx", 3, "泰勒展开"),
    Exercise("l03_critical_points", "hessian", 6, "海塞矩阵",
             banned=("torch.autograd.functional", "torch.func")),
    Exercise("l03_critical_points", "classify_critical_point", 4, "判断极小值与鞍点"),
    Exercise("l03_critical_points", "escape_direction", 4, "走出鞍点"),
    Exercise("l04_batch_momentum", "momentum_step", 3, "Momentum", banned=OPTIM),
    Exercise("l04_batch_momentum", "momentum_descent", 4, "Momentum", banned=OPTIM),
    Exercise("l05_adaptive_lr", "adagrad_step", 4, "Adagrad", banned=OPTIM),
    Exercise("l05_adaptive_lr", "adagrad", 3, "Adagrad", banned=OPTIM),
    Exercise("l05_adaptive_lr", "rmsprop_step", 4, "RMSProp", banned=OPTIM),
    Exercise("l05_adaptive_lr", "rmsprop", 3, "RMSProp", banned=OPTIM),
    Exercise("l05_adaptive_lr", "adam_step", 6, "Adam", banned=OPTIM),
    Exercise("l23_adversarial", "cross_entropy", 5, "无目标攻击", banned=LOG_SOFTMAX),
    Exercise("l23_adversarial", "distance", 3, "距离：2-范数与无穷范数",
             banned=("torch.norm", "torch.linalg.norm", "torch.linalg.vector_norm",
                     "torch.dist", "torch.cdist")),
    Exercise("l23_adversarial", "project_linf", 4, "距离：2-范数与无穷范数"),
    Exercise("l23_adversarial", "untargeted_attack", 5, "无目标攻击"),
    Exercise("l23_adversarial", "targeted_attack", 5, "有目标攻击"),
]

BY_NAME: dict[str, Exercise] = {exercise.name: exercise for exercise in EXERCISES}
MAX_SCORE: float = sum(exercise.points for exercise in EXERCISES)


def select(names: list[str]) -> list[Exercise]:
    """The exercises named by function or module names (all of them for none).

    Raises:
        KeyError: naming the first name that is neither.
    """
    if not names:
        return list(EXERCISES)
    chosen: list[Exercise] = []
    for name in names:
        if name in BY_NAME:
            matches = [BY_NAME[name]]
        elif name in LECTURES:
            matches = [e for e in EXERCISES if e.module == name]
        else:
            raise KeyError(name)
        chosen += [e for e in matches if e not in chosen]
    return chosen
