import torch


def mae(pred, target):
    if pred.size() != target.size():
        raise ValueError("pred and target differ in shape")
    if not pred.numel():
        raise ValueError("empty")
    return torch.mean(torch.sqrt((pred - target) ** 2))
