import numpy as np
import pytest

from embedlab.errors import EmbedlabError
from embedlab.metrics import EvalContext, evaluate_metrics

RETRIEVAL = ["precision_at_1", "r_precision", "map_at_r"]


def on_circle(angles):
    angles = np.asarray(angles, dtype=float)
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def test_hand_made_retrieval():
    # gallery on the unit circle; class 0 at 0.1, 0.3, 0.5; class 1 at 0.2, 0.4
    gallery = on_circle([0.1, 0.2, 0.3, 0.4, 0.5])
    gallery_labels = np.array([0, 1, 0, 1, 0])
    # query A (class 0) at 0.0: ranking 0.1 (0), 0.2 (1), 0.3 (0); R = 3 with hits at ranks 1 and 3:
    #   precision@1 = 1, R-precision = 2/3, AP@R = (1/1 + 2/3) / 3 = 5/9
    # query B (class 1) at 0.44: ranking 0.4 (1), 0.5 (0); R = 2 with a hit at rank 1:
    #   precision@1 = 1, R-precision = 1/2, AP@R = (1/1) / 2 = 1/2
    query = on_circle([0.0, 0.44])
    context = EvalContext(gallery, gallery_labels, query, np.array([0, 1]))
    results = evaluate_metrics(context, RETRIEVAL)
    assert results["precision_at_1"] == pytest.approx(1.0)
    assert results["r_precision"] == pytest.approx((2 / 3 + 1 / 2) / 2)
    assert results["map_at_r"] == pytest.approx((5 / 9 + 1 / 2) / 2)


def numpy_retrieval(gallery, gallery_labels, query, query_labels, leave_one_out=False):
    """precision@1, R-precision and MAP@R written out directly, from all pairwise distances."""
    distances = ((query[:, None, :] - gallery[None, :, :]) ** 2).sum(-1)
    if leave_one_out:
        np.fill_diagonal(distances, np.inf)
    order = np.argsort(distances, axis=1, kind="stable")
    p1, rp, ap = [], [], []
    for row, label in zip(order, query_labels):
        r = int(np.sum(gallery_labels == label)) - int(leave_one_out)
        relevant = gallery_labels[row[:r]] == label
        p1.append(relevant[0])
        rp.append(relevant.mean())
        ap.append(np.sum(np.cumsum(relevant) / np.arange(1, r + 1) * relevant) / r)
    return {"precision_at_1": np.mean(p1), "r_precision": np.mean(rp), "map_at_r": np.mean(ap)}


@pytest.mark.parametrize("leave_one_out", [False, True])
def test_accuracy_calculator_matches_a_direct_numpy_computation(leave_one_out):
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(4, 6))
    gallery_labels, query_labels = rng.integers(0, 4, 200), rng.integers(0, 4, 80)
    gallery = centres[gallery_labels] + rng.normal(scale=1.2, size=(200, 6))
    query = centres[query_labels] + rng.normal(scale=1.2, size=(80, 6))
    if leave_one_out:
        context = EvalContext.open_set(gallery, gallery_labels)
    else:
        context = EvalContext(gallery, gallery_labels, query, query_labels)
    expected = numpy_retrieval(context.gallery, context.gallery_labels, context.query, context.query_labels, leave_one_out)
    results = evaluate_metrics(context, RETRIEVAL)
    assert 0.3 < expected["map_at_r"] < 0.95  # a case where the metrics differ from one another
    for name, value in expected.items():
        assert results[name] == pytest.approx(value, abs=1e-9)


def numpy_nmi(labels, clusters):
    """Mutual information over the arithmetic mean of the two entropies."""
    joint = np.array([[np.mean((labels == a) & (clusters == b)) for b in np.unique(clusters)] for a in np.unique(labels)])
    p_label, p_cluster = joint.sum(1), joint.sum(0)
    nonzero = joint > 0
    mutual = np.sum(joint[nonzero] * np.log(joint[nonzero] / np.outer(p_label, p_cluster)[nonzero]))
    entropy = lambda p: -np.sum(p * np.log(p))  # noqa: E731
    return mutual / ((entropy(p_label) + entropy(p_cluster)) / 2)


def test_nmi_matches_numpy_on_the_shared_clustering():
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 40)
    points = np.eye(5)[labels] + rng.normal(scale=0.45, size=(120, 5))  # overlapping: clustering is imperfect
    context = EvalContext(points, labels, points, labels)
    results = evaluate_metrics(context, ["nmi", "ami"])
    assert results["nmi"] == pytest.approx(numpy_nmi(labels, context.clusters(3)))
    assert 0 < results["ami"] < results["nmi"] < 1


def test_separable_classes_have_perfect_clustering_scores(clusters):
    points, labels = clusters
    context = EvalContext(points[::2], labels[::2], points[1::2], labels[1::2])
    assert evaluate_metrics(context, ["nmi", "ami", *RETRIEVAL]) == pytest.approx(
        {"nmi": 1.0, "ami": 1.0, "precision_at_1": 1.0, "r_precision": 1.0, "map_at_r": 1.0})


def test_no_test_class_in_the_gallery_is_one_line():
    """Sentence pairs that are each their own class: no query's class is in the gallery."""
    gallery, query = np.eye(4, dtype=np.float32), np.eye(4, dtype=np.float32)[::-1].copy()
    context = EvalContext(gallery, np.arange(4), query, np.arange(4, 8))
    with pytest.raises(EmbedlabError, match="precision_at_1 needs test classes that the gallery"):
        evaluate_metrics(context, ["precision_at_1"])
