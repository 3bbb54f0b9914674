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


def test_open_set_is_scored_by_cross_validation_not_on_the_fitted_points():
    """Random labels on 60 random points in 80 dims: a probe fitted on them all scores
    1.0 on them (it memorises); held-out folds show chance (about 1/2)."""
    rng = np.random.default_rng(0)
    points, labels = rng.normal(size=(60, 80)), np.repeat([0, 1], 30)
    rng.shuffle(labels)
    memorised = evaluate_metrics(EvalContext(points, labels, points, labels), ["linear_probe"])["linear_probe_accuracy"]
    held_out = evaluate_metrics(EvalContext.open_set(points, labels), ["linear_probe"])["linear_probe_accuracy"]
    assert memorised == 1.0 and 0.2 < held_out < 0.8


def test_open_set_of_separable_clusters_is_probed_perfectly(clusters):
    points, labels = clusters
    assert evaluate_metrics(EvalContext.open_set(points, labels), ["linear_probe"]) == {"linear_probe_accuracy": 1.0}
