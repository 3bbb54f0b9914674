"""K-means clustering of the test embeddings, and its accuracy (METHODS.md, K-means accuracy)."""

import numpy as np

from embedlab.metrics.registry import METRICS

RESTARTS = 5  # best of 5 seeded K-means runs (lowest within-cluster error): one unlucky start is not the embedding's fault


def kmeans_labels(embeddings, n_clusters, seed=0):
    """Cluster index per row: faiss K-means, 20 iterations as pytorch-metric-learning's
    AccuracyCalculator, on every point (no subsampling)."""
    import faiss

    points = np.ascontiguousarray(embeddings, dtype=np.float32)
    kmeans = faiss.Kmeans(points.shape[1], n_clusters, niter=20, nredo=RESTARTS, seed=seed,
                          max_points_per_centroid=len(points), min_points_per_centroid=1)
    kmeans.train(points)
    return kmeans.index.search(points, 1)[1][:, 0]


def match_clusters(labels, clusters):
    """{cluster: class}, one class per cluster, maximising the number of points whose
    cluster is matched to their class (the Hungarian algorithm on the contingency table)."""
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics.cluster import contingency_matrix

    table = contingency_matrix(clusters, labels)
    rows, columns = linear_sum_assignment(table, maximize=True)
    classes, cluster_ids = np.unique(labels), np.unique(clusters)
    return {int(cluster_ids[r]): int(classes[c]) for r, c in zip(rows, columns)}


def clustering_accuracy(labels, clusters):
    """Fraction of points whose cluster is matched to their class by :func:`match_clusters`."""
    matched = match_clusters(labels, clusters)
    predicted = np.array([matched.get(int(c), -1) for c in clusters])
    return float(np.mean(predicted == np.asarray(labels)))


@METRICS.register("kmeans_accuracy")
def kmeans_accuracy(context):
    """K-means on the test embeddings with K = number of classes, clusters assigned to
    classes by the Hungarian algorithm, accuracy of that assignment (as the
    contrastive-vs-classification study reports it)."""
    n_classes = len(np.unique(context.query_labels))
    return {"kmeans_accuracy": clustering_accuracy(context.query_labels, context.clusters(n_classes))}
