import numpy as np

from embedlab.metrics.registry import METRICS


def feature_correlation(embeddings):
    """Correlation matrix of the features that vary (a constant feature has no
    correlation), most variable first."""
    spread = embeddings.std(axis=0)
    order = np.argsort(-spread, kind="stable")
    varying = embeddings[:, order[spread[order] > 1e-8]]
    return np.corrcoef(varying, rowvar=False).reshape(varying.shape[1], varying.shape[1])


def offdiagonal_correlation_rms(embeddings):
    """RMS of the off-diagonal entries of the feature correlation matrix. Features that
    are constant have no correlation and are left out (METHODS.md, disentanglement)."""
    correlation = feature_correlation(embeddings)
    if len(correlation) < 2:
        return 0.0
    off_diagonal = correlation[~np.eye(len(correlation), dtype=bool)]
    return float(np.sqrt(np.mean(off_diagonal**2)))


@METRICS.register("disentanglement")
def disentanglement(context):
    """Off-diagonal correlation RMS of the test embeddings (lower = more disentangled)."""
    return {"disentanglement": offdiagonal_correlation_rms(context.query)}
