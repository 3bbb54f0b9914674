"""The studies' own table code, on hand-made runs and training logs (the runs table
itself is tested in tests/test_runs.py)."""

import math

import pandas as pd
import pytest

from studies import common, compact, matryoshka_relic, monocon, tables, text


def log_rows(experiment, head, seed, role, accuracies, dims):
    tags = {"experiment": experiment, "head": head, "base.seed": seed, "role": role}
    return ([{**tags, "step": str(i), "val_knn_accuracy": str(a)} for i, a in enumerate(accuracies)],
            [{**tags, "step": str(i), "val_dim99": str(d)} for i, d in enumerate(dims)])


def curves(*logs):
    knn, dim = common.VALIDATION_CURVES
    return {knn: [row for log in logs for row in log[0]], dim: [row for log in logs for row in log[1]]}


def test_epochs_frame_keeps_one_baseline_per_seed():
    """Both heads' runs of a seed share its baseline; it is counted once."""
    baseline = ([0.5, 0.6], [9, 8])
    frame = monocon.epochs_frame(curves(
        log_rows("monotonic-s0", "monotonic", 0, "baseline", *baseline), log_rows("monotonic-s0", "monotonic", 0, "model", [0.5, 0.55], [4, 3]),
        log_rows("mlp-s0", "mlp", 0, "baseline", *baseline), log_rows("mlp-s0", "mlp", 0, "model", [0.5, 0.58], [9, 9]),
    ))
    assert frame.groupby("arm").size().to_dict() == {"baseline": 2, "mlp": 2, "monotonic": 2}
    assert frame[frame["arm"] == "monotonic"]["epoch"].tolist() == [1, 2]
    assert frame[frame["arm"] == "monotonic"]["val_dim99"].tolist() == [4.0, 3.0]


def test_convergence_chooses_the_best_epoch_and_measures_the_last_gain():
    frame = monocon.epochs_frame(curves(
        log_rows("monotonic-s0", "monotonic", 0, "model", [0.5, 0.7, 0.72, 0.71, 0.72], [5, 4, 3, 3, 2]),
        log_rows("monotonic-s1", "monotonic", 1, "model", [0.6, 0.8, 0.8, 0.801, 0.8], [5, 4, 4, 3, 3]),
    ))
    table = tables.convergence(frame, "arm").set_index("arm").loc["monotonic"]
    # seed 0: best 0.72 at epochs 3 and 5 -> the later, 5 (dim 2); last three add 0.72 - 0.70 = 0.02
    # seed 1: best 0.801 at epoch 4 (dim 3); last three add 0.801 - 0.8 = 0.001
    assert table["chosen_epoch mean"] == 4.5
    assert table["chosen_epoch std"] == pytest.approx(math.sqrt(0.5))
    assert table["val_knn_accuracy mean"] == pytest.approx((0.72 + 0.801) / 2)
    assert table["val_dim99 mean"] == 2.5
    assert table["last_epochs_gain mean"] == pytest.approx((0.02 + 0.001) / 2)
    assert not table["plateau"]  # seed 0 still gained 0.02


def test_text_convergence_reads_the_dev_spearman_log():
    score, dim = log_rows("monotonic-s0", "monotonic", 0, "model", [0.3, 0.5, 0.52, 0.52, 0.51], [2, 2, 3, 3, 3])
    score = [{**{k: v for k, v in row.items() if k != "val_knn_accuracy"}, "val_spearman": row["val_knn_accuracy"]} for row in score]
    frame = monocon.epochs_frame(dict(zip(common.TEXT_VALIDATION_CURVES, (score, dim))), common.TEXT_VALIDATION_CURVES)
    row = tables.convergence(frame, "arm", "val_spearman").set_index("arm").loc["monotonic"]
    # best 0.52 at epochs 3 and 4 -> 4 (dim 3); the last three add 0.52 - 0.5 = 0.02
    assert (row["chosen_epoch mean"], row["val_spearman mean"], row["val_dim99 mean"]) == (4, 0.52, 3)
    assert row["last_epochs_gain mean"] == pytest.approx(0.02)


