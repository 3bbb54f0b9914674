import itertools

import pytest
import torch
from torch.nn import functional as F

from embedlab.errors import ConfigError
from embedlab.losses import LossContext, build_loss
from tests.losses.toy import value_before_and_after

CONTEXT = LossContext(embedding_dim=4, num_classes=3)
DISTANCES = {
    "squared_euclidean": lambda u, v: sum((a - b) ** 2 for a, b in zip(u, v)),
    "euclidean": lambda u, v: sum((a - b) ** 2 for a, b in zip(u, v)) ** 0.5,
}
MINED = {"all": lambda ap, an, m: True, "semihard": lambda ap, an, m: 0 < an - ap <= m, "hard": lambda ap, an, m: an - ap <= 0}


def triplet_by_hand(embeddings, labels, margin, distance, mined="all"):
    """Mean of max(d(a, p) - d(a, n) + margin, 0) over the (mined) triplets where it is > 0."""
    z = F.normalize(embeddings, dim=1).tolist()
    d = DISTANCES[distance]
    losses = []
    for a, p, n in itertools.permutations(range(len(z)), 3):
        if labels[a] == labels[p] and labels[a] != labels[n]:
            ap, an = d(z[a], z[p]), d(z[a], z[n])
            if MINED[mined](ap, an, margin):
                losses.append(max(ap - an + margin, 0.0))
    nonzero = [x for x in losses if x > 0]
    return sum(nonzero) / len(nonzero) if nonzero else 0.0


@pytest.mark.parametrize("distance", ["squared_euclidean", "euclidean"])
def test_random_triplets_value(distance):
    """Labels [0, 0, 1]: every anchor with a positive has one positive and one negative to
    draw, so the random triplets are (0, 1, 2) and (1, 0, 2) whatever the RNG does."""
    embeddings = torch.tensor([[1.0, 0.2, 0.0, 0.1], [0.3, 1.0, 0.2, 0.0], [0.9, 0.4, 0.1, 0.0]])
    labels = torch.tensor([0, 0, 1])
    loss = build_loss({"name": "triplet", "margin": 0.5, "distance": distance}, CONTEXT)
    expected = triplet_by_hand(embeddings, labels.tolist(), 0.5, distance)
    assert expected > 0
    assert loss([embeddings], labels).item() == pytest.approx(expected, rel=1e-5)


def test_random_triplets_are_one_per_anchor_and_seeded():
    torch.manual_seed(0)
    embeddings, labels = torch.randn(12, 4), torch.arange(3).repeat(4)
    loss = build_loss({"name": "triplet", "margin": 1.0}, CONTEXT)
    torch.manual_seed(5)
    first = loss([embeddings], labels).item()
    torch.manual_seed(5)
    assert loss([embeddings], labels).item() == first
    assert loss.parts[0].loss.triplets_per_anchor == 1


@pytest.mark.parametrize("miner", ["semihard", "hard"])
def test_mined_triplets_value(miner):
    torch.manual_seed(3)
    embeddings, labels = torch.randn(8, 4), torch.tensor([0, 0, 0, 1, 1, 1, 2, 2])
    loss = build_loss({"name": "triplet", "margin": 0.4, "miner": miner}, CONTEXT)
    expected = triplet_by_hand(embeddings, labels.tolist(), 0.4, "squared_euclidean", miner)
    assert expected > 0
    assert loss([embeddings], labels).item() == pytest.approx(expected, rel=1e-5)


def test_optimisation_lowers_it_on_separable_data():
    """With random triplets. (With a miner the loss is a mean over the triplets mined in
    that batch, a different set at every step, so its value need not fall.)"""
    start, end = value_before_and_after(build_loss({"name": "triplet", "margin": 0.5}, CONTEXT))
    assert end < start - 0.1


def test_unknown_miner_is_a_one_line_error():
    with pytest.raises(ConfigError, match=r"^params: loss.miner='easy' is not allowed; expected 'none', 'semihard' or 'hard'$"):
        build_loss({"name": "triplet", "miner": "easy"}, CONTEXT)
