import numpy as np
import pytest

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.spectral import effective_rank, participation_ratio


def test_hand_made_spectra():
    assert effective_rank(np.array([2.0, 2.0, 2.0, 2.0])) == pytest.approx(4.0)
    assert effective_rank(np.array([5.0, 0.0])) == pytest.approx(1.0)
    assert participation_ratio(np.array([1.0, 1.0, 1.0])) == pytest.approx(3.0)
    assert participation_ratio(np.array([7.0, 0.0, 0.0])) == pytest.approx(1.0)


def test_metrics_on_two_axes_of_unequal_weight():
    # +-e1 nine times and +-e2 once: centred already, singular values sqrt(18) and sqrt(2)
    rows = np.concatenate([np.tile([[1.0, 0], [-1, 0]], (9, 1)), [[0, 1.0], [0, -1]]])
    context = EvalContext(rows, np.zeros(20, dtype=int), rows, np.zeros(20, dtype=int))
    weights = np.array([0.75, 0.25])  # sqrt(18) : sqrt(2) = 3 : 1
    results = evaluate_metrics(context, ["effective_rank", "participation_ratio"])
    assert results["effective_rank"] == pytest.approx(np.exp(-np.sum(weights * np.log(weights))), rel=1e-5)
    assert results["participation_ratio"] == pytest.approx((18 + 2) ** 2 / (18**2 + 2**2), rel=1e-5)
