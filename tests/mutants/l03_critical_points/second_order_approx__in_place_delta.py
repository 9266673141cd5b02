

def second_order_approx(loss0, grad, H, delta):
    half = delta.mul_(0.5 ** 0.5)  # scales the caller's delta
    return loss0 + grad @ (half * 2 ** 0.5) + half @ H @ half
