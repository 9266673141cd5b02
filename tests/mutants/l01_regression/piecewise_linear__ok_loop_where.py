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
    out = torch.where(x < knots_x[0], knots_y[0], knots_y[-1]) + 0 * x
    for k in range(len(knots_x) - 1):
        x0, x1, y0, y1 = knots_x[k], knots_x[k + 1], knots_y[k], knots_y[k + 1]
        inside = (x >= x0) & (x <= x1)
        out = torch.where(inside, y0 + (y1 - y0) * (x - x0) / (x1 - x0), out)
    return out
