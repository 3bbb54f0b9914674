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
    """Gallery (training) and query (test) embeddings with labels; shared, cached work.

    ``leave_one_out``: the query set is the gallery itself and each query's own entry is
    left out of its neighbours (open-set retrieval, see :meth:`open_set`). ``seed``
    seeds the K-means clustering and the cross-validation folds. ``nested_dims``: the
    prefix dims a Matryoshka model was trained with (empty for other models).
    ``embed_sentences``: for a text model, sentences -> its raw embeddings (the STS-B metric).
    """

    gallery: np.ndarray
    gallery_labels: np.ndarray
    query: np.ndarray
    query_labels: np.ndarray
    leave_one_out: bool = False
    seed: int = 0
    nested_dims: tuple = ()
    embed_sentences: object = None
    _neighbours: dict = field(default_factory=dict, repr=False)
    _clusters: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.gallery = l2_normalize(self.gallery)
        self.query = self.gallery if self.leave_one_out else l2_normalize(self.query)

    @classmethod
    def open_set(cls, embeddings, labels, seed=0, nested_dims=()):
        """Retrieval within one set, e.g. the holdout classes no model trained on: every
        embedding is a query against all the others (leave-one-out)."""
        return cls(embeddings, labels, embeddings, labels, leave_one_out=True, seed=seed, nested_dims=nested_dims)

    def neighbours(self, k):
        """Indices into the gallery of each query's ``k`` nearest neighbours (one search,
        reused by every metric that needs at most as many)."""
        cached = max(self._neighbours, default=0)
        if k > cached:
            self._neighbours = {k: nearest(self.gallery, self.query, k, exclude_self=self.leave_one_out)}
            cached = k
        return self._neighbours[cached][:, :k]

    def clusters(self, n_clusters):
        """K-means cluster of each query embedding (computed once per ``n_clusters``)."""
        from embedlab.metrics.clustering import kmeans_labels

        if n_clusters not in self._clusters:
            self._clusters[n_clusters] = kmeans_labels(self.query, n_clusters, self.seed)
        return self._clusters[n_clusters]

    @cached_property
    def pca(self):
        """PCA of the gallery, through the eigenvectors of its D x D covariance (the same
        components as a full SVD, several times faster for 60,000 x 128)."""
        from sklearn.decomposition import PCA

        return PCA(svd_solver="covariance_eigh").fit(self.gallery)
