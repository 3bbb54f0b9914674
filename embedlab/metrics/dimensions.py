"""Accuracy of the first d features, for each d: the Matryoshka evaluation.

A model trained with nesting is cut to its prefixes ``z[:, :d]``; a model trained
without is truncated by PCA instead (the gallery's first d principal components), so
the two kinds of model can be compared on one plot. Either way the d-dimensional
embedding is then measured like any embedding (L2-normalised; 5-NN and linear probe).
"""

from embedlab.metrics.compactness import pca_truncate
from embedlab.metrics.context import EvalContext
from embedlab.metrics.registry import METRICS, Curve, evaluate_metrics

CURVE_METRICS = ({"name": "knn", "k": 5}, "linear_probe")


def curve_dims(embedding_dim, smallest=8):
    """Powers of two from ``smallest`` up to the embedding dimension, which ends the list
    (the nesting the Matryoshka/ReLIC reference code uses by default)."""
    dims = []
    while smallest < embedding_dim:
        dims.append(smallest)
        smallest *= 2
    return [*dims, embedding_dim]


def truncated(context, dim, nested):
    """An :class:`EvalContext` of the first ``dim`` features: prefixes if ``nested``, else PCA."""
    if nested:
        gallery, query = context.gallery[:, :dim], context.query[:, :dim]
    else:
        gallery, query = (pca_truncate(context.pca, x, dim) for x in (context.gallery, context.query))
    return EvalContext(gallery, context.gallery_labels, query, context.query_labels, context.leave_one_out, context.seed)


def dimension_curve(context, nested_dims=()):
    """One row per d: ``dim``, ``truncation`` (prefix or pca), 5-NN and linear-probe accuracy.
    ``nested_dims``: the dims a Matryoshka model was trained with; empty for other models."""
    nested = bool(nested_dims)
    dims = list(nested_dims) if nested else curve_dims(context.gallery.shape[1])
    return [
        {"dim": d, "truncation": "prefix" if nested else "pca", **evaluate_metrics(truncated(context, d, nested), CURVE_METRICS)}
        for d in dims
    ]


@METRICS.register("dims")
def dims(context):
    """The curve of :func:`dimension_curve` (``dims.csv``): the Matryoshka prefixes of a
    nested model, PCA truncation otherwise."""
    return {"dims": Curve(dimension_curve(context, context.nested_dims))}
