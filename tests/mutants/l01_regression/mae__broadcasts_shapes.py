

def mae(pred, target):
    if pred.numel() == 0 or target.numel() == 0:
        raise ValueError("empty input")
    return (pred - target).abs().mean()
