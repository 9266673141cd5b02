"""Rebuild ``grader/assets/`` : the digits classifier and the images Lecture 23's attacks are graded on.

    python scripts/train_digits_classifier.py           # train, print accuracy, write both assets
    python scripts/train_digits_classifier.py --check   # train, exit 1 if the assets differ

Data: scikit-learn's bundled copy of the UCI "Optical Recognition of Handwritten
Digits" set (1797 images, 8×8, pixels 0..16), read from the installed package, no
download. Pixels are divided by 16 into [0, 1].

Deterministic: a stratified split and the initial weights come from seeded
generators, training is full-batch Adam in float64 on one thread (so summation
order, and therefore every bit of the result, is the same on every run), and the
weights are saved as float32. ``tests/test_classifier.py`` retrains and compares.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import Tensor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.classifier import ATTACK_SET_PATH, WEIGHTS_PATH, DigitsClassifier  # noqa: E402

SEED = 23  # Lecture 23
TEST_FRACTION = 0.25
ATTACK_PER_CLASS = 20  # 10 classes × 20 = 200 images to attack
EPOCHS = 400  # full-batch Adam steps
LR = 0.01
WEIGHT_DECAY = 1e-4


@dataclass
class Result:
    state_dict: dict[str, Tensor]  # float32 weights of DigitsClassifier
    images: Tensor  # (N, 1, 8, 8) float32 attack set
    labels: Tensor  # (N,) int64
    indices: Tensor  # (N,) int64: rows of sklearn's load_digits() the attack set comes from
    train_accuracy: float
    test_accuracy: float  # of the float32 model on the whole held-out split


def load_digits() -> tuple[Tensor, Tensor]:
    """All 1797 images as (N, 1, 8, 8) float64 in [0, 1] and their int64 labels."""
    from sklearn.datasets import load_digits as sklearn_load_digits

    digits = sklearn_load_digits()
    images = torch.tensor(digits.data, dtype=torch.float64).reshape(-1, 1, 8, 8) / 16.0
    labels = torch.tensor(digits.target, dtype=torch.int64)
    return images, labels


def stratified_split(labels: Tensor, test_fraction: float, generator: torch.Generator) -> tuple[Tensor, Tensor]:
    """Train and test indices, each class split in the same proportion (sorted, int64)."""
    train, test = [], []
    for c in range(10):
        idx = (labels == c).nonzero().squeeze(1)
        idx = idx[torch.randperm(len(idx), generator=generator)]
        n_test = round(len(idx) * test_fraction)
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    return torch.cat(train).sort().values, torch.cat(test).sort().values


def accuracy(model: torch.nn.Module, x: Tensor, y: Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).double().mean().item()


def train() -> Result:
    """Train the classifier and pick the attack set; the same bits on every call."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        # fork_rng: seed locally, leave the caller's global random state untouched.
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(SEED)
            return _train()
    finally:
        torch.set_num_threads(threads)


def _train() -> Result:
    generator = torch.Generator().manual_seed(SEED)
    images, labels = load_digits()
    train_idx, test_idx = stratified_split(labels, TEST_FRACTION, generator)
    x_train, y_train = images[train_idx], labels[train_idx]

    model = DigitsClassifier().double()  # initial weights from the seeded global RNG
    optimizer = torch.optim.Adam(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    model.train()
    for _ in range(EPOCHS):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x_train), y_train)
        loss.backward()
        optimizer.step()

    # What is saved, and what the grader uses, is the float32 model: measure that one.
    state_dict = {k: v.detach().to(torch.float32).clone() for k, v in model.state_dict().items()}
    model32 = DigitsClassifier()
    model32.load_state_dict(state_dict)
    model32.eval()
    x32 = images.to(torch.float32)  # exact: every pixel is k/16

    # Attack set: held-out images the model gets right, ATTACK_PER_CLASS of each class,
    # in a seeded random order (so that no class or writer is over-represented).
    with torch.no_grad():
        correct = model32(x32[test_idx]).argmax(dim=1) == labels[test_idx]
    chosen = []
    for c in range(10):
        idx = test_idx[correct & (labels[test_idx] == c)]
        if len(idx) < ATTACK_PER_CLASS:
            raise RuntimeError(f"only {len(idx)} correct test images of class {c}")
        chosen.append(idx[torch.randperm(len(idx), generator=generator)[:ATTACK_PER_CLASS]])
    attack_idx = torch.cat(chosen).sort().values

    return Result(
        state_dict=state_dict,
        images=x32[attack_idx].contiguous(),
        labels=labels[attack_idx].contiguous(),
        indices=attack_idx,
        train_accuracy=accuracy(model32, x32[train_idx], y_train),
        test_accuracy=accuracy(model32, x32[test_idx], labels[test_idx]),
    )


def attack_set_payload(result: Result) -> dict[str, Tensor]:
    return {"images": result.images, "labels": result.labels, "indices": result.indices}


def assets_match(result: Result) -> bool:
    """Whether the committed assets hold exactly the tensors ``result`` holds."""
    if not (WEIGHTS_PATH.exists() and ATTACK_SET_PATH.exists()):
        return False
    saved_weights = torch.load(WEIGHTS_PATH, weights_only=True)
    saved_set = torch.load(ATTACK_SET_PATH, weights_only=True)
    new_set = attack_set_payload(result)
    return (
        saved_weights.keys() == result.state_dict.keys()
        and all(torch.equal(saved_weights[k], v) for k, v in result.state_dict.items())
        and saved_set.keys() == new_set.keys()
        and all(torch.equal(saved_set[k], v) for k, v in new_set.items())
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the assets are out of date")
    args = parser.parse_args()

    result = train()
    print(f"train accuracy     {result.train_accuracy:.4f}")
    print(f"held-out accuracy  {result.test_accuracy:.4f}")
    print(f"attack set         {tuple(result.images.shape)} images, {result.labels.bincount().tolist()} per class")
    if args.check:
        ok = assets_match(result)
        print("assets are up to date" if ok else "assets differ from a fresh training run")
        return 0 if ok else 1

    WEIGHTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    torch.save(result.state_dict, WEIGHTS_PATH)
    torch.save(attack_set_payload(result), ATTACK_SET_PATH)
    for path in (WEIGHTS_PATH, ATTACK_SET_PATH):
        print(f"wrote {path.relative_to(ROOT)}  {path.stat().st_size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
