import numpy as np
import pytest

from embedlab.metrics.disentanglement import offdiagonal_correlation_rms


def test_identical_features_are_fully_correlated():
    x = np.random.default_rng(0).normal(size=(100, 1))
    assert offdiagonal_correlation_rms(np.hstack([x, x, -x])) == pytest.approx(1.0)


def test_independent_features_are_nearly_uncorrelated():
    x = np.random.default_rng(0).normal(size=(20000, 4))
    assert offdiagonal_correlation_rms(x) < 0.02


def test_hand_made_correlations():
    # features a, b, c with corr(a, b) = 1, and c independent of both by construction
    a = np.array([1.0, -1.0, 1.0, -1.0])
    c = np.array([1.0, 1.0, -1.0, -1.0])
    features = np.stack([a, a, c], axis=1)
    # off-diagonal entries: 1, 1, 0, 0, 0, 0 -> rms sqrt(2/6)
    assert offdiagonal_correlation_rms(features) == pytest.approx(np.sqrt(1 / 3))


def test_constant_features_are_left_out():
    x = np.random.default_rng(0).normal(size=(100, 1))
    assert offdiagonal_correlation_rms(np.hstack([x, x, np.ones((100, 1))])) == pytest.approx(1.0)
