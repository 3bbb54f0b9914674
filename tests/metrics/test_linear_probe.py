import numpy as np
import pytest

from embedlab.metrics import METRICS, EvalContext, evaluate_metrics


def test_separable_clusters_are_probed_perfectly(clusters):
    points, labels = clusters
    context = EvalContext(points[::2], labels[::2], points[1::2], labels[1::2])
    assert evaluate_metrics(context, ["linear_probe"]) == {"linear_probe_accuracy": 1.0}


def test_accuracy_counts_the_queries_on_the_right_side():
    """Gallery: class 0 points right, class 1 left. Queries: two pointing right labelled
    0 and 1, one pointing left labelled 1 -> the probe gets 2 of 3 right."""
    rng = np.random.default_rng(0)
    gallery = np.concatenate([[1, 0] + 0.1 * rng.normal(size=(20, 2)), [-1, 0] + 0.1 * rng.normal(size=(20, 2))])
    gallery_labels = np.repeat([0, 1], 20)
    query, query_labels = np.array([[1.0, 0.1], [0.9, -0.2], [-1.0, 0.0]]), np.array([0, 1, 1])
    result = evaluate_metrics(EvalContext(gallery, gallery_labels, query, query_labels), ["linear_probe"])
    assert result["linear_probe_accuracy"] == pytest.approx(2 / 3)


def test_options_are_checked():
    with pytest.raises(Exception, match=r"evaluate.metrics\[0\].C=0"):
        evaluate_metrics(EvalContext(np.eye(2), np.arange(2), np.eye(2), np.arange(2)), [{"name": "linear_probe", "C": 0}])
    assert set(METRICS.options("linear_probe")) == {"C", "max_iter"}
