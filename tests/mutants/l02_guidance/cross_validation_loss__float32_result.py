import torch


def kfold(n, k, *, shuffle=False, seed=None):
    if k < 2 or k > n:
        raise ValueError("need 2 <= k <= n")
    if shuffle:
        g = None if seed is None else torch.Generator().manual_seed(seed)
        order = torch.randperm(n, generator=g)
    else:
        order = torch.arange(n)
    folds = []
    for block in torch.tensor_split(order, k):
        val = block.sort().values
        mask = torch.ones(n, dtype=torch.bool)
        mask[val] = False
        folds.append((torch.arange(n)[mask], val))
    return folds


def cross_validation_loss(fit, loss, x, y, k):
    losses = []
    for train, val in kfold(len(x), k):
        model = fit(x[train], y[train])
        losses.append(float(loss(model(x[val]), y[val])))
    return torch.tensor(losses).mean()  # torch.tensor of floats is float32
