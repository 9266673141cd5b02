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
    blocks = list(torch.tensor_split(order, k))
    folds = []
    for i, block in enumerate(blocks):
        train = torch.cat(blocks[:i] + blocks[i + 1:])  # in permutation order, not sorted
        folds.append((train, block.sort().values))
    return folds
