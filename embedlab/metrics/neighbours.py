import faiss
import numpy as np

from embedlab.errors import DataError


def nearest(gallery, query, k, exclude_self=False):
    """Exact Euclidean k-nearest neighbours (faiss flat index): gallery indices, nearest first.

    With ``exclude_self`` the query set is the gallery itself (leave-one-out, as for
    open-set retrieval on holdout classes): each row's own index is left out of its list.
    """
    others = len(gallery) - int(exclude_self)
    if k > others:
        raise DataError(f"k={k} neighbours asked for, but only {others} embeddings to search")
    index = faiss.IndexFlatL2(gallery.shape[1])
    index.add(np.ascontiguousarray(gallery, dtype=np.float32))
    _, indices = index.search(np.ascontiguousarray(query, dtype=np.float32), k + int(exclude_self))
    return _drop_self(indices) if exclude_self else indices


def _drop_self(indices):
    """Remove each row's own index; where exact duplicates pushed it out of the list,
    remove the last (farthest) entry instead, so every row keeps k neighbours."""
    keep = indices != np.arange(len(indices))[:, None]
    keep[keep.all(axis=1), -1] = False
    return indices[keep].reshape(len(indices), -1)
