import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    if shuffle:
        if seed is not None:
            torch.manual_seed(seed)  # same permutation, but it resets everyone's RNG
        order = torch.randperm(n)
    else:
        order = torch.arange(n)
    batches = [order[i:i + batch_size] for i in range(0, n, batch_size)]
    if drop_last and len(batches[-1]) < batch_size:
        batches = batches[:-1]
    return batches
