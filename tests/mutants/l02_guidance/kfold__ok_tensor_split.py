import torch


def kfold(n, k, *, shuffle=False, seed=None):
    if not 2 <= k <= n:
        raise ValueError(f"need 2 <= k <= n, got k={k}, n={n}")
    if shuffle and seed is not None:
        order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    elif shuffle:
        order = torch.randperm(n)
    else:
        order = torch.arange(n)
    blocks = torch.tensor_split(order, k)  # sizes n // k + 1 first, like scikit-learn
    folds = []
    for i, block in enumerate(blocks):
        train = torch.cat([b for j, b in enumerate(blocks) if j != i])
        folds.append((torch.sort(train).values, torch.sort(block).values))
    return folds
