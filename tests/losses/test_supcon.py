import math

import pytest
import torch
from torch.nn import functional as F

from embedlab.losses import LossContext, build_loss

CONTEXT = LossContext(embedding_dim=4, num_classes=3)


def supcon_by_hand(embeddings, labels, temperature):
    """Khosla et al. (2020), eq. 2: mean over anchors with positives of
    -1/|P(i)| sum_p log( exp(z_i.z_p/t) / sum_{a != i} exp(z_i.z_a/t) )."""
    z = F.normalize(embeddings, dim=1).tolist()
    n, total, anchors = len(z), 0.0, 0
    for i in range(n):
        positives = [p for p in range(n) if p != i and labels[p] == labels[i]]
        if not positives:
            continue
        sims = [sum(a * b for a, b in zip(z[i], z[j])) / temperature for j in range(n)]
        log_denominator = math.log(sum(math.exp(sims[a]) for a in range(n) if a != i))
        total += -sum(sims[p] - log_denominator for p in positives) / len(positives)
        anchors += 1
    return total / anchors


def test_value_matches_the_formula():
    torch.manual_seed(0)
    embeddings = torch.randn(6, 4)
    labels = torch.tensor([0, 0, 1, 1, 1, 2])
    loss = build_loss({"name": "supcon", "temperature": 0.5}, CONTEXT)
    assert loss([embeddings], labels).item() == pytest.approx(supcon_by_hand(embeddings, labels.tolist(), 0.5), rel=1e-5)


def test_two_views_count_as_extra_samples_of_the_same_label():
    torch.manual_seed(1)
    a, b = torch.randn(4, 4), torch.randn(4, 4)
    labels = torch.tensor([0, 1, 0, 1])
    loss = build_loss("supcon", CONTEXT)
    expected = supcon_by_hand(torch.cat([a, b]), labels.repeat(2).tolist(), 0.1)
    assert loss([a, b], labels).item() == pytest.approx(expected, rel=1e-5)


def test_optimisation_lowers_it_on_separable_data():
    torch.manual_seed(0)
    labels = torch.arange(3).repeat_interleave(8)
    inputs = torch.eye(3)[labels] + 0.3 * torch.randn(24, 3)
    model = torch.nn.Linear(3, 4)
    loss = build_loss("supcon", CONTEXT)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    start = loss([model(inputs)], labels).item()
    for _ in range(30):
        value = loss([model(inputs)], labels)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
    assert loss([model(inputs)], labels).item() < start - 0.2


def test_weighted_mix_is_the_weighted_sum():
    torch.manual_seed(2)
    embeddings, labels = torch.randn(8, 4), torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])
    single = build_loss({"name": "supcon", "temperature": 0.2}, CONTEXT)([embeddings], labels)
    mixed = build_loss([{"name": "supcon", "temperature": 0.2, "weight": 1}, {"name": "supcon", "temperature": 0.2, "weight": 3}], CONTEXT)
    assert mixed([embeddings], labels).item() == pytest.approx(4 * single.item(), rel=1e-6)
