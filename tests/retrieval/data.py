"""Small synthetic clustered embeddings for the retrieval tests."""

import numpy as np

from embedlab.metrics.context import l2_normalize


def clustered_embeddings(dim=32, classes=8, per_class=60, queries_per_class=10, spread=0.5, seed=0):
    """(gallery, query, (gallery labels, query labels)): L2-normalised Gaussian clusters
    around random centres, with a common offset so the embeddings are not centred."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, dim)) + 1.5
    gallery_labels, query_labels = np.repeat(np.arange(classes), per_class), np.repeat(np.arange(classes), queries_per_class)
    gallery, query = (l2_normalize(centres[labels] + rng.normal(scale=spread, size=(len(labels), dim)))
                      for labels in (gallery_labels, query_labels))
    return gallery, query, (gallery_labels, query_labels)
