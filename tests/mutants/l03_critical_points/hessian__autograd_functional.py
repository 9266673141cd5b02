import torch


def hessian(f, theta):
    return torch.autograd.functional.hessian(f, theta)
