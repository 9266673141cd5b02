

def mse(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have the same non-empty shape")
    return 0.5 * ((pred - target) ** 2).mean()  # the 1/2 that makes the gradient pretty
