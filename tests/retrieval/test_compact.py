"""Compact dimensions: PCA to the full dimension gives the exact result back, a PCA
index at d dims finds what an independent numpy projection finds, and prefixes cut."""

import numpy as np
from sklearn.decomposition import PCA

from embedlab.metrics.context import l2_normalize
from embedlab.retrieval.compact import PCA as BY_PCA
from embedlab.retrieval.compact import PREFIX, compact, truncation
from embedlab.retrieval.indexes import index_specs
from embedlab.retrieval.measure import Timing, build, exact_neighbours
from embedlab.retrieval.table import retrieval_table
from tests.retrieval.data import clustered_embeddings


def flat_at(dim, how, gallery):
    import faiss

    index, _ = build(lambda: compact(faiss.IndexFlatIP(dim), gallery, how), gallery)
    return index


def test_pca_to_the_full_dimension_gives_the_flat_result_back():
    gallery, query, labels = clustered_embeddings()
    found = flat_at(32, BY_PCA, gallery).search(query, 10)[1]
    assert np.array_equal(found, exact_neighbours(gallery, query))
    rows = retrieval_table(gallery, query, labels, index_specs(["flat", "sq8"]), [("full", 32), ("d32", 32)], (), Timing(10, 1))
    assert [(row["dims"], row["truncation"], row["recall10"]) for row in rows if row["index"] == "flat"] == [("full", "none", 1.0), ("d32", "pca", 1.0)]


def test_pca_index_finds_the_neighbours_of_the_projection_onto_the_first_principal_axes():
    gallery, query, _ = clustered_embeddings(spread=1.0)
    axes = PCA(n_components=6).fit(gallery).components_  # centred fit; the projection itself goes through the origin
    expected = np.argsort(-(l2_normalize(query @ axes.T) @ l2_normalize(gallery @ axes.T).T), axis=1, kind="stable")[:, :10]
    found = flat_at(6, BY_PCA, gallery).search(query, 10)[1]
    assert (found == expected).mean() > 0.99  # the same lists, up to float ties
    assert not np.array_equal(found, exact_neighbours(gallery, query))  # 6 of 32 dims do lose something


def test_a_prefix_index_searches_the_renormalised_first_features():
    gallery, query, _ = clustered_embeddings()
    assert np.array_equal(flat_at(8, PREFIX, gallery).search(query, 10)[1], exact_neighbours(l2_normalize(gallery[:, :8]), l2_normalize(query[:, :8])))


def test_nested_models_are_cut_to_prefixes_others_by_pca():
    assert truncation((8, 16, 32)) == PREFIX and truncation(()) == BY_PCA
    gallery, query, labels = clustered_embeddings()
    rows = retrieval_table(gallery, query, labels, index_specs(["flat"]), [("full", 32), ("dim99", 8)], (8, 32), Timing(10, 1))
    assert [row["truncation"] for row in rows] == ["none", "prefix"]
    assert rows[1]["bytes"] == 4 * 8
