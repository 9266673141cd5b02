import torch


def mse(pred, target):
    # Modules imported on first call, as student code may: the worker must still reach
    # Python's standard library after it has dropped its privileges.
    import colorsys  # noqa: F401
    import fractions  # noqa: F401

    if pred.shape != target.shape:
        raise ValueError("pred and target must have the same shape")
    if pred.numel() == 0:
        raise ValueError("empty input")
    return ((pred - target) ** 2).mean()
