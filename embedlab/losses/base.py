"""The loss interface the trainer sees.

A loss takes the raw model outputs of each augmented view of a batch, the labels and,
when it declares a ``target_schedule``, the outputs of an EMA target network for the
same views. It L2-normalises the outputs itself, so wrappers such as Matryoshka nesting
can slice the raw outputs first. Single-view losses treat extra views as extra samples
of the same label (as SupCon does with several views).
"""

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from embedlab.errors import EmbedlabError


@dataclass(frozen=True)
class LossContext:
    """What a loss builder may need to know about the model and data."""

    embedding_dim: int
    num_classes: int


@dataclass(frozen=True)
class CosineEMA:
    """The EMA coefficient of a target network: ``base`` at the start of training, rising
    to 1 on a half cosine (BYOL's schedule, used by the ReLIC reference code)."""

    base: float

    def gamma(self, progress):
        """``progress``: the fraction of training done, 0 to 1."""
        return 1 - (1 - self.base) * (math.cos(math.pi * progress) + 1) / 2


class EmbeddingLoss(nn.Module):
    views = 1  # augmented views per image this loss needs
    uses_labels = True  # False: the loss is called with labels=None
    target_schedule = None  # a CosineEMA when the loss needs an EMA target network's outputs

    def forward(self, outputs, labels, targets=None):
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
    """sum_i w_i * loss_i, as the three-stage thesis combined its losses (loss_ratios).

    The batch carries as many views as the most demanding part needs (the others count
    extra views as extra samples); parts that do not use labels get ``labels=None``, so
    a self-supervised loss never sees them, even mixed with a supervised one.
    """

    def __init__(self, weighted_losses):
        super().__init__()
        self.weights = [float(w) for w, _ in weighted_losses]
        self.parts = nn.ModuleList(loss for _, loss in weighted_losses)
        self.views = max(part.views for part in self.parts)
        self.uses_labels = any(part.uses_labels for part in self.parts)
        self.target_schedule = _shared_schedule(self.parts)

    def forward(self, outputs, labels, targets=None):
        return sum(
            w * part(outputs, labels if part.uses_labels else None, targets) for w, part in zip(self.weights, self.parts)
        )


def _shared_schedule(parts):
    """The one target-network schedule of the parts that need one (the trainer keeps one EMA copy)."""
    schedules = {part.target_schedule for part in parts} - {None}
    if len(schedules) > 1:
        gammas = ", ".join(str(s.base) for s in sorted(schedules, key=lambda s: s.base))
        raise EmbedlabError(f"params: the losses in loss share one target network but ask for different gamma ({gammas}); use one value")
    return next(iter(schedules), None)
