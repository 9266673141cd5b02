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
    # a ramp is the difference of two hinges: relu(x - x0) - relu(x - x1), scaled
    _validate(knots_x, knots_y)
    x0, x1 = knots_x[:-1], knots_x[1:]
    xe = x[..., None]
    ramps = (torch.relu(xe - x0) - torch.relu(xe - x1)) / (x1 - x0)
    return knots_y[0] + ramps @ (knots_y[1:] - knots_y[:-1])
