import numpy as np

from embedlab.metrics.registry import METRICS


def offdiagonal_correlation_rms(embeddings):
    """RMS of the off-diagonal entries of the feature correlation matrix. Features that
    are constant have no correlation and are left out (METHODS.md, disentanglement)."""
    varying = embeddings[:, embeddings.std(axis=0) > 1e-8]
    if varying.shape[1] < 2:
        return 0.0
    correlation = np.corrcoef(varying, rowvar=False)
    off_diagonal = correlation[~np.eye(len(correlation), dtype=bool)]
    return float(np.sqrt(np.mean(off_diagonal**2)))


@METRICS.register("disentanglement")
def disentanglement(context):
    """Off-diagonal correlation RMS of the test embeddings (lower = more disentangled)."""
    return {"disentanglement": offdiagonal_correlation_rms(context.query)}
