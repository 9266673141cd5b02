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
    flat = torch.clamp(x.reshape(-1), knots_x[0], knots_x[-1])
    # segment i holds knots_x[i] <= x <= knots_x[i+1]
    i = torch.searchsorted(knots_x, flat.contiguous(), right=True) - 1
    i = i.clamp(0, len(knots_x) - 2)
    x0, x1 = knots_x[i], knots_x[i + 1]
    y0, y1 = knots_y[i], knots_y[i + 1]
    t = (flat - x0) / (x1 - x0)
    return (y0 + t * (y1 - y0)).reshape(x.shape)
