import pytest

from embedlab.errors import EmbedlabError
from embedlab.metrics.comparison import RETENTION_FLOOR, compare, headline


def test_ratios_as_monocon_defines_them():
    baseline = {"knn_accuracy": 0.8, "dim99": 90, "rmse": 0.03}
    model = {"knn_accuracy": 0.792, "dim99": 10, "rmse": 0.02}
    assert compare(baseline, model) == pytest.approx(
        {"compactness_ratio": 9.0, "robustness_ratio": 1.5, "accuracy_retention": 0.99}
    )


def test_full_dimension_makes_robustness_undefined_with_its_reason():
    # a 2-D triplet run: the baseline needs both dims for 99%, so its RMSE is 0 by construction
    baseline = {"knn_accuracy": 0.9, "dim99": 2, "embedding_dim": 2, "rmse": 0.0}
    model = {"knn_accuracy": 0.9, "dim99": 1, "embedding_dim": 2, "rmse": 0.01}
    ratios = compare(baseline, model)
    assert ratios["robustness_ratio"] is None  # not 0.0
    assert ratios["robustness_ratio_note"] == "undefined: baseline dim99 = embedding dim 2 (RMSE 0 by construction)"
    assert ratios["compactness_ratio"] == 2.0 and "compactness_ratio_note" not in ratios


def test_collapsed_model_is_flagged_not_a_gain():
    # a 15-per-class CE run: the model's head collapsed (RMSE ~0, 37 "dims" of noise, retention 0.33)
    baseline = {"knn_accuracy": 0.6, "dim99": 9, "embedding_dim": 128, "rmse": 0.01}
    model = {"knn_accuracy": 0.2, "dim99": 3, "embedding_dim": 128, "rmse": 1e-8}
    ratios = compare(baseline, model)
    assert ratios["accuracy_retention"] == pytest.approx(1 / 3)
    assert ratios["robustness_ratio"] is None and ratios["compactness_ratio"] is None
    assert ratios["robustness_ratio_note"] == "undefined: model RMSE 1e-08 ~ 0 (collapsed embedding)"
    assert ratios["compactness_ratio_note"] == f"collapse, not a gain: retention 0.333 < floor {RETENTION_FLOOR} (ratio 3)"


def test_retention_floor_applies_to_both_ratios_and_only_below_it():
    baseline = {"knn_accuracy": 1.0, "dim99": 9, "rmse": 0.02}
    at_floor = compare(baseline, {"knn_accuracy": RETENTION_FLOOR, "dim99": 3, "rmse": 0.01})
    assert at_floor["compactness_ratio"] == 3.0 and at_floor["robustness_ratio"] == 2.0
    below = compare(baseline, {"knn_accuracy": 0.5, "dim99": 3, "rmse": 0.01})
    assert below["compactness_ratio"] is None and below["robustness_ratio"] is None
    assert below["robustness_ratio_note"].endswith("(ratio 2)")


def test_headline_holds_each_roles_figures_then_the_ratios():
    baseline = {"knn_accuracy": 0.8, "dim99": 8, "rmse": 0.04, "map_at_r": 0.7}
    model = {"knn_accuracy": 0.8, "dim99": 2, "rmse": 0.02, "map_at_r": 0.6}
    figures = headline(baseline, model)
    assert list(figures) == ["baseline", "model", "compactness_ratio", "robustness_ratio", "accuracy_retention"]
    assert figures["model"] == {"knn_accuracy": 0.8, "dim99": 2, "rmse": 0.02}


def test_text_runs_use_spearman_in_place_of_5nn():
    baseline = {"stsb_spearman_test": 0.8, "knn_accuracy": 0.1, "dim99": 300, "rmse": 0.02}
    model = {"stsb_spearman_test": 0.76, "knn_accuracy": 0.1, "dim99": 100, "rmse": 0.01}
    figures = headline(baseline, model)
    assert figures["model"] == {"stsb_spearman_test": 0.76, "dim99": 100, "rmse": 0.01}
    assert figures["accuracy_retention"] == pytest.approx(0.95)


def test_missing_metrics_are_named():
    with pytest.raises(EmbedlabError, match="rmse"):
        compare({"knn_accuracy": 1, "dim99": 3}, {"knn_accuracy": 1, "dim99": 3, "rmse": 0.1})
    with pytest.raises(EmbedlabError, match="knn_accuracy"):
        compare({"dim99": 3, "rmse": 0.1}, {"dim99": 3, "rmse": 0.1})
