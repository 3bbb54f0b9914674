import numpy as np
import pytest
from sklearn.decomposition import PCA

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.compactness import components_for_variance, pca_dimension


def test_hand_made_ratios():
    # cumulative 0.5, 0.8, 0.985, 0.995, 1.0 -> the 4th component first reaches 99%
    assert components_for_variance(np.array([0.5, 0.3, 0.185, 0.01, 0.005])) == 4
    assert components_for_variance(np.array([0.5, 0.3, 0.19, 0.01])) == 3  # exactly 0.99 counts


@pytest.mark.parametrize("rank", [1, 3, 7])
def test_data_of_known_rank(rank):
    rng = np.random.default_rng(rank)
    basis = np.linalg.qr(rng.normal(size=(32, rank)))[0]  # orthonormal 32 x rank
    coefficients = rng.normal(size=(500, rank)) * np.linspace(1.0, 0.5, rank)
    assert pca_dimension(coefficients @ basis.T) == rank


def test_agrees_with_scikit_learn_variance_selection():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(400, 20)) * np.geomspace(1, 0.01, 20)
    assert pca_dimension(data) == PCA(n_components=0.99, svd_solver="full").fit(data).n_components_


def test_metric_reports_gallery_and_test_dimension():
    rng = np.random.default_rng(0)
    basis = np.linalg.qr(rng.normal(size=(16, 5)))[0]
    gallery = rng.normal(size=(300, 2)) @ basis[:, :2].T + 3 * basis[:, 4]  # rank 2 after centring
    query = rng.normal(size=(200, 5)) @ basis.T + 3 * basis[:, 4]
    result = evaluate_metrics(EvalContext(gallery, np.zeros(300, int), query, np.zeros(200, int)), ["compactness"])
    assert result["dim99"] < result["dim99_test"]


def test_metric_gives_the_cumulative_variance_curve(clusters):
    points, labels = clusters
    curve = evaluate_metrics(EvalContext(points, labels, points, labels), ["compactness"])["variance"].rows
    assert [row["component"] for row in curve] == list(range(1, 9))
    assert curve[-1]["cumulative"] == pytest.approx(1.0)
    assert all(a["cumulative"] <= b["cumulative"] for a, b in zip(curve, curve[1:]))
