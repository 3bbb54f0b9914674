import numpy as np

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.retrieval import recall_at_k


def test_hand_made_recall():
    neighbour_labels = np.array([[1, 0, 0], [0, 0, 1], [2, 2, 2]])
    queries = np.array([0, 1, 1])
    assert recall_at_k(neighbour_labels, queries, 1) == 0.0
    assert recall_at_k(neighbour_labels, queries, 2) == 1 / 3
    assert recall_at_k(neighbour_labels, queries, 3) == 2 / 3


def test_recall_metric_on_separable_clusters(clusters):
    points, labels = clusters
    context = EvalContext(points[::2], labels[::2], points[1::2], labels[1::2])
    assert evaluate_metrics(context, [{"name": "recall", "ks": [1, 5]}]) == {"recall_at_1": 1.0, "recall_at_5": 1.0}
