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
    batches = [order[i:i + batch_size] for i in range(0, n, batch_size)]
    if drop_last:
        batches.pop()  # even when the last batch is full
    return batches
