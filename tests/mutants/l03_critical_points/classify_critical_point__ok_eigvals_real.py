
import torch


def classify_critical_point(H, tol=1e-6):
    if not isinstance(H, torch.Tensor) or H.dim() != 2 or H.size(0) != H.size(1):
        raise ValueError("H must be a square 2-D tensor")
    if H.size(0) == 0:
        raise ValueError("H is empty")
    if torch.isnan(H).any() or torch.isinf(H).any():
        raise ValueError("H must be finite")
    if float(torch.max(torch.abs(H - H.transpose(0, 1)))) > 1e-6:
        raise ValueError("H must be symmetric")
    lam = torch.linalg.eigvals(H.double()).real.tolist()
    pos = sum(v > tol for v in lam)
    neg = sum(v < -tol for v in lam)
    if pos == len(lam):
        return "local_min"
    if neg == len(lam):
        return "local_max"
    return "saddle" if pos and neg else "unknown"
