

def mae(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have the same non-empty shape")
    return (pred - target).abs().sum()
