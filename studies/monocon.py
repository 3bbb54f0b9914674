"""Study 1: MonoCon (monotonic head) against the fine-tuned baseline (no head) and the
standard-MLP ablation (the same head, unconstrained weights), over 3 seeds.

Reports 5-NN accuracy, 99%-variance dimension and reconstruction RMSE of each role at
the checkpoint chosen by validation 5-NN, the compactness and robustness ratios and the
accuracy retention against the same seed's baseline; draws the validation dimension per
epoch (the training dynamics) and the compactness-accuracy frontier over epochs.

    python -m studies.monocon              # Fashion-MNIST subset, this CPU (~30 min)
    python -m studies.monocon --original   # CIFAR-100, ResNet-34, 200 epochs (GPU)
"""

from studies import common, figures, tables

METRICS = [{"name": "knn", "k": 5}, "compactness", "robustness", common.ACCURACY_AT_D]
# Up to 25 fine-tuning epochs, stopped when validation 5-NN has not improved for 5:
# compactness rewards an under-trained monotonic head, so the ratios are taken at convergence.
CONVERGED = {"train.epochs": 25, "train.patience": 5}
RETRIEVAL_DIMS = [4, 8, 16, 32, 64]  # compact dims of the retrieval stage (study 7's recall@10 against bytes)
HEADLINE = [f"{role}.{metric}" for metric in ("knn_accuracy", "dim99", "rmse") for role in ("baseline", "model")] + [
    "compactness_ratio", "robustness_ratio", "accuracy_retention", "compactness_ratio_note", "robustness_ratio_note"]


def settings(mode):
    params = {
        "offline": {**common.FASHION_MNIST, **CONVERGED, "evaluate.metrics": METRICS, "retrieval.dims": RETRIEVAL_DIMS},
        "original": common.MONOCON_ORIGINAL,
        "tiny": {**common.TINY, "evaluate.metrics": METRICS},
    }[mode]
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    return common.Study("monocon", params, [{"head": "monotonic"}, {"head": "mlp"}], seeds, targets=("compare",))


def epochs_frame(curves, paths=common.VALIDATION_CURVES):
    """:func:`studies.tables.validation_epochs` per arm: ``baseline`` (one per seed: both
    heads' runs share it) and each head."""
    frame = tables.validation_epochs(curves, paths)
    frame["arm"] = frame["head"].where(frame["role"] == "model", "baseline")
    return frame.drop_duplicates(["arm", "base.seed", "epoch"])


def plot_training(frame, results, score="val_knn_accuracy", label="validation 5-NN accuracy"):
    per_epoch = frame.groupby(["arm", "epoch"])[[score, "val_dim99"]].agg(["mean", "std"]).fillna(0)
    dims, frontier = {}, {}
    for arm, rows in per_epoch.groupby(level="arm"):
        epochs = rows.index.get_level_values("epoch").tolist()
        dims[arm] = (epochs, rows[("val_dim99", "mean")].tolist(), rows[("val_dim99", "std")].tolist())
        frontier[arm] = (rows[("val_dim99", "mean")].tolist(), rows[(score, "mean")].tolist(),
                         [f"epoch {e}" for e in epochs])
    title = "99%-variance dimension per epoch (validation; mean ± std over seeds)"
    figures.save(results, "dynamics", figures.band_png(dims, "epoch", "PCA dims for 99% variance", title),
                 figures.band_html(dims, "epoch", "PCA dims for 99% variance", title))
    title = "Compactness-accuracy frontier over training (mean over seeds, one point per epoch)"
    figures.save(results, "frontier",
                 figures.paths_png(frontier, "PCA dims for 99% variance", label, title),
                 figures.paths_html(frontier, "PCA dims for 99% variance", label, title))
    per_epoch.columns = ["_".join(column) for column in per_epoch.columns]
    per_epoch.reset_index().to_csv(results / "epochs.csv", index=False)


def headline_table(runs):
    """Per head: both roles' figures and the ratios (mean of per-seed ratios ± std), with
    the ratio of the means beside them."""
    table = tables.summary(runs, ["head"], HEADLINE)
    for ratio, metric in (("compactness", "dim99"), ("robustness", "rmse")):
        table[f"{ratio} (ratio of means)"] = table[f"baseline.{metric} mean"] / table[f"model.{metric} mean"]
    return table


def tabulate(study, directory, results, exp_show, curves):
    frame = epochs_frame(curves)
    plot_training(frame, results)
    tables.write(results, "convergence", tables.convergence(frame, "arm"))
    tables.write(results, "monocon", headline_table(tables.runs(exp_show, directory)))


if __name__ == "__main__":
    common.main(__doc__, settings, (*common.VALIDATION_CURVES, common.DIMS_CURVE, common.RETRIEVAL_TABLE), tabulate)
