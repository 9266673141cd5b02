

def second_order_approx(loss0, grad, H, delta):
    return loss0 + grad @ delta + 0.5 * H @ delta  # Hδ, not δᵀHδ
