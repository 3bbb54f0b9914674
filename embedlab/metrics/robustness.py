import numpy as np

from embedlab.metrics.compactness import VarianceLevel, components_for_variance, pca_truncate
from embedlab.metrics.registry import METRICS


def reconstruction_rmse(pca, embeddings, n_components):
    """Root-mean-square error (over all entries) of projecting ``embeddings`` onto the
    first ``n_components`` principal axes of a fitted PCA and reconstructing them."""
    return float(np.sqrt(np.mean((embeddings - pca_truncate(pca, embeddings, n_components)) ** 2)))


@METRICS.register("robustness")
def robustness(context, *, level: VarianceLevel = 0.99):
    """PCA reconstruction RMSE of the test embeddings, with the gallery's k99 components
    (METHODS.md, robustness; lower is better)."""
    n_components = components_for_variance(context.pca.explained_variance_ratio_, level)
    return {"rmse": reconstruction_rmse(context.pca, context.query, n_components)}
