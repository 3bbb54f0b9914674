"""Weighted mixes of losses with different needs: views, labels, a target network."""

import math

import pytest
import torch

from embedlab.errors import EmbedlabError
from embedlab.losses import EmbeddingLoss, LossContext, WeightedSum, build_loss
from embedlab.losses.base import CosineEMA

CONTEXT = LossContext(embedding_dim=4, num_classes=3)


class Recording(EmbeddingLoss):
    """Returns 0 and remembers the labels and targets it was given."""

    def __init__(self, uses_labels):
        super().__init__()
        self.uses_labels = uses_labels
        self.seen = None

    def forward(self, outputs, labels, targets=None):
        self.seen = (labels, targets)
        return torch.zeros(())


def test_single_and_two_view_losses_mix_as_the_weighted_sum():
    torch.manual_seed(8)
    a, b, labels = torch.randn(6, 4), torch.randn(6, 4), torch.tensor([0, 1, 2, 0, 1, 2])
    mixed = build_loss([{"name": "supcon", "weight": 1}, {"name": "ntxent", "weight": 3}], CONTEXT)
    assert (mixed.views, mixed.uses_labels) == (2, True)
    expected = build_loss("supcon", CONTEXT)([a, b], labels) + 3 * build_loss("ntxent", CONTEXT)([a, b], None)
    assert mixed([a, b], labels).item() == pytest.approx(expected.item(), rel=1e-6)


def test_label_free_parts_never_see_the_labels():
    free, supervised = Recording(uses_labels=False), Recording(uses_labels=True)
    labels, targets = torch.tensor([0, 1]), [torch.zeros(2, 4)] * 2
    WeightedSum([(1, free), (1, supervised)])([torch.zeros(2, 4)], labels, targets)
    assert free.seen[0] is None and free.seen[1] is targets
    assert supervised.seen[0] is labels


def test_a_mix_of_label_free_losses_uses_no_labels():
    assert not build_loss(["ntxent", "relic"], CONTEXT).uses_labels


def test_a_target_loss_in_a_mix_gives_the_mix_its_schedule():
    mixed = build_loss(["supcon", {"name": "relic", "gamma": 0.9}], CONTEXT)
    assert mixed.target_schedule == CosineEMA(0.9)
    assert build_loss(["supcon", "ntxent"], CONTEXT).target_schedule is None


def test_two_different_target_schedules_are_an_error():
    with pytest.raises(EmbedlabError, match=r"different gamma \(0.9, 0.99\)"):
        build_loss([{"name": "relic", "gamma": 0.9}, {"name": "relic", "gamma": 0.99}], CONTEXT)


def test_cosine_ema_rises_from_base_to_one():
    schedule = CosineEMA(0.99)
    assert schedule.gamma(0) == pytest.approx(0.99)
    assert schedule.gamma(0.5) == pytest.approx(0.995)
    assert schedule.gamma(0.25) == pytest.approx(1 - 0.01 * (math.cos(math.pi / 4) + 1) / 2)
    assert schedule.gamma(1) == pytest.approx(1.0)
