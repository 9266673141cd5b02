import torch


def second_order_approx(loss0, grad, H, delta):
    total = torch.zeros(())  # float32, whatever the inputs
    total = total + loss0.float()
    total += grad @ delta
    total += 0.5 * delta @ H @ delta
    return total
