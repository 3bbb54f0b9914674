import numpy as np
import pytest

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.dimensions import accuracy_curve, curve_dims, first_d

ONE_NN = [{"name": "knn", "k": 1}]


def informative_last(seed=0, n=120):
    """Three classes told apart by the last 2 of 16 coordinates (large), with small noise
    in the first 14: the first few coordinates carry no class information, the first
    principal components all of it."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    x = 0.05 * rng.normal(size=(n, 16))
    angles = 2 * np.pi * labels / 3
    x[:, 14], x[:, 15] = np.cos(angles), np.sin(angles)
    return x.astype(np.float32), labels


def context(nested_dims=()):
    gallery, gallery_labels = informative_last(0)
    query, query_labels = informative_last(1)
    return EvalContext(gallery, gallery_labels, query, query_labels, nested_dims=nested_dims)


def test_dims_are_1_2_4_and_powers_of_two_up_to_the_full_width():
    assert curve_dims(128) == [1, 2, 4, 8, 16, 32, 64, 128]
    assert curve_dims(100) == [1, 2, 4, 8, 16, 32, 64, 100]
    assert curve_dims(2) == [1, 2] and curve_dims(1) == [1]
    assert curve_dims(16, (12, 16)) == [1, 2, 4, 8, 12, 16]


def test_prefix_path_by_hand():
    # rows of norm 13; the prefix (3, 4) renormalises to (0.6, 0.8), the prefix (3) to 1
    gallery = np.array([[3, 4, 12], [3, -4, 12], [-3, 4, 12], [-3, -4, 12]], dtype=np.float32)
    ctx = EvalContext(gallery, np.array([0, 1, 2, 3]), gallery[[1]], np.array([1]))
    two, one = first_d(ctx, 2, nested=True), first_d(ctx, 1, nested=True)
    np.testing.assert_allclose(two.gallery, [[0.6, 0.8], [0.6, -0.8], [-0.6, 0.8], [-0.6, -0.8]], atol=1e-6)
    np.testing.assert_allclose(one.gallery[:, 0], [1, 1, -1, -1], atol=1e-6)
    assert evaluate_metrics(two, ONE_NN)["knn_accuracy"] == 1.0  # the query is gallery[1] itself


def test_pca_path_by_hand():
    # gallery (1, 0) and (0, 1): mean (0.5, 0.5), first axis +-(1, -1)/sqrt 2, second +-(1, 1)/sqrt 2.
    # Query (0.8, 0.6) centres to (0.3, 0.1): coordinates (0.2, 0.4)/sqrt 2 up to signs,
    # renormalised (1, 2)/sqrt 5; its first coordinate alone renormalises to +-1, the
    # sign of the gallery point (1, 0), whose first coordinate is 0.5 sqrt 2.
    gallery, query = np.eye(2, dtype=np.float32), np.array([[0.8, 0.6], [0.6, 0.8]], dtype=np.float32)
    ctx = EvalContext(gallery, np.array([0, 1]), query, np.array([0, 1]))
    one, two = first_d(ctx, 1, nested=False), first_d(ctx, 2, nested=False)
    np.testing.assert_allclose(np.abs(one.gallery[:, 0]), [1, 1], atol=1e-6)
    np.testing.assert_allclose(one.query[:, 0], one.gallery[:, 0], atol=1e-6)  # each query on its class's side
    np.testing.assert_allclose(np.abs(two.query), [[1 / np.sqrt(5), 2 / np.sqrt(5)]] * 2, atol=1e-6)
    rows = accuracy_curve(ctx, ONE_NN)
    assert [(row["dim"], row["truncation"], row["knn_accuracy"]) for row in rows] == [(1, "pca", 1.0), (2, "pca", 1.0)]


def test_prefixes_take_the_first_coordinates_pca_the_main_directions():
    prefix = {row["dim"]: row for row in accuracy_curve(context(), ONE_NN, nested_dims=(16,))}
    pca = {row["dim"]: row for row in accuracy_curve(context(), ONE_NN)}
    assert prefix[2]["truncation"] == "prefix" and pca[2]["truncation"] == "pca"
    assert prefix[2]["knn_accuracy"] < 0.6  # noise coordinates only
    assert pca[2]["knn_accuracy"] == 1.0
    assert list(pca) == [1, 2, 4, 8, 16]


def test_a_nested_models_full_width_point_is_the_full_embedding():
    ctx = context(nested_dims=(4, 16))
    full = evaluate_metrics(ctx, [{"name": "knn", "k": 5}, "linear_probe"])
    last = accuracy_curve(ctx, [{"name": "knn", "k": 5}, "linear_probe"], ctx.nested_dims)[-1]
    assert last["dim"] == 16 and last["knn_accuracy"] == full["knn_accuracy"]
    assert last["linear_probe_accuracy"] == pytest.approx(full["linear_probe_accuracy"], abs=1e-9)


def test_the_metric_follows_the_nesting_the_context_names():
    rows = evaluate_metrics(context(nested_dims=(2, 16)), [{"name": "accuracy_at_d", "linear_probe": False}])["dims"].rows
    assert [(row["dim"], row["truncation"]) for row in rows] == [(1, "prefix"), (2, "prefix"), (4, "prefix"), (8, "prefix"), (16, "prefix")]
    assert set(rows[0]) == {"dim", "truncation", "knn_accuracy", "recall_at_1"}
    rows = evaluate_metrics(context(), ["accuracy_at_d"])["dims"].rows
    assert [row["truncation"] for row in rows] == ["pca"] * 5 and "linear_probe_accuracy" in rows[0]
