import torch


def escape_direction(H, tol=1e-6):
    if H.dim() != 2 or H.shape[0] != H.shape[1] or H.numel() == 0:
        raise ValueError("H must be a non-empty square matrix")
    if not bool(torch.isfinite(H).all()):
        raise ValueError("H must be finite")
    if bool(((H - H.mT).abs() > 1e-6).any()):
        raise ValueError("H must be symmetric")
    sym = (H + H.mT) / 2
    lam, vecs = torch.linalg.eig(sym)
    lam, vecs = lam.real, vecs.real
    i = int(torch.argmin(lam))
    if lam[i] >= -tol:
        return None
    v = vecs[:, i].to(H.dtype)
    return v / torch.sqrt((v * v).sum())
