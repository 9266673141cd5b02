import torch
import torch.nn.functional as F


def one_hidden_layer(x, W, b, c, b0, activation="sigmoid"):
    act = {"sigmoid": F.sigmoid, "relu": F.relu, "hard_sigmoid": F.hardsigmoid}.get(activation)
    if act is None:
        raise ValueError(f"activation must be sigmoid, relu or hard_sigmoid, not {activation!r}")
    if x.dim() != 2 or W.dim() != 2 or W.shape[1] != x.shape[1]:
        raise ValueError(f"x {tuple(x.shape)} and W {tuple(W.shape)} do not fit")
    m = W.shape[0]
    if tuple(b.shape) != (m,) or tuple(c.shape) != (m,):
        raise ValueError(f"b {tuple(b.shape)} and c {tuple(c.shape)} must be ({m},)")
    if b0.dim() != 0:
        raise ValueError("b0 must be a 0-dim tensor")
    z = torch.einsum("nd,md->nm", x, W) + b
    return torch.einsum("nm,m->n", act(z), c) + b0
