import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    if not shuffle:
        order = torch.arange(n)
    elif seed is None:
        order = torch.randperm(n)
    else:
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    count = n // batch_size  # the leftover samples are never seen
    return [order[i * batch_size:(i + 1) * batch_size] for i in range(count)]
