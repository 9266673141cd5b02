import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if not n >= 1:
        raise ValueError(f"n = {n}: need at least one sample")
    if not batch_size >= 1:
        raise ValueError(f"batch_size = {batch_size}: need at least one sample per batch")
    if shuffle:
        generator = None if seed is None else torch.Generator().manual_seed(seed)
        order = torch.randperm(n, generator=generator)
    else:
        order = torch.arange(n)
    if drop_last:
        order = order[: n - n % batch_size]
    return [piece.clone() for piece in torch.split(order, batch_size) if len(piece)]
