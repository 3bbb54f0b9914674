import numpy as np
from pydantic import PositiveInt

from embedlab.metrics.registry import METRICS


def recall_at_k(neighbour_labels, query_labels, k):
    """Fraction of queries with at least one same-label item among their top ``k``."""
    return float(np.mean((neighbour_labels[:, :k] == query_labels[:, None]).any(axis=1)))


@METRICS.register("recall")
def recall(context, *, ks: list[PositiveInt] = [1, 5]):  # noqa: B006 (pydantic copies it)
    """Recall@k for each k (METHODS.md, retrieval)."""
    labels = context.gallery_labels[context.neighbours(max(ks))]
    return {f"recall_at_{k}": recall_at_k(labels, context.query_labels, k) for k in ks}
