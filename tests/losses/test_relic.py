import math

import pytest
import torch

from embedlab.losses import LossContext, build_loss
from tests.losses.toy import value_before_and_after

CONTEXT = LossContext(embedding_dim=3, num_classes=2)

# A 4 x 3 example: online and target outputs of two views of four images.
O1 = [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
O2 = [[0.8, 0.2, 0.0], [0.0, 1.0, 1.0], [0.5, 0.0, 1.0], [1.0, 0.5, 0.5]]
T1 = [[1.0, 0.1, 0.0], [0.1, 1.0, 0.0], [0.0, 0.2, 1.0], [0.7, 0.7, 0.1]]
T2 = [[0.9, 0.0, 0.3], [0.0, 1.0, 0.2], [0.3, 0.3, 1.0], [1.0, 0.8, 0.0]]


def relic_by_hand(o1, o2, t1, t2, scale, alpha):
    """(L(o1, t2) + L(o2, t1)) / 2 with, for logits l_ij = scale * <o_i, t_j> / (|o_i| |t_j|),
    L = mean_i [ -log p_ii + alpha * KL(q_i || p_i) ], p_i = softmax_j l_ij (row i) and
    q_i = softmax_k l_ki (column i)."""

    def unit(v):
        norm = math.sqrt(sum(x * x for x in v))
        return [x / norm for x in v]

    def direction(online, target):
        o, t = [unit(v) for v in online], [unit(v) for v in target]
        n = len(o)
        logits = [[scale * sum(a * b for a, b in zip(o[i], t[j])) for j in range(n)] for i in range(n)]
        total = 0.0
        for i in range(n):
            p = [math.exp(v) / sum(math.exp(w) for w in logits[i]) for v in logits[i]]
            column = [logits[k][i] for k in range(n)]
            q = [math.exp(v) / sum(math.exp(w) for w in column) for v in column]
            total += -math.log(p[i]) + alpha * sum(qk * math.log(qk / pk) for qk, pk in zip(q, p))
        return total / n

    return (direction(o1, t2) + direction(o2, t1)) / 2


@pytest.mark.parametrize("log_scale, max_scale, scale", [(0.0, 5.0, 1.0), (math.log(2.0), 5.0, 2.0), (math.log(10.0), 5.0, 5.0)])
def test_value_on_a_4x3_example_matches_the_hand_computation(log_scale, max_scale, scale):
    loss = build_loss({"name": "relic", "alpha": 0.5, "max_scale": max_scale}, CONTEXT)
    with torch.no_grad():
        loss.parts[0].log_scale.fill_(log_scale)
    outputs, targets = [torch.tensor(O1), torch.tensor(O2)], [torch.tensor(T1), torch.tensor(T2)]
    expected = relic_by_hand(O1, O2, T1, T2, scale, 0.5)
    assert loss(outputs, None, targets).item() == pytest.approx(expected, rel=1e-5)


def test_declares_two_views_no_labels_and_a_target_schedule():
    loss = build_loss({"name": "relic", "gamma": 0.9}, CONTEXT)
    assert (loss.views, loss.uses_labels) == (2, False)
    assert loss.target_schedule.gamma(0.0) == pytest.approx(0.9)
    assert loss.target_schedule.gamma(1.0) == pytest.approx(1.0)


def test_the_temperature_is_learned():
    loss = build_loss("relic", CONTEXT)
    assert [name for name, _ in loss.named_parameters()] == ["parts.0.log_scale"]


def test_optimisation_lowers_it_on_separable_data():
    start, end = value_before_and_after(build_loss({"name": "relic", "gamma": 0.5}, CONTEXT))
    assert end < start - 0.1
