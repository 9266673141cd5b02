import torch


def mae(pred, target):
    if tuple(pred.shape) != tuple(target.shape):
        raise ValueError(f"shape mismatch: {tuple(pred.shape)} vs {tuple(target.shape)}")
    if pred.numel() == 0:
        raise ValueError("cannot average over an empty tensor")
    d = pred - target
    return torch.where(d >= 0, d, -d).sum() / d.numel()
