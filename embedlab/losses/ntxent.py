from pydantic import PositiveFloat
from pytorch_metric_learning import losses
from torch.nn import functional as F

from embedlab.losses.base import EmbeddingLoss
from embedlab.losses.registry import LOSSES


class SelfSupervisedPair(EmbeddingLoss):
    """A pytorch-metric-learning loss on two views of each image, labels unused: the
    other view of the same image is the only positive (the library's SelfSupervisedLoss)."""

    views = 2
    uses_labels = False

    def __init__(self, loss):
        super().__init__()
        self.loss = losses.SelfSupervisedLoss(loss, symmetric=True)

    def forward(self, outputs, labels=None, targets=None):
        first, second = (F.normalize(o, dim=1) for o in outputs)
        return self.loss(first, second)


@LOSSES.register("ntxent")
def ntxent(context, *, temperature: PositiveFloat = 0.5):
    """NT-Xent (SimCLR, Chen et al. 2020): self-supervised, two augmented views."""
    return SelfSupervisedPair(losses.NTXentLoss(temperature=temperature))
