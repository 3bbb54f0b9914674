import numpy as np
import pytest
from sklearn.neighbors import KNeighborsClassifier

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.knn import knn_predict


def test_separable_clusters_are_classified_perfectly(clusters):
    points, labels = clusters
    context = EvalContext(points[::2], labels[::2], points[1::2], labels[1::2])
    assert evaluate_metrics(context, [{"name": "knn", "k": 5}]) == {"knn_accuracy": 1.0}


def test_hand_made_case():
    # gallery on the unit circle: three of class 0 near angle 0, two of class 1 near angle pi/2
    angles = np.array([0.0, 0.1, -0.1, 1.5, 1.6])
    gallery = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    gallery_labels = np.array([0, 0, 0, 1, 1])
    # query at angle 1.4: its 3 nearest are 1.5, 1.6 (class 1) and 0.1 (class 0) -> class 1
    query = np.array([[np.cos(1.4), np.sin(1.4)], [1.0, 0.0]])
    context = EvalContext(gallery, gallery_labels, query, np.array([1, 1]))
    assert evaluate_metrics(context, [{"name": "knn", "k": 3}])["knn_accuracy"] == 0.5


def test_ties_go_to_the_smallest_label():
    assert knn_predict(np.array([[2, 1, 2, 1], [3, 3, 0, 0]])).tolist() == [1, 0]


@pytest.mark.parametrize("k", [1, 5, 7])
def test_matches_scikit_learn_on_random_data(k):
    rng = np.random.default_rng(k)
    gallery, query = rng.normal(size=(300, 6)), rng.normal(size=(120, 6))
    gallery_labels, query_labels = rng.integers(0, 4, 300), rng.integers(0, 4, 120)
    context = EvalContext(gallery, gallery_labels, query, query_labels)
    reference = KNeighborsClassifier(n_neighbors=k).fit(context.gallery, gallery_labels).score(context.query, query_labels)
    assert evaluate_metrics(context, [{"name": "knn", "k": k}])["knn_accuracy"] == pytest.approx(reference)
