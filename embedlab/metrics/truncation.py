from pydantic import PositiveInt

from embedlab.metrics.compactness import principal_coordinates
from embedlab.metrics.knn import vote_accuracy
from embedlab.metrics.neighbours import nearest
from embedlab.metrics.registry import METRICS
from embedlab.metrics.retrieval import recall_at_k


@METRICS.register("pca_truncation")
def pca_truncation(context, *, dims: list[PositiveInt] = [128, 64, 16], k: PositiveInt = 5,  # noqa: B006
                   ks: list[PositiveInt] = [1, 5]):  # noqa: B006 (pydantic copies them)
    """k-NN accuracy and recall@k after PCA truncation: gallery and queries projected onto
    the gallery's first d principal axes (Euclidean distances there, no renormalisation),
    for each d narrower than the embedding -- how much survives compression to d numbers."""
    results = {}
    for d in (d for d in dims if d < context.gallery.shape[1]):
        gallery, query = (principal_coordinates(context.pca, x, d) for x in (context.gallery, context.query))
        labels = context.gallery_labels[nearest(gallery, query, max(k, *ks), exclude_self=context.leave_one_out)]
        results[f"pca{d}_knn_accuracy"] = vote_accuracy(labels[:, :k], context.query_labels)
        results.update({f"pca{d}_recall_at_{j}": recall_at_k(labels, context.query_labels, j) for j in ks})
    return results
