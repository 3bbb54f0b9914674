import numpy as np
import pytest

from embedlab.plots.embedding_map import per_class_sample, reduce


def test_narrow_embeddings_are_padded_not_reduced():
    points = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert reduce(points, 3).tolist() == [[1.0, 2.0, 0.0], [3.0, 4.0, 0.0]]


def test_pca_keeps_the_widest_directions(clusters):
    points, _ = clusters  # three clusters along the first three axes
    flat = reduce(points, 2)
    assert flat.shape == (90, 2)
    centred = points - points.mean(axis=0)
    assert np.sum(flat**2) == pytest.approx(np.sum(np.linalg.svd(centred, compute_uv=False)[:2] ** 2), rel=1e-4)


@pytest.mark.slow  # numba compiles UMAP on first use (about a minute on 2 cores)
def test_umap_reducer_is_seeded(clusters):
    points, _ = clusters
    first, second = reduce(points, 3, "umap", seed=1), reduce(points, 3, "umap", seed=1)
    assert first.shape == (90, 3) and np.allclose(first, second)


def test_per_class_sample_caps_every_class():
    labels = np.array([0] * 10 + [1] * 3)
    keep = per_class_sample(labels, 4, seed=0)
    assert np.bincount(labels[keep]).tolist() == [4, 3]
