import torch


def _kind(lam, tol):
    if (lam > tol).all():
        return "local_min"
    if (lam < -tol).all():
        return "local_max"
    if (lam > tol).any() and (lam < -tol).any():
        return "saddle"
    return "unknown"


def classify_critical_point(H, tol=1e-6):
    if H.ndim != 2 or H.shape[0] != H.shape[1] or H.shape[0] == 0:
        raise ValueError("H must be a non-empty square matrix")
    if not torch.isfinite(H).all():
        raise ValueError("H holds NaN or inf")
    return _kind(torch.linalg.eigvalsh(H), tol)
