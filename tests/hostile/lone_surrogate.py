import torch


def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("shapes differ or empty")
    return (pred - target).abs().mean()


def mse(pred, target):
    """An exception message that no UTF-8 file can hold as it is."""
    raise ValueError("caf\udce9 \ud800")
