"""Embedding metrics, each defined once (../shared/METHODS.md, "How results are measured").

A metric is a registered function of an :class:`EvalContext` (gallery = training
embeddings, query = test embeddings, both L2-normalised, plus a shared neighbour
search); it returns a dict of named numbers. Params choose metrics by name.
"""

from embedlab.metrics.context import EvalContext
from embedlab.metrics.registry import METRICS, evaluate_metrics

from embedlab.metrics import compactness, disentanglement, knn, retrieval, robustness  # noqa: E402,F401  (fill the registry)
from embedlab.metrics import linear_probe  # noqa: E402,F401

__all__ = ["METRICS", "EvalContext", "evaluate_metrics"]
