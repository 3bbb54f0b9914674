import torch
from torch import nn
from torch.nn import functional as F

from embedlab.losses.base import EmbeddingLoss
from embedlab.losses.registry import LOSSES


class LinearClassifierLoss(EmbeddingLoss):
    """Cross-entropy of a linear classifier on the embedding (written here: it is torch's
    own cross-entropy, not a metric loss). The classifier's parameters live in the loss,
    which the trainer optimises with the head, so the model's output -- the embedding
    that is evaluated -- is the layer before the classifier. The classifier reads the raw
    outputs, as a classification network's last layer reads its features."""

    def __init__(self, embedding_dim, num_classes):
        super().__init__()
        self.classifier = nn.Linear(embedding_dim, num_classes)

    def forward(self, outputs, labels, targets=None):
        logits = self.classifier(torch.cat(outputs))
        return F.cross_entropy(logits, labels.repeat(len(outputs)))


@LOSSES.register("ce")
def ce(context):
    """Classification baseline (the contrastive-vs-classification study): cross-entropy."""
    return LinearClassifierLoss(context.embedding_dim, context.num_classes)
