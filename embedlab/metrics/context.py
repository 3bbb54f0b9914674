from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from embedlab.metrics.neighbours import nearest


def l2_normalize(x):
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


@dataclass
class EvalContext:
    """Gallery (training) and query (test) embeddings with labels; shared, cached work."""

    gallery: np.ndarray
    gallery_labels: np.ndarray
    query: np.ndarray
    query_labels: np.ndarray
    _neighbours: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.gallery = l2_normalize(self.gallery)
        self.query = l2_normalize(self.query)

    def neighbours(self, k):
        """Indices into the gallery of each query's ``k`` nearest neighbours (one search,
        reused by every metric that needs at most as many)."""
        cached = max(self._neighbours, default=0)
        if k > cached:
            self._neighbours = {k: nearest(self.gallery, self.query, k)}
            cached = k
        return self._neighbours[cached][:, :k]

    @cached_property
    def pca(self):
        from sklearn.decomposition import PCA

        return PCA(svd_solver="full").fit(self.gallery)
