import torch


def piecewise_linear(x, knots_x, knots_y):
    if knots_x.ndim != 1 or knots_y.ndim != 1 or len(knots_x) != len(knots_y) or len(knots_x) < 2:
        raise ValueError("bad knots")
    if not knots_x[-1] > knots_x[0]:
        raise ValueError("knots_x must increase")
    x0, x1 = knots_x[:-1], knots_x[1:]
    t = torch.clamp((x.unsqueeze(-1) - x0) / (x1 - x0), 0, 1)
    return knots_y[0] + (t * (knots_y[1:] - knots_y[:-1])).sum(-1)
