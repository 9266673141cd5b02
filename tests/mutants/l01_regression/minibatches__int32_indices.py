import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    if not shuffle:
        order = torch.arange(n, dtype=torch.int32)
    elif seed is None:
        order = torch.randperm(n, dtype=torch.int32)
    else:
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed), dtype=torch.int32)
    batches = [order[i:i + batch_size] for i in range(0, n, batch_size)]
    if drop_last and len(batches[-1]) < batch_size:
        batches.pop()
    return batches