def test_headline_table_gives_the_mean_of_ratios_and_the_ratio_of_means():
    runs = pd.DataFrame({
        "head": ["monotonic", "monotonic"],
        "baseline.dim99": [10, 12], "model.dim99": [2, 3],
        "baseline.rmse": [0.02, 0.03], "model.rmse": [0.01, 0.0],
        "compactness_ratio": [5.0, 4.0],
        "robustness_ratio": [2.0, float("nan")],  # seed 1's is undefined (null in the headline)
        "robustness_ratio_note": [None, "undefined: model RMSE 0 ~ 0 (collapsed embedding)"],
    })
    row = monocon.headline_table(runs).set_index("head").loc["monotonic"]
    assert row["compactness_ratio mean"] == 4.5
    assert row["compactness (ratio of means)"] == pytest.approx(11 / 2.5)
    assert row["robustness_ratio mean"] == 2.0
    assert row["robustness_ratio n"] == 1
    assert "collapsed" in row["robustness_ratio_note"]


def dims_rows(experiment, head, seed, role, accuracies, truncation="pca"):
    tags = {"experiment": experiment, "head": head, "base.seed": seed, "role": role, "truncation": truncation}
    return [{**tags, "dim": str(d), "knn_accuracy": str(a), "linear_probe_accuracy": str(a)} for d, a in zip((8, 128), accuracies)]


def test_compact_arms_take_pca_arms_from_study_1_and_prefixes_from_this_study():
    study1 = pd.DataFrame(
        dims_rows("monotonic-s0", "monotonic", 0, "baseline", [0.7, 0.8]) + dims_rows("monotonic-s0", "monotonic", 0, "model", [0.6, 0.75])
        + dims_rows("mlp-s0", "mlp", 0, "baseline", [0.7, 0.8]) + dims_rows("mlp-s0", "mlp", 0, "model", [0.65, 0.79]))
    nested = {common.DIMS_CURVE: dims_rows("matryoshka-s0", "monotonic", 0, "baseline", [0.72, 0.81], "prefix")
              + dims_rows("matryoshka-s0", "monotonic", 0, "model", [0.5, 0.5], "prefix")}
    frame = compact.arms(pd.DataFrame(nested[common.DIMS_CURVE]), study1, ["dim"], ["knn_accuracy"])
    frame = frame.astype({"dim": int}).set_index(["arm", "dim"])["knn_accuracy"]
    assert frame.to_dict() == {("baseline (PCA)", 8): 0.7, ("baseline (PCA)", 128): 0.8, ("MonoCon (PCA)", 8): 0.6,
                               ("MonoCon (PCA)", 128): 0.75, ("Matryoshka (prefix)", 8): 0.72, ("Matryoshka (prefix)", 128): 0.81}


def test_retrieval_frontier_keeps_the_best_figure_at_each_size():
    table = pd.DataFrame({"index": ["flat", "sq8", "pq", "pq", "flat"], "dims": ["full", "full", "d8", "d16", "d8"],
                          "bytes mean": [512.0, 128.0, 8.0, 16.0, 32.0], "recall10 mean": [1.0, 0.97, 0.4, 0.35, 0.9]})
    front = compact.frontier(table, "recall10")
    # pq d16 (16 B, 0.35) is beaten by pq d8 at fewer bytes; the rest each reach a new best
    assert list(zip(front["index"], front["dims"])) == [("pq", "d8"), ("flat", "d8"), ("sq8", "full"), ("flat", "full")]


def test_matryoshka_accuracy_by_dim_keeps_the_baseline_role_by_setting():
    curves = {common.DIMS_CURVE: dims_rows("nested-s0", None, 0, "baseline", [0.9, 0.95], "prefix")
              + dims_rows("flat-s0", None, 0, "baseline", [0.85, 0.95]) + dims_rows("flat-s0", None, 0, "model", [0.1, 0.1])}
    frame = matryoshka_relic.accuracy_by_dim(curves)
    assert frame.groupby("setting")["linear_probe_accuracy"].apply(list).to_dict() == {"flat": [0.85, 0.95], "nested": [0.9, 0.95]}


def test_text_spearman_by_dim_averages_over_seeds_per_role():
    rows = [{"experiment": f"monotonic-s{seed}", "head": "monotonic", "base.seed": seed, "role": role, "dim": str(dim),
             "truncation": "pca", "stsb_spearman_test": str(value)}
            for seed, role, dim, value in [(0, "baseline", 8, 0.70), (1, "baseline", 8, 0.74), (0, "model", 8, 0.30), (1, "model", 8, 0.34)]]
    table = text.spearman_by_dim({common.DIMS_CURVE: rows}).set_index(["role", "dim"])
    assert table.loc[("baseline", 8), "stsb_spearman_test mean"] == pytest.approx(0.72)
    assert table.loc[("model", 8), "stsb_spearman_test std"] == pytest.approx(math.sqrt(0.0008))
