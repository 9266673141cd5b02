import torch
from torch.utils.data import DataLoader


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    loader = DataLoader(range(n), batch_size=batch_size, shuffle=shuffle,
                        drop_last=drop_last, generator=generator)
    return [batch.long() for batch in loader]
