import torch


def hard_sigmoid(x, c=1.0, b=0.0, w=1.0):
    return c * torch.clamp((w * x + b) / 6 + 0.5, 0.0, 1.0)


ACTIVATIONS = {"sigmoid": torch.sigmoid, "relu": torch.relu, "hard_sigmoid": hard_sigmoid}


def one_hidden_layer(x, W, b, c, b0, activation="sigmoid"):
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    if b0.ndim != 0:
        raise ValueError("b0 must be 0-dim")
    if b.shape != c.shape:
        raise ValueError("b and c differ")
    try:
        z = x @ W + b  # (N, d) @ (m, d): only works when d == m, and then it is wrong
    except RuntimeError as error:
        raise ValueError(str(error)) from None
    return b0 + ACTIVATIONS[activation](z) @ c
