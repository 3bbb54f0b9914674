"""Every index kind on small synthetic clustered data, at the full dimension: what it
finds against exact search, and what it stores against faiss's own account."""

import faiss
import numpy as np
import pytest

from embedlab.errors import ConfigError
from embedlab.metrics import EvalContext, evaluate_metrics
from embedlab.registry import Spec
from embedlab.retrieval.indexes import INDEXES, check_indexes, index_specs, subquantizers
from embedlab.retrieval.measure import Timing, build, code_size, disk_size
from embedlab.retrieval.table import dimensions, retrieval_table
from tests.retrieval.data import clustered_embeddings

SPECS = ["flat", {"name": "hnsw", "M": 8, "efSearch": 480}, {"name": "ivfpq", "nlist": 4, "m": 8, "nbits": 6, "nprobe": 4},
         {"name": "pq", "m": 8, "nbits": 6}, "sq8"]


@pytest.fixture(scope="module")
def rows():
    gallery, query, labels = clustered_embeddings()
    return {row["index"]: row for row in retrieval_table(gallery, query, labels, index_specs(SPECS), [("full", 32)], (), Timing(20, 1))}


def test_flat_is_the_exact_search_and_matches_the_knn_metric(rows):
    gallery, query, labels = clustered_embeddings()
    exact = evaluate_metrics(EvalContext(gallery, labels[0], query, labels[1]), [{"name": "knn", "k": 5}, "precision_at_1"])
    assert rows["flat"]["recall10"] == 1.0
    assert rows["flat"]["knn"] == exact["knn_accuracy"] and rows["flat"]["p1"] == exact["precision_at_1"]


def test_every_kind_finds_the_right_cluster_and_the_approximate_ones_lose_some_neighbours(rows):
    assert set(rows) == {"flat", "hnsw", "ivfpq", "pq", "sq8"}
    assert all(row["knn"] == 1.0 and row["p1"] == 1.0 for row in rows.values())  # clusters far apart
    assert rows["hnsw"]["recall10"] == 1.0  # efSearch above the gallery size: the whole graph is searched
    assert rows["sq8"]["recall10"] > 0.9
    assert 0.2 < rows["pq"]["recall10"] < 1 and 0.2 < rows["ivfpq"]["recall10"] < 1  # 6 bytes for 32 floats


def test_bytes_per_vector_are_faiss_codes_and_disk_is_the_written_index(rows, tmp_path):
    assert {name: row["bytes"] for name, row in rows.items()} == {
        "flat": 4 * 32, "hnsw": 4 * 32, "sq8": 32, "pq": 6, "ivfpq": 6 + 1}  # 8 codes of 6 bits; ivfpq + the cell (1 byte)
    gallery, _, _ = clustered_embeddings()
    for key, spec in index_specs(SPECS):
        index, _ = build(lambda: INDEXES.build(spec, key, 32), gallery)  # noqa: B023 (called at once)
        faiss.write_index(index, str(tmp_path / spec.name))
        assert disk_size(index) == (tmp_path / spec.name).stat().st_size == rows[spec.name]["disk"]
        if spec.name != "hnsw":  # HNSW has no standalone codec: its storage's code counts
            assert code_size(index) == index.sa_code_size()
    assert rows["flat"]["disk"] - 4 * 32 * len(gallery) < 100  # a header, then the vectors


def test_timings_are_positive(rows):
    assert all(row["build_s"] >= 0 and row["qps1"] > 0 and row["qps"] > 0 for row in rows.values())


def test_subquantizers_divide_the_dimension():
    assert [subquantizers(16, d) for d in (128, 32, 16, 9, 37, 12)] == [16, 16, 16, 9, 1, 12]
    assert INDEXES.build(Spec("pq", {"m": 16, "nbits": 4}), "k", 9).pq.M == 9


def test_dimensions_keep_fixed_dims_narrower_than_the_embedding():
    assert dimensions(64, 7, [16, 64, 128, 32]) == [("full", 64), ("dim99", 7), ("d16", 16), ("d32", 32)]


@pytest.mark.parametrize(("specs", "message"), [
    ([{"name": "ivfpq", "nlist": 500}], "params: retrieval.indexes[0].nlist=500 is not allowed; expected at most 480 (the gallery: training split)"),
    (["flat", {"name": "pq", "m": 12}], "params: retrieval.indexes[1].m=12 is not allowed; expected a divisor of the embedding dimension 32"),
    ([{"name": "pq", "nbits": 9}], "params: retrieval.indexes[0].nbits=9 is not allowed; expected at most 8 (2**nbits codebook entries from 480 gallery vectors)"),
    (["hnws"], "params: retrieval.indexes[0]='hnws' is not allowed; expected flat, hnsw, ivfpq, pq, sq8 (did you mean 'hnsw'?)"),
    ([{"name": "hnsw", "ef": 3}], "params: retrieval.indexes[0].ef=3 is not allowed; expected an option of index 'hnsw': M, efSearch, efConstruction"),
    (["sq8", "sq8"], "params: retrieval.indexes=['sq8', 'sq8'] is not allowed; expected each index kind once"),
])
def test_bad_index_params_are_one_line(specs, message):
    with pytest.raises(ConfigError) as error:
        check_indexes(specs, 32, 480)
    assert str(error.value) == message


def test_the_same_inputs_give_the_same_numbers_but_timings(rows):
    from embedlab.retrieval.table import TIMED

    gallery, query, labels = clustered_embeddings()
    again = retrieval_table(gallery, query, labels, index_specs(SPECS), [("full", 32)], (), Timing(20, 1))
    assert [{k: v for k, v in row.items() if k not in TIMED} for row in again] == [
        {k: v for k, v in rows[row["index"]].items() if k not in TIMED} for row in again]
