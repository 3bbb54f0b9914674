"""Embedding metrics, each defined once (../shared/METHODS.md, "How results are measured").

A metric is a registered function of an :class:`EvalContext` (gallery = training
embeddings, query = test embeddings, both L2-normalised, plus a shared neighbour
search); it returns a dict of named numbers, and of :class:`Curve` s for DVC plot data.
Params choose metrics by name.
"""

from embedlab.metrics.context import EvalContext
from embedlab.metrics.registry import METRICS, Curve, check_neighbour_counts, evaluate_metrics

from embedlab.metrics import (  # noqa: E402,F401  (fill the registry)
    accuracy_calculator,
    clustering,
    compactness,
    dimensions,
    disentanglement,
    knn,
    linear_probe,
    retrieval,
    robustness,
    spectral,
)

__all__ = ["METRICS", "Curve", "EvalContext", "check_neighbour_counts", "evaluate_metrics"]
