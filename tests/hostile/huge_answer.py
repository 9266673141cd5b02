import torch


def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("shapes differ or empty")
    return (pred - target).abs().mean()


def mse(pred, target):
    """Answers with 200 MB."""
    return torch.zeros(50 * 2**20)
