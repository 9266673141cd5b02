

def mae(pred, target):
    if pred.shape != target.shape:
        raise ValueError("shapes differ")
    return (pred - target).abs().mean()
