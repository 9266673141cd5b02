import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1:
        raise ValueError("n must be positive")
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    if shuffle and seed is not None:
        g = torch.Generator()
        g.manual_seed(seed)
        order = torch.randperm(n, generator=g)
    elif shuffle:
        order = torch.randperm(n)
    else:
        order = torch.arange(0, n, dtype=torch.long)
    result = []
    start = 0
    while start < n:
        stop = min(start + batch_size, n)
        if stop - start == batch_size or not drop_last:
            result.append(order[start:stop])
        start = stop
    return result
