from typing import Annotated

import numpy as np
from pydantic import Field

from embedlab.metrics.registry import METRICS, Curve

VarianceLevel = Annotated[float, Field(gt=0, le=1)]


def components_for_variance(explained_variance_ratio, level=0.99):
    """Number of principal components explaining ``level`` of the variance:
    ``searchsorted(cumsum(ratio), level) + 1`` (METHODS.md, compactness)."""
    cumulative = np.cumsum(explained_variance_ratio)
    return int(min(np.searchsorted(cumulative, level) + 1, len(cumulative)))


def principal_coordinates(pca, embeddings, dim):
    """Coordinates of ``embeddings`` on the first ``dim`` principal axes of a fitted PCA."""
    return (embeddings - pca.mean_) @ pca.components_[:dim].T


def pca_truncate(pca, embeddings, dim):
    """Rank-``dim`` PCA reconstruction, in the original coordinates: with every component
    it gives the embeddings back unchanged."""
    return pca.mean_ + principal_coordinates(pca, embeddings, dim) @ pca.components_[:dim]


def pca_dimension(embeddings, level=0.99):
    """:func:`components_for_variance` of a PCA of ``embeddings`` (through the eigenvectors of
    the covariance: the same components as an SVD, many times faster for N >> D)."""
    from sklearn.decomposition import PCA

    return components_for_variance(PCA(svd_solver="covariance_eigh").fit(embeddings).explained_variance_ratio_, level)


@METRICS.register("compactness")
def compactness(context, *, level: VarianceLevel = 0.99):
    """PCA components for 99% variance of the gallery embeddings (and of the test ones);
    the gallery's cumulative explained variance as a curve. ``embedding_dim`` beside it
    tells compare when dim99 is the whole embedding (its RMSE then 0 by construction)."""
    ratios = context.pca.explained_variance_ratio_
    return {
        "dim99": components_for_variance(ratios, level),
        "embedding_dim": int(context.gallery.shape[1]),
        "dim99_test": pca_dimension(context.query, level),
        "variance": Curve(variance_rows(ratios)),
    }


def variance_rows(ratios):
    cumulative = ratios.cumsum()
    return [{"component": i + 1, "explained": float(r), "cumulative": float(c)} for i, (r, c) in enumerate(zip(ratios, cumulative))]
