"""Separable toy data and a few optimisation steps, shared by the loss tests."""

import torch

from embedlab.training.target import TargetNetwork


def separable(per_class=8, classes=3, seed=0):
    """Three noisy clusters around the axes of R^3: (inputs, labels)."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.arange(classes).repeat_interleave(per_class)
    return torch.eye(classes)[labels] + 0.3 * torch.randn(len(labels), classes, generator=generator), labels


def value_before_and_after(loss, steps=30, lr=0.5, out_dim=4):
    """Train a linear model (and the loss's own parameters) with SGD on separable data;
    return the loss on the same fixed views before and after. Two-view losses see two
    noisy copies of the inputs; a loss with a target schedule gets an EMA target network."""
    inputs, labels = separable()
    generator = torch.Generator().manual_seed(1)
    views = [inputs + 0.1 * torch.randn(inputs.shape, generator=generator) for _ in range(loss.views)]
    torch.manual_seed(0)
    model = torch.nn.Linear(inputs.shape[1], out_dim)
    target = TargetNetwork(model, loss.target_schedule) if loss.target_schedule else None
    optimizer = torch.optim.SGD([*model.parameters(), *loss.parameters()], lr=lr)

    def value():
        torch.manual_seed(2)  # the same random triplets each time
        targets = target.outputs(torch.cat(views), len(views)) if target else None
        return loss([model(v) for v in views], labels, targets)

    start = value().item()
    for step in range(steps):
        optimizer.zero_grad()
        value().backward()
        optimizer.step()
        if target:
            target.update((step + 1) / steps)
    return start, value().item()
