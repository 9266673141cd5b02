import torch


def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("shapes differ or empty")
    return (pred - target).abs().mean()


def mse(pred, target):
    return ((pred - target) ** 2).mean()
