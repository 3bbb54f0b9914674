import numpy as np
import pytest

from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.metrics.compactness import pca_truncate
from embedlab.metrics.dimensions import curve_dims, dimension_curve


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


def context(seed_gallery=0, seed_query=1):
    gallery, gallery_labels = informative_last(seed_gallery)
    query, query_labels = informative_last(seed_query)
    return EvalContext(gallery, gallery_labels, query, query_labels)


def test_curve_dims_are_powers_of_two_up_to_the_full_width():
    assert curve_dims(128) == [8, 16, 32, 64, 128]
    assert curve_dims(100) == [8, 16, 32, 64, 100]
    assert curve_dims(4) == [4]


def test_pca_truncation_with_every_component_gives_the_embeddings_back():
    ctx = context()
    np.testing.assert_allclose(pca_truncate(ctx.pca, ctx.query, 16), ctx.query, atol=1e-5)


def test_prefixes_take_the_first_coordinates_pca_the_main_directions():
    ctx = context()
    prefix = {row["dim"]: row for row in dimension_curve(ctx, [2, 16])}
    pca = {row["dim"]: row for row in dimension_curve(ctx)}
    assert prefix[2]["truncation"] == "prefix" and pca[8]["truncation"] == "pca"
    assert prefix[2]["knn_accuracy"] < 0.6  # noise coordinates only
    assert pca[8]["knn_accuracy"] == 1.0 and pca[8]["linear_probe_accuracy"] == 1.0
    assert list(pca) == [8, 16]


@pytest.mark.parametrize("nested", [[4, 16], []])
def test_the_full_width_point_equals_the_full_embedding_metrics(nested):
    ctx = context()
    full = evaluate_metrics(ctx, [{"name": "knn", "k": 5}, "linear_probe"])
    last = dimension_curve(ctx, nested)[-1]
    assert last["dim"] == 16
    assert last["knn_accuracy"] == full["knn_accuracy"]
    assert last["linear_probe_accuracy"] == pytest.approx(full["linear_probe_accuracy"], abs=1e-9)


def test_the_dims_metric_follows_the_nesting_the_context_names():
    gallery, gallery_labels = informative_last(0)
    query, query_labels = informative_last(1)
    nested = EvalContext(gallery, gallery_labels, query, query_labels, nested_dims=(2, 16))
    rows = evaluate_metrics(nested, ["dims"])["dims"].rows
    assert [(row["dim"], row["truncation"]) for row in rows] == [(2, "prefix"), (16, "prefix")]
    assert [row["dim"] for row in evaluate_metrics(context(), ["dims"])["dims"].rows] == [8, 16]
