import torch


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
    if k < 2:
        raise ValueError("k must be at least 2")
    if shuffle:
        g = None if seed is None else torch.Generator().manual_seed(seed)
        order = torch.randperm(n, generator=g)
    else:
        order = torch.arange(n)
    return _pairs(order, [n // k + 1] * (n % k) + [n // k] * (k - n % k))
