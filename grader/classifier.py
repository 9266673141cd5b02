"""The real classifier and real images on which Lecture 23's attacks are graded.

A small network trained on 8×8 greyscale handwritten digits (the UCI "Optical
Recognition of Handwritten Digits" data as scikit-learn ships it). The grader runs
your ``untargeted_attack`` and ``targeted_attack`` on ``load_attack_set()`` with
``ATTACK_EPS``, ``ATTACK_ALPHA`` and ``ATTACK_STEPS``, and compares their success
rate with the reference attack's.

The weights and images lie in ``grader/assets/``; ``scripts/train_digits_classifier.py``
rebuilds them (see ``grader/assets/README.md``). Only ``torch`` is needed to load them.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import Tensor, nn

ASSETS = Path(__file__).resolve().parent / "assets"
WEIGHTS_PATH = ASSETS / "digits_classifier.pt"
ATTACK_SET_PATH = ASSETS / "digits_attack_set.pt"

IMAGE_SHAPE = (1, 8, 8)  # one channel, 8×8 pixels, each in [0, 1]
N_CLASSES = 10

# The grading attack: L∞ radius (about 2.3 of the dataset's 16 grey levels), step
# size and number of steps. Chosen with ``scripts/attack_calibration.py`` so that the
# reference attacks succeed on some images but not all (untargeted 85.5%, targeted
# 25%), and so that the usual bugs (wrong sign, one step, no projection, no clamp,
# random start) change the result by far more than the grader's 2 points.
# ``ATTACK_ALPHA * ATTACK_STEPS`` is a little more than ``ATTACK_EPS``: enough to
# reach the edge of the ball (so a missing projection shows), too little to forget
# a random start.
ATTACK_EPS = 0.145
ATTACK_ALPHA = 0.016
ATTACK_STEPS = 10


class DigitsClassifier(nn.Module):
    """An MLP 64 → 32 → 10 with a ReLU: small enough to read, good enough (~97%) to attack.

    Takes (N, 1, 8, 8) images with pixels in [0, 1] and returns (N, 10) logits.
    """

    def __init__(self, hidden: int = 32) -> None:
        super().__init__()
        self.hidden = nn.Linear(8 * 8, hidden)
        self.out = nn.Linear(hidden, N_CLASSES)

    def forward(self, x: Tensor) -> Tensor:
        x = x.flatten(start_dim=1)  # (N, 1, 8, 8) -> (N, 64)
        return self.out(torch.relu(self.hidden(x)))


def load_classifier() -> DigitsClassifier:
    """The trained classifier, float32, in eval mode (the attacks must not train it)."""
    model = DigitsClassifier()
    # weights_only: the file holds tensors only, and loading runs no pickled code.
    state = torch.load(WEIGHTS_PATH, map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    return model.float().eval()


def load_attack_set() -> tuple[Tensor, Tensor]:
    """The images to attack and their true classes.

    Held-out test images (never seen in training) that the classifier gets right,
    so that "the attack made it wrong" means something. Returns ``(images, labels)``:
    images (N, 1, 8, 8) float32 in [0, 1], labels (N,) int64.
    """
    data = torch.load(ATTACK_SET_PATH, map_location="cpu", weights_only=True)
    return data["images"], data["labels"]


def attack_targets(labels: Tensor) -> Tensor:
    """The class the targeted attack must reach: the next digit, ``(y + 1) % 10``.

    Fixed rather than random so that every run grades the same task, and never
    equal to the true class.
    """
    return (labels + 1) % N_CLASSES
