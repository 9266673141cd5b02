import torch


def piecewise_linear(x, knots_x, knots_y):
    if len(knots_x) != len(knots_y):
        raise ValueError("knots_x and knots_y differ in length")
    if len(knots_x) < 2:
        raise ValueError("need at least two knots")
    if not bool((knots_x[1:] > knots_x[:-1]).all()):
        raise ValueError("knots_x must be strictly increasing")
    x0, x1 = knots_x[:-1], knots_x[1:]
    t = torch.clamp((x.unsqueeze(-1) - x0) / (x1 - x0), 0, 1)
    return knots_y[0] + (t * (knots_y[1:] - knots_y[:-1])).sum(-1)
