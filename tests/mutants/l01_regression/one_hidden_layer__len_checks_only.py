import torch


def one_hidden_layer(x, W, b, c, b0, activation="sigmoid"):
    acts = {"sigmoid": torch.sigmoid, "relu": torch.relu,
            "hard_sigmoid": lambda z: torch.clamp(z / 6 + 0.5, 0, 1)}
    if activation not in acts:
        raise ValueError(f"unknown activation {activation!r}")
    if x.shape[-1] != W.shape[-1]:
        raise ValueError("x and W do not fit")
    if len(b) != len(W) or len(c) != len(W):
        raise ValueError("b and c must have one entry per hidden unit")
    if b0.numel() != 1:
        raise ValueError("b0 must be a single number")
    return b0 + acts[activation](x @ W.T + b) @ c
