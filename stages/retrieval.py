"""Stage retrieval: what a role's embeddings cost to search. The gallery embeddings are
the database, the query embeddings the queries; every faiss index kind named in params
is built at the full dimension, at the role's 99%-variance dimension (from evaluate)
and at the fixed compact dims, and measured: bytes per vector, size on disk, build
time, queries per second, recall@10 against exact search, 5-NN accuracy, precision@1."""

import argparse
import json

import numpy as np

from embedlab.config import load_params
from embedlab.errors import EmbedlabError, one_line_errors
from embedlab.metrics.context import l2_normalize
from embedlab.paths import EMBEDDINGS, METRICS, MODELS, ROLES
from embedlab.retrieval.indexes import check_indexes, index_specs
from embedlab.retrieval.measure import Timing, all_threads
from embedlab.retrieval.results import save_table
from embedlab.retrieval.table import dimensions, retrieval_table
from embedlab.training.checkpoint import load_checkpoint


@one_line_errors
def main(role):
    settings = load_params().retrieval
    gallery, query, labels = load_embeddings(role)
    check_indexes(settings.indexes, gallery.shape[1], len(gallery))
    dims = dimensions(gallery.shape[1], evaluated_dim99(role), settings.dims)
    nested_dims = tuple(load_checkpoint(MODELS / role / "best.pt").get("matryoshka_dims", ()))
    timing = Timing(settings.timed_queries, settings.repeats)
    rows = retrieval_table(gallery, query, labels, index_specs(settings.indexes), dims, nested_dims, timing)
    save_table(role, rows, all_threads())
    for row in rows:
        print(f"{role} {row['index']:6s} {row['dims']:6s} {row['dim']:4d} dims  {row['bytes']:5d} B/vector  recall@10 {row['recall10']:.3f}  "
              f"5-NN {row['knn']:.4f}  {row['qps1']:9.0f} q/s (1 thread)  {row['qps']:9.0f} q/s ({all_threads()})  build {row['build_s']:.2f} s")


def load_embeddings(role):
    """(gallery, query, (gallery labels, query labels)), L2-normalised float32."""
    with np.load(EMBEDDINGS / f"{role}.npz") as data:
        return l2_normalize(data["gallery"]), l2_normalize(data["query"]), (data["gallery_labels"], data["query_labels"])


def evaluated_dim99(role):
    path = METRICS / "evaluate" / f"{role}.json"
    dim99 = json.loads(path.read_text(encoding="utf-8")).get("dim99")
    if dim99 is None:
        raise EmbedlabError(f"{path} has no dim99; keep compactness in evaluate.metrics")
    return dim99


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=ROLES)
    main(parser.parse_args().role)
