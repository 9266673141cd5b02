import torch


def cross_validation_loss(fit, loss, x, y, k):
    n = len(x)
    if k < 2 or k > n:
        raise ValueError("need 2 <= k <= n")
    total = None
    start = 0
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        val = torch.arange(start, start + size)
        train = torch.cat([torch.arange(0, start), torch.arange(start + size, n)])
        start += size
        model = fit(x[train], y[train])
        fold_loss = loss(model(x[val]), y[val])
        total = fold_loss if total is None else total + fold_loss
    return total / k
