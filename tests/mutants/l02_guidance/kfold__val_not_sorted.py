import torch


def _check(n, k):
    if k < 2:
        raise ValueError("k must be at least 2")
    if k > n:
        raise ValueError("k must be at most n")


def kfold(n, k, *, shuffle=False, seed=None):
    _check(n, k)
    if shuffle:
        g = None if seed is None else torch.Generator().manual_seed(seed)
        order = torch.randperm(n, generator=g)
    else:
        order = torch.arange(n)
    sizes = [n // k + 1] * (n % k) + [n // k] * (k - n % k)
    folds, start = [], 0
    for size in sizes:
        val = order[start:start + size]  # forgot to sort after shuffling
        mask = torch.ones(n, dtype=torch.bool)
        mask[val] = False
        folds.append((torch.arange(n)[mask], val))
        start += size
    return folds
