

def second_order_approx(loss0, grad, H, delta):
    outer = delta.unsqueeze(1) * delta.unsqueeze(0)
    return (grad * delta).sum() + 0.5 * (H * outer).sum() + loss0
