import torch


def _check(n, k):
    if k < 2:
        raise ValueError("k must be at least 2")
    if k > n:
        raise ValueError("k must be at most n")

def _pairs(order, sizes):
    n = len(order)
    folds, start = [], 0
    for size in sizes:
        val = order[start:start + size].sort().values
        mask = torch.ones(n, dtype=torch.bool)
        mask[val] = False
        folds.append((torch.arange(n)[mask], val))
        start += size
    return folds


def kfold(n, k, *, shuffle=False, seed=None):
    _check(n, k)
    if shuffle:
        g = None if seed is None else torch.Generator().manual_seed(seed)
        order = torch.randperm(n, generator=g)
    else:
        order = torch.arange(n)
    sizes = [n // k] * (k - 1) + [n - (n // k) * (k - 1)]  # the last fold takes what is left
    return _pairs(order, sizes)
