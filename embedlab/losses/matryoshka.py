"""Matryoshka nesting (Kusupati et al. 2022): the loss on each prefix ``z[:, :d]`` of the
embedding, weighted and summed, so that every prefix alone is a usable embedding.

Written here (pytorch-metric-learning has no such wrapper), after sentence-transformers'
MatryoshkaLoss: slice, L2-normalise (each loss normalises its input), weighted sum.
"""

from dataclasses import replace

from torch import nn

from embedlab.errors import ConfigError
from embedlab.losses.base import WeightedSum
from embedlab.losses.parse import build_loss


class Prefix(nn.Module):
    """A loss on the first ``dim`` coordinates of the outputs (and of the target outputs)."""

    def __init__(self, dim, loss):
        super().__init__()
        self.dim = dim
        self.loss = loss
        self.views, self.uses_labels, self.target_schedule = loss.views, loss.uses_labels, loss.target_schedule

    def forward(self, outputs, labels, targets=None):
        return self.loss(self._cut(outputs), labels, self._cut(targets))

    def _cut(self, tensors):
        return None if tensors is None else [t[:, : self.dim] for t in tensors]


def build_nested_loss(value, context, dims=(), weights=()):
    """The loss named in params; with ``dims`` (``matryoshka_dims``) the same loss on each
    nested prefix, weighted by ``weights`` (``matryoshka_weights``, empty = all 1). Each
    prefix gets its own instance, built for width d: its own classifier for ``ce`` (as
    MRL trains one per nested width), its own learnable temperature for ``relic``."""
    if not dims:
        return build_loss(value, context)
    check_nesting(dims, weights, context.embedding_dim)
    weights = weights or [1.0] * len(dims)
    parts = [(w, Prefix(d, build_loss(value, replace(context, embedding_dim=d)))) for d, w in zip(dims, weights)]
    return WeightedSum(parts)


def check_nesting(dims, weights, embedding_dim):
    dims = list(dims)
    if dims != sorted(set(dims)):
        raise ConfigError("matryoshka_dims", dims, "increasing dimensions, each listed once")
    if dims[-1] > embedding_dim:
        raise ConfigError("matryoshka_dims", dims, f"dimensions up to the embedding dimension {embedding_dim}")
    if dims[-1] != embedding_dim:
        raise ConfigError("matryoshka_dims", dims, f"a list that ends with the full embedding dimension {embedding_dim}")
    if weights and len(weights) != len(dims):
        raise ConfigError("matryoshka_weights", list(weights), f"{len(dims)} weights (one per nested dimension) or [] for equal weights")
