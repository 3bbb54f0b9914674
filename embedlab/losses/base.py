"""The loss interface the trainer sees.

A loss takes the raw model outputs of each augmented view of a batch and the labels.
It L2-normalises the outputs itself, so wrappers such as Matryoshka nesting can slice
the raw outputs first. Single-view losses treat extra views as extra samples of the
same label (as SupCon does with several views).
"""

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class LossContext:
    """What a loss builder may need to know about the model and data."""

    embedding_dim: int
    num_classes: int


class EmbeddingLoss(nn.Module):
    views = 1  # augmented views per image this loss needs
    uses_labels = True

    def forward(self, outputs, labels):
        embeddings = torch.cat([F.normalize(o, dim=1) for o in outputs])
        return self.compute(embeddings, labels.repeat(len(outputs)))

    def compute(self, embeddings, labels):
        raise NotImplementedError


class PMLLoss(EmbeddingLoss):
    """A pytorch-metric-learning loss, optionally with a miner choosing the tuples."""

    def __init__(self, loss, miner=None):
        super().__init__()
        self.loss = loss
        self.miner = miner

    def compute(self, embeddings, labels):
        tuples = self.miner(embeddings, labels) if self.miner is not None else None
        return self.loss(embeddings, labels, tuples)


class WeightedSum(nn.Module):
    """sum_i w_i * loss_i, as the three-stage thesis combined its losses (loss_ratios)."""

    def __init__(self, weighted_losses):
        super().__init__()
        self.weights = [float(w) for w, _ in weighted_losses]
        self.parts = nn.ModuleList(loss for _, loss in weighted_losses)
        self.views = max(part.views for part in self.parts)
        self.uses_labels = any(part.uses_labels for part in self.parts)

    def forward(self, outputs, labels):
        return sum(w * part(outputs, labels) for w, part in zip(self.weights, self.parts))
