import numpy as np
from pydantic import PositiveInt

from embedlab.metrics.registry import METRICS, Curve


def recall_at_k(neighbour_labels, query_labels, k):
    """Fraction of queries with at least one same-label item among their top ``k``."""
    return float(np.mean((neighbour_labels[:, :k] == query_labels[:, None]).any(axis=1)))


@METRICS.register("recall")
def recall(context, *, ks: list[PositiveInt] = [1, 5]):  # noqa: B006 (pydantic copies it)
    """Recall@k for each k (METHODS.md, retrieval)."""
    labels = context.gallery_labels[context.neighbours(max(ks))]
    return {f"recall_at_{k}": recall_at_k(labels, context.query_labels, k) for k in ks}


@METRICS.register("recall_curve")
def recall_curve(context, *, max_k: PositiveInt = 20):
    """Recall@k for k = 1..max_k as a curve (METHODS.md, retrieval): a query counts from
    the first k at which a same-label item appears."""
    hits = context.gallery_labels[context.neighbours(max_k)] == context.query_labels[:, None]
    recalls = np.logical_or.accumulate(hits, axis=1).mean(axis=0)
    return {"recall": Curve([{"k": k, "recall": float(r)} for k, r in enumerate(recalls, start=1)])}
