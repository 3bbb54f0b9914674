"""Compact dimensions: an index over the first ``d`` features of each embedding, which
takes full embeddings in (gallery and queries) and cuts them itself, inside faiss
(``IndexPreTransform``), so its size on disk includes what the cut needs.

As everywhere in this project (METHODS.md, accuracy at d dimensions), a Matryoshka
model's first d features are its prefix ``z[:, :d]``; any other model's are its
coordinates on the gallery's first d principal axes (faiss ``PCAMatrix``, fitted on the
gallery). Either way they are L2-normalised again. The projection goes through the
origin: the PCA's centring is switched off, so d = D is a rotation that keeps every
inner product and gives the exact full-dimension result back. (The gallery mean's part
outside the d axes, which the ``dims`` curve keeps by reconstructing in the embedding's
coordinates, is the same for every vector; keeping it would cost one more stored number
per vector.)
"""

import numpy as np

PREFIX, PCA = "prefix", "pca"


def truncation(nested_dims):
    """How a model's first d features are taken: prefixes of a Matryoshka model, else PCA."""
    return PREFIX if nested_dims else PCA


def compact(index, gallery, how):
    """``index`` (built for d dimensions) behind the cut of full embeddings to d."""
    import faiss

    full_dim, dim = gallery.shape[1], index.d
    cut = pca_projection(gallery, dim) if how == PCA else faiss.RemapDimensionsTransform(full_dim, dim, False)
    wrapped = faiss.IndexPreTransform(index)
    wrapped.prepend_transform(faiss.NormalizationTransform(dim, 2.0))
    wrapped.prepend_transform(cut)
    return wrapped


def pca_projection(gallery, dim):
    """The gallery's first ``dim`` principal axes as a faiss transform, without centring."""
    import faiss

    transform = faiss.PCAMatrix(gallery.shape[1], dim)
    transform.train(np.ascontiguousarray(gallery, dtype=np.float32))
    transform.have_bias = False
    return transform
