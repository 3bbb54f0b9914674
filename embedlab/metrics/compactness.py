from typing import Annotated

import numpy as np
from pydantic import Field

from embedlab.metrics.registry import METRICS

VarianceLevel = Annotated[float, Field(gt=0, le=1)]


def components_for_variance(explained_variance_ratio, level=0.99):
    """Number of principal components explaining ``level`` of the variance:
    ``searchsorted(cumsum(ratio), level) + 1`` (METHODS.md, compactness)."""
    cumulative = np.cumsum(explained_variance_ratio)
    return int(min(np.searchsorted(cumulative, level) + 1, len(cumulative)))


def pca_dimension(embeddings, level=0.99):
    from sklearn.decomposition import PCA

    return components_for_variance(PCA(svd_solver="full").fit(embeddings).explained_variance_ratio_, level)


@METRICS.register("compactness")
def compactness(context, *, level: VarianceLevel = 0.99):
    """PCA components for 99% variance of the gallery embeddings (and of the test ones)."""
    return {
        "dim99": components_for_variance(context.pca.explained_variance_ratio_, level),
        "dim99_test": pca_dimension(context.query, level),
    }
