import numpy as np
import pytest

from embedlab.metrics.comparison import compare
from embedlab.metrics.sts import pair_cosines, pair_spearman


def pairs_with_cosines(cosines):
    """Rows 2i, 2i + 1: unit vectors at the angle whose cosine is ``cosines[i]``."""
    rows = []
    for c in cosines:
        rows += [[1.0, 0.0], [c, np.sqrt(1 - c * c)]]
    return 3 * np.array(rows)  # any length: cosine similarity ignores it


def test_pair_cosines():
    assert pair_cosines(pairs_with_cosines([0.9, -0.2])) == pytest.approx([0.9, -0.2])


def test_spearman_by_hand():
    embeddings = pairs_with_cosines([0.9, 0.1, 0.5])
    assert pair_spearman(embeddings, np.repeat([3.0, 1.0, 2.0], 2)) == pytest.approx(1.0)  # same order
    assert pair_spearman(embeddings, np.repeat([1.0, 3.0, 2.0], 2)) == pytest.approx(-1.0)
    # ranks (3, 1, 2) against (3, 2, 1): d^2 = 0 + 1 + 1, rho = 1 - 6 * 2 / (3 * 8) = 0.5
    assert pair_spearman(embeddings, np.repeat([3.0, 2.0, 1.0], 2)) == pytest.approx(0.5)


def test_text_models_compare_on_spearman():
    baseline = {"stsb_spearman_test": 0.8, "dim99": 90, "rmse": 0.03}
    model = {"stsb_spearman_test": 0.78, "dim99": 30, "rmse": 0.02}
    assert compare(baseline, model) == pytest.approx({"compactness_ratio": 3.0, "robustness_ratio": 1.5, "accuracy_retention": 0.975})
