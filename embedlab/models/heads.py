"""Heads map an embedding of width ``dim`` to one of the same width.

The monotonic head is written by hand: no library offers a weight-squared MLP.
"""

import math
from typing import Literal

from pydantic import PositiveInt
from torch import nn
from torch.nn import functional as F

from embedlab.registry import Registry

HEADS = Registry("head")
HeadInit = Literal["torch", "variance"]


class MonotonicLinear(nn.Linear):
    """A linear layer whose effective weights are ``weight ** 2`` (so all >= 0); bias free."""

    def forward(self, x):
        return F.linear(x, self.weight.square(), self.bias)


class TwoLayerHead(nn.Module):
    """Linear(d -> 2d) -> LeakyReLU -> Linear(2d -> d), no output activation (MonoCon).

    ``init="torch"`` keeps PyTorch's default initialisation of the raw weights, as
    MonoCon's reference code does: squared, they start small and positive, so the head
    starts close to rank one, and fine-tuning from a pretrained encoder grows only the
    directions the loss needs -- the compression MonoCon is after. ``init="variance"``
    rescales the raw weights so the squared ones keep activations at unit scale; on
    digits it kept the baseline's dimension instead of compressing (bench/head_init.py).
    """

    def __init__(self, dim, hidden_mult, layer, init):
        super().__init__()
        self.hidden = layer(dim, hidden_mult * dim)
        self.out = layer(hidden_mult * dim, dim)
        self.act = nn.LeakyReLU()
        if init == "variance":
            for linear in (self.hidden, self.out):
                _variance_init(linear, squared=layer is MonotonicLinear)

    def forward(self, x):
        return self.out(self.act(self.hidden(x)))


def _variance_init(linear, squared):
    """Kaiming-normal second moment for the *effective* weights, biases zero.

    For raw weights w ~ N(0, s^2) the squared weight has E[w^4] = 3 s^4; choosing
    s = (2 / (3 fan_in)) ** 0.25 gives squared weights the same second moment as
    Kaiming-normal weights, so activations keep their scale through the layer.
    """
    fan_in = linear.in_features
    std = (2 / (3 * fan_in)) ** 0.25 if squared else math.sqrt(2 / fan_in)
    nn.init.normal_(linear.weight, std=std)
    nn.init.zeros_(linear.bias)


@HEADS.register("monotonic")
def monotonic(dim, *, hidden_mult: PositiveInt = 2, init: HeadInit = "torch"):
    return TwoLayerHead(dim, hidden_mult, MonotonicLinear, init)


@HEADS.register("mlp")
def mlp(dim, *, hidden_mult: PositiveInt = 2, init: HeadInit = "torch"):
    return TwoLayerHead(dim, hidden_mult, nn.Linear, init)


@HEADS.register("linear")
def linear(dim):
    return nn.Linear(dim, dim)


@HEADS.register("none")
def none(dim):
    return nn.Identity()


def has_parameters(head):
    return any(True for _ in head.parameters())

