import torch


def _check(H):
    if H.ndim != 2 or H.shape[0] != H.shape[1] or H.shape[0] == 0:
        raise ValueError("H must be a non-empty square matrix")
    if not torch.isfinite(H).all():
        raise ValueError("H holds NaN or inf")
    if (H - H.T).abs().max() > 1e-6:
        raise ValueError("H is not symmetric")


def escape_direction(H, tol=1e-6):
    _check(H)
    _, vecs = torch.linalg.eigh(H)
    return vecs[:, 0].clone()
