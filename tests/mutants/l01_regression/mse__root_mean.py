

def mse(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have the same non-empty shape")
    return ((pred - target) ** 2).mean().sqrt()
