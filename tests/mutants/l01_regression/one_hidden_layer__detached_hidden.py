import torch


def hard_sigmoid(x, c=1.0, b=0.0, w=1.0):
    return c * torch.clamp((w * x + b) / 6 + 0.5, 0.0, 1.0)


ACTIVATIONS = {"sigmoid": torch.sigmoid, "relu": torch.relu, "hard_sigmoid": hard_sigmoid}


def _validate(x, W, b, c, b0, activation):
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    if x.ndim != 2 or W.ndim != 2 or x.shape[1] != W.shape[1]:
        raise ValueError("x must be (N, d) and W (m, d)")
    if b.shape != (W.shape[0],) or c.shape != (W.shape[0],):
        raise ValueError("b and c must be (m,)")
    if b0.ndim != 0:
        raise ValueError("b0 must be 0-dim")


def one_hidden_layer(x, W, b, c, b0, activation="sigmoid"):
    _validate(x, W, b, c, b0, activation)
    with torch.no_grad():
        hidden = ACTIVATIONS[activation](x @ W.T + b)
    return b0 + hidden @ c
