import pytest

from embedlab.errors import EmbedlabError
from embedlab.metrics.comparison import compare


def test_ratios_as_monocon_defines_them():
    baseline = {"knn_accuracy": 0.8, "dim99": 90, "rmse": 0.03}
    model = {"knn_accuracy": 0.792, "dim99": 10, "rmse": 0.02}
    assert compare(baseline, model) == pytest.approx(
        {"compactness_ratio": 9.0, "robustness_ratio": 1.5, "accuracy_retention": 0.99}
    )


def test_undefined_ratio_is_null():
    metrics = {"knn_accuracy": 1.0, "dim99": 4, "rmse": 0.0}
    assert compare(metrics, metrics)["robustness_ratio"] is None


def test_missing_metrics_are_named():
    with pytest.raises(EmbedlabError, match="rmse"):
        compare({"knn_accuracy": 1, "dim99": 3}, {"knn_accuracy": 1, "dim99": 3, "rmse": 0.1})
