import torch


def escape_direction(H, tol=1e-6):
    lam, vecs = torch.linalg.eigh(H)
    if lam[0] < -tol:
        return vecs[:, 0].clone()
    return None
