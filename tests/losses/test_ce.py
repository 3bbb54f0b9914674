import math

import pytest
import torch

from embedlab.losses import LossContext, build_loss
from tests.losses.toy import value_before_and_after

CONTEXT = LossContext(embedding_dim=4, num_classes=3)


def cross_entropy_by_hand(features, labels, weight, bias):
    """Mean over samples of -log softmax(W x + b)[label], on the raw features."""
    total = 0.0
    for x, y in zip(features.tolist(), labels):
        logits = [sum(w * v for w, v in zip(row, x)) + b for row, b in zip(weight.tolist(), bias.tolist())]
        total -= logits[y] - math.log(sum(math.exp(v) for v in logits))
    return total / len(labels)


def test_value_matches_the_formula_and_the_classifier_is_in_the_loss():
    torch.manual_seed(6)
    features, labels = torch.randn(6, 4), torch.tensor([0, 1, 2, 0, 1, 2])
    loss = build_loss("ce", CONTEXT)
    classifier = loss.parts[0].classifier
    assert classifier.weight.shape == (3, 4) and {id(p) for p in loss.parameters()} == {id(classifier.weight), id(classifier.bias)}
    expected = cross_entropy_by_hand(features, labels.tolist(), classifier.weight, classifier.bias)
    assert loss([features], labels).item() == pytest.approx(expected, rel=1e-5)


def test_two_views_count_as_extra_samples():
    torch.manual_seed(7)
    a, b, labels = torch.randn(3, 4), torch.randn(3, 4), torch.tensor([0, 1, 2])
    loss = build_loss("ce", CONTEXT)
    assert loss([a, b], labels).item() == pytest.approx(loss([torch.cat([a, b])], labels.repeat(2)).item(), rel=1e-6)


def test_optimisation_lowers_it_on_separable_data():
    start, end = value_before_and_after(build_loss("ce", CONTEXT))
    assert end < start - 0.3
