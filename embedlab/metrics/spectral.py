"""Spectral measures of how many dimensions an embedding uses, beside the 99%-variance
dimension; both from the principal components of the gallery embeddings."""

import numpy as np

from embedlab.metrics.registry import METRICS


def effective_rank(singular_values):
    """exp of the Shannon entropy of the singular values normalised to sum to one
    (Roy and Vetterli, "The effective rank", EUSIPCO 2007)."""
    weights = singular_values[singular_values > 0] / singular_values.sum()
    return float(np.exp(-np.sum(weights * np.log(weights))))


def participation_ratio(variances):
    """(sum of the covariance eigenvalues)^2 / sum of their squares (e.g. Gao et al.,
    "A theory of multineuronal dimensionality", 2017): 1 for one direction, D for D equal ones."""
    return float(variances.sum() ** 2 / np.sum(variances**2))


@METRICS.register("effective_rank")
def effective_rank_metric(context):
    """Effective rank of the centred gallery embeddings."""
    return {"effective_rank": effective_rank(context.pca.singular_values_)}


@METRICS.register("participation_ratio")
def participation_ratio_metric(context):
    """Participation ratio of the gallery embeddings' covariance spectrum."""
    return {"participation_ratio": participation_ratio(context.pca.explained_variance_)}
