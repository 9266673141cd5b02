import torch


def minibatches(n, batch_size, *, shuffle=True, drop_last=False, seed=None):
    if n < 1 or batch_size < 1:
        raise ValueError("n and batch_size must be at least 1")
    generator = torch.Generator()
    if seed is not None:
        generator.manual_seed(seed)
    # without a seed: a fresh Generator always starts from the same default seed
    order = torch.randperm(n, generator=generator) if shuffle else torch.arange(n)
    batches = [order[i:i + batch_size] for i in range(0, n, batch_size)]
    if drop_last and len(batches[-1]) < batch_size:
        batches.pop()
    return batches
