import faiss
import numpy as np


def nearest(gallery, query, k):
    """Exact Euclidean k-nearest neighbours (faiss flat index): gallery indices, nearest first."""
    if k > len(gallery):
        raise ValueError(f"k={k} is larger than the gallery ({len(gallery)} embeddings)")
    index = faiss.IndexFlatL2(gallery.shape[1])
    index.add(np.ascontiguousarray(gallery, dtype=np.float32))
    _, indices = index.search(np.ascontiguousarray(query, dtype=np.float32), k)
    return indices
