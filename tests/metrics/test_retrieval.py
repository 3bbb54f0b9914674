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


def test_hand_made_recall_curve():
    angles = np.array([0.1, 0.2, 0.3])
    gallery = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    # query of class 0 at angle 0: neighbours 0.1 (1), 0.2 (0), 0.3 (0) -> first hit at k = 2
    # query of class 1 at angle 0.35: neighbours 0.3 (0), 0.2 (0), 0.1 (1) -> first hit at k = 3
    query = np.array([[1.0, 0.0], [np.cos(0.35), np.sin(0.35)]])
    context = EvalContext(gallery, np.array([1, 0, 0]), query, np.array([0, 1]))
    curve = evaluate_metrics(context, [{"name": "recall_curve", "max_k": 3}])["recall"]
    assert curve.rows == [{"k": 1, "recall": 0.0}, {"k": 2, "recall": 0.5}, {"k": 3, "recall": 1.0}]
