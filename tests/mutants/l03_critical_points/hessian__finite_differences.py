import torch


def hessian(f, theta):
    d = theta.shape[0]
    h = 1e-4
    H = torch.zeros(d, d, dtype=theta.dtype)
    eye = torch.eye(d, dtype=theta.dtype) * h
    for i in range(d):
        for j in range(d):
            H[i, j] = (f(theta + eye[i] + eye[j]) - f(theta + eye[i] - eye[j])
                       - f(theta - eye[i] + eye[j]) + f(theta - eye[i] - eye[j])) / (4 * h * h)
    return H
