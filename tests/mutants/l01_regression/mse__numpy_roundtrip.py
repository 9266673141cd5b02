import numpy as np
import torch


def mse(pred, target):
    if pred.shape != target.shape or pred.numel() == 0:
        raise ValueError("pred and target must have the same non-empty shape")
    diff = pred.detach().numpy() - target.detach().numpy()
    return torch.from_numpy(np.asarray(np.mean(diff**2), dtype=diff.dtype))
