import numpy as np
import torch


def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("shapes differ or empty")
    return (pred - target).abs().mean()


def mse(pred, target):
    """Reads far outside any memory it has: a real segmentation fault."""
    return float(np.lib.stride_tricks.as_strided(np.zeros(1), shape=(2,), strides=(2**40,))[1])
