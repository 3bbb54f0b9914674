"""What one index costs and what it finds.

Every index is built and searched for its results with one thread, so the same inputs
give the same numbers (an HNSW graph built by several threads depends on their timing).
Only the timings -- build seconds, queries per second with one thread and with all the
machine's threads (warm: one search first, then the median of ``repeats``) -- differ
from run to run; they are kept apart from the other numbers.

``recall10`` is the approximate-search meaning of recall@10: the fraction of each
query's 10 exact nearest neighbours (flat index, full dimension) that the index returns
in its top 10, averaged over the queries -- not the label-based recall@k of evaluate.
"""

import contextlib
import os
import statistics
import time
from dataclasses import dataclass

import numpy as np

from embedlab.metrics.knn import vote_accuracy

K = 10  # recall@10
KNN_K = 5  # 5-NN accuracy (METHODS.md)


@dataclass(frozen=True)
class Timing:
    queries: int  # the first queries, searched for the timings
    repeats: int


def all_threads():
    return len(os.sched_getaffinity(0))


@contextlib.contextmanager
def threads(count):
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(count)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def exact_neighbours(gallery, query, k=K):
    """The ground truth: top-k by inner product over every gallery vector."""
    import faiss

    index = faiss.IndexFlatIP(gallery.shape[1])
    index.add(gallery)
    with threads(1):
        return index.search(query, k)[1]


def build(make, gallery):
    """``make()`` an index (fitting a PCA, if it has one), train it on the gallery and
    add the gallery: (the index, seconds it took)."""
    with threads(1):
        start = time.perf_counter()
        index = make()
        index.train(gallery)
        index.add(gallery)
        return index, time.perf_counter() - start


def code_size(index):
    """Bytes faiss's codec stores per vector (sa_code_size; for HNSW, its storage's: the
    graph's links come on top and show in the size on disk)."""
    import faiss

    inner = faiss.downcast_index(index.index) if isinstance(index, faiss.IndexPreTransform) else index
    return int((inner.storage if isinstance(inner, faiss.IndexHNSW) else inner).sa_code_size())


def disk_size(index):
    """Bytes of the index as ``faiss.write_index`` stores it."""
    import faiss

    return int(faiss.serialize_index(index).nbytes)


def quality(index, query, query_labels, gallery_labels, truth):
    """recall@10 against the exact top 10, 5-NN accuracy and precision@1 through ``index``."""
    with threads(1):
        found = index.search(query, K)[1]
    recall = (found[:, :, None] == truth[:, None, :]).any(axis=2).mean()  # -1 (fewer than k found) is never in truth
    labels = np.where(found >= 0, gallery_labels[found], gallery_labels.max() + 1)  # -1: fewer than k found; never a match
    return {"recall10": float(recall), "knn": vote_accuracy(labels[:, :KNN_K], query_labels),
            "p1": float(np.mean(labels[:, 0] == query_labels))}


def speed(index, query, timing):
    """Queries per second on the first ``timing.queries`` queries, one thread and all."""
    batch = query[: timing.queries]
    return {"qps1": _qps(index, batch, 1, timing.repeats), "qps": _qps(index, batch, all_threads(), timing.repeats)}


def _qps(index, batch, count, repeats):
    with threads(count):
        index.search(batch, K)  # warm
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            index.search(batch, K)
            seconds.append(time.perf_counter() - start)
    return len(batch) / statistics.median(seconds)
