"""The course map: every lecture, every exercise, its points and where to read about it.

This is the one place to change when an exercise is added, renamed or re-weighted.
The checks of an exercise and its hints live in ``grader/checks/<module>.py``,
keyed by the names below.

Lecture titles and section headings are written in English and marked for
translation; their Chinese, in the catalog, is the Chinese page's heading. A
section is known by its heading's id, the same on the page in either language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from grader.i18n import N_, language, translate

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


# The site speaks Chinese at its root and English under en/ (mkdocs-static-i18n's
# suffix structure: docs/<page>.md and docs/<page>.en.md).
PAGE_SUFFIX = {"zh": "", "en": ".en"}
SITE_PREFIX = {"zh": "", "en": "en/"}


@dataclass(frozen=True)
class Lecture:
    module: str  # file name of the submission, without ``.py``
    english_title: str  # the msgid; the page's h1 in English, its Chinese the page's h1 in Chinese

    @property
    def title(self) -> str:
        """The title in the language being spoken."""
        return self.title_in()

    def title_in(self, lang: str | None = None) -> str:
        return translate(self.english_title, lang)


# The lecture sections exercises build on: the heading's id, the same in both languages
# (each page writes it, ``## MAE 与 MSE {#mae-and-mse}``), and its English heading.
SECTIONS: dict[str, str] = {
    "mae-and-mse": N_("MAE and MSE"),
    "hard-sigmoid": N_("Piecewise linear curves (hard sigmoid)"),
    "neural-networks": N_("Neural networks"),
    "epochs-vs-updates": N_("Epochs vs updates"),
    "cross-validation": N_("Cross-validation"),
    "taylor-expansion": N_("Taylor expansion"),
    "hessian-matrix": N_("The Hessian matrix"),
    "minima-or-saddle": N_("Telling minima from saddle points"),
    "escaping-saddle-points": N_("Escaping a saddle point"),
    "momentum": N_("Momentum"),
    "adagrad-method": N_("Adagrad"),
    "rmsprop-method": N_("RMSProp"),
    "adam": N_("Adam"),
    "untargeted-attack": N_("Untargeted attacks"),
    "targeted-attack": N_("Targeted attacks"),
    "distance-norms": N_("Distance: the 2-norm and the infinity norm"),
}


@dataclass(frozen=True)
class Exercise:
    module: str
    name: str
    points: float
    section_id: str  # id of the lecture section that explains the idea (a key of SECTIONS)
    # "Must not call": dotted names of functions or classes, or of whole modules
    # ("anything in torch.optim"). The worker trips on them at run time.
    banned: tuple[str, ...] = ()

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def lecture(self) -> Lecture:
        return LECTURES[self.module]

    # Each property speaks the language being spoken; its ``_in`` method takes one.

    @property
    def section(self) -> str:
        """The heading of the section the exercise builds on."""
        return self.section_in()

    def section_in(self, lang: str | None = None) -> str:
        return translate(SECTIONS[self.section_id], lang)

    @property
    def docs_path(self) -> str:
        """The page and anchor in ``docs/`` of this exercise (its heading's id is its name)."""
        return self.docs_path_in()

    def docs_path_in(self, lang: str | None = None) -> str:
        return f"docs/{self.module}{PAGE_SUFFIX[lang or language()]}.md#{self.name}"

    @property
    def url(self) -> str:
        """The exercise on the served site, on the page in that language."""
        return self.url_in()

    def url_in(self, lang: str | None = None) -> str:
        return f"{SITE_URL}{SITE_PREFIX[lang or language()]}{self.module}/#{self.name}"

    @property
    def section_url(self) -> str:
        """The section the exercise builds on, on the served site."""
        return self.section_url_in()

    def section_url_in(self, lang: str | None = None) -> str:
        return f"{SITE_URL}{SITE_PREFIX[lang or language()]}{self.module}/#{self.section_id}"

    @property
    def reading(self) -> str:
        """A sentence that says what to read, as stubs and feedback print it.

        The link lands on the exercise, so the sentence names the exercise; the
        section it builds on is named too, and the exercise links back to it.
        """
        return self.reading_in()

    def reading_in(self, lang: str | None = None) -> str:
        return translate(N_("{lecture}, exercise “{name}” ({path}), which builds on the section "
                            "“{section}”"), lang).format(
            lecture=self.lecture.title_in(lang), name=self.name, path=self.docs_path_in(lang),
            section=self.section_in(lang))


LECTURES: dict[str, Lecture] = {
    lecture.module: lecture
    for lecture in [
        Lecture("l01_regression", N_("Lecture 1: Regression")),
        Lecture("l02_guidance", N_("Lecture 2: General guidance")),
        Lecture("l03_critical_points", N_("Lecture 3: Local minima and saddle points")),
        Lecture("l04_batch_momentum", N_("Lecture 4: Batches and momentum")),
        Lecture("l05_adaptive_lr", N_("Lecture 5: Adaptive learning rates")),
        Lecture("l23_adversarial", N_("Lecture 23: Adversarial attacks")),
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
    Exercise("l01_regression", "mae", 3, "mae-and-mse",
             banned=("torch.nn.functional.l1_loss", "torch.nn.L1Loss")),
    Exercise("l01_regression", "mse", 3, "mae-and-mse",
             banned=("torch.nn.functional.mse_loss", "torch.nn.MSELoss")),
    Exercise("l01_regression", "hard_sigmoid", 4, "hard-sigmoid",
             banned=("torch.nn.functional.hardsigmoid", "torch.nn.Hardsigmoid")),
    Exercise("l01_regression", "piecewise_linear", 6, "hard-sigmoid",
             banned=("numpy.interp",)),
    Exercise("l01_regression", "one_hidden_layer", 5, "neural-networks"),
    Exercise("l01_regression", "minibatches", 4, "epochs-vs-updates",
             banned=("torch.utils.data.DataLoader", "torch.utils.data.BatchSampler")),
    Exercise("l02_guidance", "kfold", 5, "cross-validation"),
    Exercise("l02_guidance", "cross_validation_loss", 4, "cross-validation"),
    Exercise("l03_critical_points", "second_order_approx", 3, "taylor-expansion"),
    Exercise("l03_critical_points", "hessian", 6, "hessian-matrix",
             banned=("torch.autograd.functional", "torch.func")),
    Exercise("l03_critical_points", "classify_critical_point", 4, "minima-or-saddle"),
    Exercise("l03_critical_points", "escape_direction", 4, "escaping-saddle-points"),
    Exercise("l04_batch_momentum", "momentum_step", 3, "momentum", banned=OPTIM),
    Exercise("l04_batch_momentum", "momentum_descent", 4, "momentum", banned=OPTIM),
    Exercise("l05_adaptive_lr", "adagrad_step", 4, "adagrad-method", banned=OPTIM),
    Exercise("l05_adaptive_lr", "adagrad", 3, "adagrad-method", banned=OPTIM),
    Exercise("l05_adaptive_lr", "rmsprop_step", 4, "rmsprop-method", banned=OPTIM),
    Exercise("l05_adaptive_lr", "rmsprop", 3, "rmsprop-method", banned=OPTIM),
    Exercise("l05_adaptive_lr", "adam_step", 6, "adam", banned=OPTIM),
    Exercise("l23_adversarial", "cross_entropy", 5, "untargeted-attack", banned=LOG_SOFTMAX),
    Exercise("l23_adversarial", "distance", 3, "distance-norms",
             banned=("torch.norm", "torch.linalg.norm", "torch.linalg.vector_norm",
                     "torch.dist", "torch.cdist")),
    Exercise("l23_adversarial", "project_linf", 4, "distance-norms"),
    Exercise("l23_adversarial", "untargeted_attack", 5, "untargeted-attack"),
    Exercise("l23_adversarial", "targeted_attack", 5, "targeted-attack"),
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
