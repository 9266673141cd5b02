import time

import torch


def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("shapes differ or empty")
    return (pred - target).abs().mean()


def mse(pred, target):
    """Right, but slow: each call takes just under the call's time limit, so that its
    grading outlasts the time a student may take in grade-batch."""
    time.sleep(3)
    return ((pred - target) ** 2).mean()
