import torch


def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have the same non-empty shape")
    total = 0.0
    for p, t in zip(pred.reshape(-1).tolist(), target.reshape(-1).tolist()):
        total += abs(p - t)
    return torch.tensor(total / pred.numel(), dtype=pred.dtype)
