"""Losses, built by name from params: ``loss: supcon``, ``loss: {name: triplet, margin: 0.2}``
or a weighted list ``loss: [{name: supcon, weight: 1}, {name: multisimilarity, weight: 3}]``;
``matryoshka_dims`` nests any of them (:mod:`embedlab.losses.matryoshka`).
"""

from embedlab.losses.base import EmbeddingLoss, LossContext, WeightedSum
from embedlab.losses.matryoshka import build_nested_loss
from embedlab.losses.parse import build_loss, parse_loss
from embedlab.losses.registry import LOSSES

from embedlab.losses import ce, multisimilarity, ntxent, relic, supcon, triplet  # noqa: E402,F401  (fill the registry)

__all__ = ["LOSSES", "EmbeddingLoss", "LossContext", "WeightedSum", "build_loss", "build_nested_loss", "parse_loss"]
