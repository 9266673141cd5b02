

def _flat_difference(pred, target):
    if pred.shape != target.shape:
        raise ValueError(f"pred {tuple(pred.shape)} and target {tuple(target.shape)} differ")
    if pred.numel() == 0:
        raise ValueError("the mean of no errors is undefined")
    return (pred - target).reshape(-1)


def mse(pred, target):
    d = _flat_difference(pred, target)
    return d @ d / d.numel()
