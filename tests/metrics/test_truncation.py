import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier

from embedlab.metrics import EvalContext, evaluate_metrics


def test_only_dims_narrower_than_the_embedding(clusters):
    points, labels = clusters  # 8-D
    context = EvalContext(points[::2], labels[::2], points[1::2], labels[1::2])
    results = evaluate_metrics(context, [{"name": "pca_truncation", "dims": [16, 8, 2], "k": 3, "ks": [1, 2]}])
    assert results == {"pca2_knn_accuracy": 1.0, "pca2_recall_at_1": 1.0, "pca2_recall_at_2": 1.0}


def test_classes_told_apart_only_by_a_small_direction_are_lost():
    # the class is the sign of feature 2, which varies far less than features 0 and 1 but
    # more than the gaps between neighbours there: 1-NN is right in 3 principal dims and no
    # better than a coin in 2 (feature 3 is a constant offset, so normalising barely bends it)
    rng = np.random.default_rng(0)
    labels = np.arange(400) % 2
    points = np.column_stack([rng.normal(size=(400, 2)), np.where(labels == 1, 0.2, -0.2), np.full(400, 10.0)])
    context = EvalContext(points[:300], labels[:300], points[300:], labels[300:])
    results = evaluate_metrics(context, [{"name": "pca_truncation", "dims": [3, 2], "k": 1, "ks": [1]}])
    assert results["pca3_knn_accuracy"] > 0.9
    assert results["pca2_knn_accuracy"] < 0.7


def test_matches_scikit_learn_pca_and_knn():
    rng = np.random.default_rng(1)
    gallery, query = rng.normal(size=(300, 12)), rng.normal(size=(100, 12))
    gallery_labels, query_labels = rng.integers(0, 3, 300), rng.integers(0, 3, 100)
    context = EvalContext(gallery, gallery_labels, query, query_labels)
    pca = PCA(n_components=4, svd_solver="full").fit(context.gallery)
    expected = KNeighborsClassifier(n_neighbors=5).fit(pca.transform(context.gallery), gallery_labels).score(pca.transform(context.query), query_labels)
    result = evaluate_metrics(context, [{"name": "pca_truncation", "dims": [4], "k": 5, "ks": [1]}])
    assert result["pca4_knn_accuracy"] == pytest.approx(expected)
