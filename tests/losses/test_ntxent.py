import math

import pytest
import torch
from torch.nn import functional as F

from embedlab.losses import LossContext, build_loss
from tests.losses.toy import value_before_and_after

CONTEXT = LossContext(embedding_dim=4, num_classes=3)


def ntxent_by_hand(first, second, temperature):
    """SimCLR (Chen et al. 2020): over the 2N views, the mean of
    -log( exp(s_ij / t) / sum_{k != i} exp(s_ik / t) ), j the other view of i's image."""
    z = F.normalize(torch.cat([first, second]), dim=1).tolist()
    n = len(first)
    total = 0.0
    for i in range(2 * n):
        sims = [sum(a * b for a, b in zip(z[i], z[k])) / temperature for k in range(2 * n)]
        j = (i + n) % (2 * n)
        total -= sims[j] - math.log(sum(math.exp(sims[k]) for k in range(2 * n) if k != i))
    return total / (2 * n)


def test_value_matches_the_formula_and_ignores_labels():
    torch.manual_seed(5)
    first, second = torch.randn(5, 4), torch.randn(5, 4)
    loss = build_loss({"name": "ntxent", "temperature": 0.3}, CONTEXT)
    assert (loss.views, loss.uses_labels) == (2, False)
    expected = ntxent_by_hand(first, second, 0.3)
    assert loss([first, second], torch.tensor([0, 0, 0, 0, 0])).item() == pytest.approx(expected, rel=1e-5)
    assert loss([first, second], torch.tensor([0, 1, 2, 0, 1])).item() == pytest.approx(expected, rel=1e-5)


def test_optimisation_lowers_it_on_separable_data():
    start, end = value_before_and_after(build_loss("ntxent", CONTEXT))
    assert end < start - 0.1
