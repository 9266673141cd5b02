import torch


def cross_entropy(logits, target):
    if logits.ndim != 2 or logits.shape[0] == 0:
        raise ValueError("logits must be (N, C) with N >= 1")
    if target.shape != (logits.shape[0],):
        raise ValueError("target must be (N,)")
    if target.dtype != torch.int64:
        raise ValueError("target must be int64")
    if bool(((target < 0) | (target >= logits.shape[1])).any()):
        raise ValueError("target out of range")
    return (logits.logsumexp(dim=1) - logits[torch.arange(len(target)), target]).mean()
