import numpy as np
import pytest

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.clustering import clustering_accuracy, kmeans_labels, match_clusters


def test_hand_made_hungarian_matching():
    labels = np.array([0, 0, 1, 1, 2, 2])
    clusters = np.array([5, 5, 3, 4, 4, 4])
    # cluster 5 -> class 0 (2 points), cluster 4 -> class 2 (2), cluster 3 -> class 1 (1); greedy would give 4 -> 1 or 2 alike
    assert match_clusters(labels, clusters) == {5: 0, 4: 2, 3: 1}
    assert clustering_accuracy(labels, clusters) == pytest.approx(5 / 6)


def test_more_clusters_than_classes_leave_the_extra_cluster_unmatched():
    labels = np.array([0, 0, 1, 1])
    assert clustering_accuracy(labels, np.array([0, 1, 2, 2])) == pytest.approx(3 / 4)


def test_kmeans_accuracy_on_separable_clusters(clusters):
    points, labels = clusters
    context = EvalContext(points[::2], labels[::2], points[1::2], labels[1::2])
    assert evaluate_metrics(context, ["kmeans_accuracy"]) == {"kmeans_accuracy": 1.0}


def test_kmeans_is_seeded_and_shared(clusters):
    points, labels = clusters
    assert np.array_equal(kmeans_labels(points, 3, seed=1), kmeans_labels(points, 3, seed=1))
    context = EvalContext(points, labels, points, labels)
    assert context.clusters(3) is context.clusters(3)
