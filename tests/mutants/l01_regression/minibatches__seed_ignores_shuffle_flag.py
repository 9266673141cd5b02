import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    if seed is not None:
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    elif shuffle:
        order = torch.randperm(n)
    else:
        order = torch.arange(n)
    batches = [order[i:i + batch_size] for i in range(0, n, batch_size)]
    if drop_last and len(batches[-1]) < batch_size:
        batches.pop()
    return batches
