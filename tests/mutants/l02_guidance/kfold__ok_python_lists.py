import torch


def kfold(n, k, *, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError("k must satisfy 2 <= k <= n")
    if shuffle:
        gen = torch.Generator().manual_seed(seed) if seed is not None else None
        order = torch.randperm(n, generator=gen).tolist()
    else:
        order = list(range(n))
    result = []
    start = 0
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        val = sorted(order[start:start + size])
        start += size
        chosen = set(val)
        train = [j for j in range(n) if j not in chosen]
        result.append((torch.tensor(train, dtype=torch.long), torch.tensor(val, dtype=torch.long)))
    return result
