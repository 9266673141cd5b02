

def hard_sigmoid(x, c=1.0, b=0.0, w=1.0):
    z = x.mul_(w).add_(b).div_(6).add_(0.5)
    return c * z.clamp(0.0, 1.0)
