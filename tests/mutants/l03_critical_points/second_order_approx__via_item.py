import torch


def second_order_approx(loss0, grad, H, delta):
    value = loss0.item() + (grad @ delta).item() + 0.5 * (delta @ H @ delta).item()
    return torch.tensor(value, dtype=loss0.dtype)  # right value, but no gradient reaches delta
