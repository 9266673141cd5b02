import torch


def second_order_approx(loss0, grad, H, delta):
    linear = torch.dot(grad, delta)
    quadratic = torch.einsum("i,ij,j->", delta, H, delta)
    return loss0 + linear + quadratic / 2
