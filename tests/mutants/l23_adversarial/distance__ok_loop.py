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
    out = []
    for a, b in zip(x0, x):
        d = (b - a).flatten()
        out.append(torch.sqrt(torch.dot(d, d)) if norm == 'l2' else torch.max(torch.abs(d)))
    return torch.stack(out)
