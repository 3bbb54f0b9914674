"""faiss index kinds by name. Each builder takes the dimension of the vectors it will hold
and returns an empty faiss index that ranks by inner product (cosine similarity: the
vectors are L2-normalised), untrained. faiss is imported when an index is built.

Product quantizers (``pq``, ``ivfpq``) split a vector into ``m`` sub-vectors, so ``m``
must divide the embedding dimension (checked by :func:`check_indexes`); at a compact
dimension ``d`` that it does not divide, the largest divisor of ``d`` below ``m`` is used
(``m: 16`` gives 16 sub-quantizers at d = 32, 9 at d = 9, 1 at d = 37).
"""

from typing import Annotated

from pydantic import Field, PositiveInt

from embedlab.errors import ConfigError
from embedlab.registry import Registry, Spec

INDEXES = Registry("index")
Bits = Annotated[int, Field(ge=1, le=16)]


def _metric():
    import faiss

    return faiss.METRIC_INNER_PRODUCT


@INDEXES.register("flat")
def flat(dim):
    """Exact search: every stored vector compared with the query (the ground truth)."""
    import faiss

    return faiss.IndexFlatIP(dim)


@INDEXES.register("hnsw")
def hnsw(dim, *, M: PositiveInt = 16, efSearch: PositiveInt = 32, efConstruction: PositiveInt = 40):  # noqa: N803 (faiss's names)
    """A graph of ``M`` links per vector over full float vectors; ``efSearch`` candidates
    are kept while walking it."""
    import faiss

    index = faiss.IndexHNSWFlat(dim, M, _metric())
    index.hnsw.efConstruction = efConstruction
    index.hnsw.efSearch = efSearch
    return index


@INDEXES.register("ivfpq")
def ivfpq(dim, *, nlist: PositiveInt = 32, m: PositiveInt = 16, nbits: Bits = 8, nprobe: PositiveInt = 8):
    """``nlist`` k-means cells, product-quantized residuals; ``nprobe`` cells searched."""
    import faiss

    index = faiss.IndexIVFPQ(faiss.IndexFlatIP(dim), dim, nlist, subquantizers(m, dim), nbits, _metric())
    index.nprobe = min(nprobe, nlist)
    index.cp.min_points_per_centroid = 1  # check_indexes asks for a gallery of at least nlist points; no warning below 39 per cell
    index.pq.cp.min_points_per_centroid = 1
    return index


@INDEXES.register("pq")
def pq(dim, *, m: PositiveInt = 16, nbits: Bits = 8):
    """Product quantization, exhaustive search over ``m`` codes of ``nbits`` each."""
    import faiss

    index = faiss.IndexPQ(dim, subquantizers(m, dim), nbits, _metric())
    index.pq.cp.min_points_per_centroid = 1
    return index


@INDEXES.register("sq8")
def sq8(dim):
    """Scalar quantization: one byte per dimension, exhaustive search."""
    import faiss

    return faiss.IndexScalarQuantizer(dim, faiss.ScalarQuantizer.QT_8bit, _metric())


def subquantizers(m, dim):
    """The largest divisor of ``dim`` that is at most ``m``."""
    return max(d for d in range(1, min(m, dim) + 1) if dim % d == 0)


def index_specs(values, key="retrieval.indexes"):
    """The index kinds named in params, each listed once: [(key, Spec)]."""
    specs = [(f"{key}[{i}]", Spec.parse(value, f"{key}[{i}]")) for i, value in enumerate(values)]
    names = [spec.name for _, spec in specs]
    for item_key, spec in specs:
        INDEXES.validate(spec, item_key)
        if names.count(spec.name) > 1:
            raise ConfigError(key, names, "each index kind once")
    return specs


def check_indexes(values, dim, gallery_size, key="retrieval.indexes"):
    """What faiss would fail on after minutes of work, as one line before any:
    more cells or codebook entries than gallery vectors to train them, and sub-vector
    counts that do not divide the embedding dimension."""
    for item_key, spec in index_specs(values, key):
        options = INDEXES.resolve(spec, item_key)
        if options.get("nlist", 0) > gallery_size:
            raise ConfigError(f"{item_key}.nlist", options["nlist"], f"at most {gallery_size} (the gallery: training split)")
        if 2 ** options.get("nbits", 0) > gallery_size:
            raise ConfigError(f"{item_key}.nbits", options["nbits"], f"at most {gallery_size.bit_length() - 1} (2**nbits codebook entries from {gallery_size} gallery vectors)")
        if dim % options.get("m", 1):
            raise ConfigError(f"{item_key}.m", options["m"], f"a divisor of the embedding dimension {dim}")
