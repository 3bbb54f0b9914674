import numpy as np
import pytest
from sklearn.decomposition import PCA

from embedlab.metrics.robustness import reconstruction_rmse


def test_known_reconstruction_error():
    # gallery spans the x-y plane; every query sits 0.3 above it
    rng = np.random.default_rng(0)
    gallery = np.c_[rng.normal(size=(100, 2)), np.zeros(100)]
    pca = PCA(svd_solver="full").fit(gallery)
    query = np.c_[rng.normal(size=(10, 2)), np.full(10, 0.3)]
    # the residual is 0.3 in one of three coordinates: sqrt(0.3^2 / 3)
    assert reconstruction_rmse(pca, query, 2) == pytest.approx(0.3 / np.sqrt(3))


def test_all_components_reconstruct_exactly():
    rng = np.random.default_rng(1)
    gallery = rng.normal(size=(50, 4))
    pca = PCA(svd_solver="full").fit(gallery)
    assert reconstruction_rmse(pca, rng.normal(size=(5, 4)), 4) == pytest.approx(0.0, abs=1e-6)


def test_matches_scikit_learn_inverse_transform():
    rng = np.random.default_rng(2)
    gallery, query = rng.normal(size=(80, 6)), rng.normal(size=(20, 6))
    pca = PCA(svd_solver="full").fit(gallery)
    truncated = PCA(n_components=3, svd_solver="full").fit(gallery)
    expected = np.sqrt(np.mean((query - truncated.inverse_transform(truncated.transform(query))) ** 2))
    assert reconstruction_rmse(pca, query, 3) == pytest.approx(expected, rel=1e-5)
