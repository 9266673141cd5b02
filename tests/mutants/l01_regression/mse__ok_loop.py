import torch


def mse(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    if pred.numel() == 0:
        raise ValueError("empty")
    total = torch.zeros((), dtype=pred.dtype)
    for p, t in zip(pred.reshape(-1), target.reshape(-1)):
        total = total + (p - t) * (p - t)
    return total / pred.numel()
