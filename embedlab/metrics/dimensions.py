"""Accuracy at d dimensions (METHODS.md): the one definition of every "how good is it
with d numbers" figure.

A Matryoshka model (one trained with nesting) is cut to its prefixes ``z[:, :d]``; any
other model is reduced to its first d PCA coordinates (the PCA of the L2-normalised
gallery, so centred on the gallery's mean). Either way the d numbers are L2-normalised
again and measured like any embedding: 5-NN, recall@k and the linear probe. d runs over
1, 2, 4 and every power of two below the embedding dimension, then the embedding
dimension itself (and a Matryoshka model's nested dims), so both kinds of model share
one plot (``dims.csv``, ``dvc plots diff``).
"""

from pydantic import PositiveInt

from embedlab.metrics.compactness import principal_coordinates
from embedlab.metrics.context import EvalContext
from embedlab.metrics.registry import METRICS, Curve, evaluate_metrics


def curve_dims(embedding_dim, nested_dims=()):
    """1, 2, 4, ... below ``embedding_dim``, then ``embedding_dim``; nested dims added."""
    powers = [2**i for i in range(embedding_dim.bit_length()) if 2**i < embedding_dim]
    return sorted({*powers, *nested_dims, embedding_dim})


def first_d(context, dim, nested):
    """An :class:`EvalContext` of the first ``dim`` numbers: prefixes if ``nested``, else
    principal coordinates; the context L2-normalises them again."""
    if nested:
        gallery, query = context.gallery[:, :dim], context.query[:, :dim]
    else:
        gallery, query = (principal_coordinates(context.pca, x, dim) for x in (context.gallery, context.query))
    return EvalContext(gallery, context.gallery_labels, query, context.query_labels, context.leave_one_out, context.seed)


def accuracy_curve(context, metrics, nested_dims=()):
    """One row per d: ``dim``, ``truncation`` (prefix or pca), then each metric's numbers."""
    nested = bool(nested_dims)
    return [
        {"dim": d, "truncation": "prefix" if nested else "pca", **evaluate_metrics(first_d(context, d, nested), metrics)}
        for d in curve_dims(context.gallery.shape[1], nested_dims)
    ]


@METRICS.register("accuracy_at_d")
def accuracy_at_d(context, *, k: PositiveInt = 5, ks: list[PositiveInt] = [1], linear_probe: bool = True):  # noqa: B006 (pydantic copies it)
    """The curve of :func:`accuracy_curve` as ``dims.csv``: k-NN accuracy, recall at
    ``ks`` and (with ``linear_probe``) the linear probe's accuracy at every d."""
    metrics = [{"name": "knn", "k": k}, {"name": "recall", "ks": ks}, *(["linear_probe"] if linear_probe else [])]
    return {"dims": Curve(accuracy_curve(context, metrics, context.nested_dims))}
