import math

import pytest
import torch
from torch.nn import functional as F

from embedlab.losses import LossContext, build_loss
from tests.losses.toy import value_before_and_after

CONTEXT = LossContext(embedding_dim=4, num_classes=3)


def multisimilarity_by_hand(embeddings, labels, alpha, beta, base, epsilon):
    """Wang et al. (2019): mine positives with S_ip - eps < max_n S_in and negatives with
    S_in + eps > min_p S_ip, then per anchor
    1/alpha log(1 + sum_p exp(-alpha (S_ip - base))) + 1/beta log(1 + sum_n exp(beta (S_in - base))),
    averaged over all anchors (cosine similarity S)."""
    z = F.normalize(embeddings, dim=1).tolist()
    n = len(z)
    s = [[sum(a * b for a, b in zip(z[i], z[j])) for j in range(n)] for i in range(n)]
    total = 0.0
    for i in range(n):
        pos = [s[i][j] for j in range(n) if j != i and labels[j] == labels[i]]
        neg = [s[i][j] for j in range(n) if labels[j] != labels[i]]
        if not pos or not neg:
            continue
        kept_pos = [x for x in pos if x - epsilon < max(neg)]
        kept_neg = [x for x in neg if x + epsilon > min(pos)]
        total += math.log(1 + sum(math.exp(-alpha * (x - base)) for x in kept_pos)) / alpha
        total += math.log(1 + sum(math.exp(beta * (x - base)) for x in kept_neg)) / beta
    return total / n


def test_value_matches_the_formula():
    torch.manual_seed(4)
    embeddings, labels = torch.randn(9, 4), torch.tensor([0, 0, 0, 1, 1, 1, 2, 2, 2])
    loss = build_loss({"name": "multisimilarity", "alpha": 2, "beta": 10, "base": 0.3, "epsilon": 0.2}, CONTEXT)
    expected = multisimilarity_by_hand(embeddings, labels.tolist(), 2, 10, 0.3, 0.2)
    assert expected > 0
    assert loss([embeddings], labels).item() == pytest.approx(expected, rel=1e-5)


def test_optimisation_lowers_it_on_separable_data():
    start, end = value_before_and_after(build_loss("multisimilarity", CONTEXT))
    assert end < start - 0.1
