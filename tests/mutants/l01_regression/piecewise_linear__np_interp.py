import numpy as np
import torch


def _validate(knots_x, knots_y):
    if knots_x.ndim != 1 or knots_y.ndim != 1:
        raise ValueError("knots must be 1-D")
    if len(knots_x) != len(knots_y):
        raise ValueError("knots_x and knots_y differ in length")
    if len(knots_x) < 2:
        raise ValueError("need at least two knots")
    if not bool((knots_x[1:] > knots_x[:-1]).all()):
        raise ValueError("knots_x must be strictly increasing")


def piecewise_linear(x, knots_x, knots_y):
    _validate(knots_x, knots_y)
    values = np.interp(x.numpy(), knots_x.numpy(), knots_y.detach().numpy())
    return torch.as_tensor(values, dtype=x.dtype)
