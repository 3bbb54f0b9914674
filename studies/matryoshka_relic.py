"""Study 2: Matryoshka nesting with ReLIC, self-supervised (no label is seen in training
or checkpoint choice): linear-probe (and 5-NN) accuracy of the first d features at every
nested d, against the same model trained without nesting and truncated by PCA, over 3
seeds.

Only the baseline role is needed (the encoder trained with ReLIC from its initial
weights, no head): the runs stop at ``evaluate@baseline``.

    python -m studies.matryoshka_relic              # digits, this CPU
    python -m studies.matryoshka_relic --original   # CIFAR-10, ResNet-18, 400 epochs (GPU)
"""

import pandas as pd

from studies import common, figures, tables

METRICS = [{"name": "knn", "k": 5}, "linear_probe", common.ACCURACY_AT_D]
PUBLISHED = {8: 72.7, 16: 78.1, 32: 82.4, 64: 83.1, 128: 83.3, 256: 84.2, 512: 84.19}  # CIFAR-10, probe top-1 %


def settings(mode):
    shared = {**common.FROM_SCRATCH, "loss": {"name": "relic", "alpha": 1.0, "gamma": 0.9, "max_scale": 5.0},
              "evaluate.metrics": METRICS}
    if mode == "offline":
        params, dims = {**shared, "dataset": "digits", "train.epochs": 30}, [8, 16, 32, 64, 128]
    elif mode == "original":
        params = {**shared, "dataset": "cifar10", "encoder": {"name": "resnet18", "pretrained": False, "cifar_stem": True},
                  "augment": {"name": "simclr", "min_scale": 0.08, "jitter": 0.5, "blur": False},
                  "train.epochs": 400, "train.batch_size": 256}
        dims = [8, 16, 32, 64, 128, 256, 512]
    else:
        params, dims = {**common.TINY, **shared}, [8, 16, 32, 64, 128]
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    grid = [{"matryoshka_dims": dims}, {"matryoshka_dims": []}]
    return common.Study("matryoshka_relic", params, grid, seeds, targets=("evaluate@baseline",), labels=("nested", "flat"))


def accuracy_by_dim(curves):
    """Rows of the dims curve (baseline role): setting, seed, d, 5-NN and probe accuracy."""
    frame = pd.DataFrame(curves[common.DIMS_CURVE])
    frame = frame[frame["role"] == "baseline"].copy()
    frame["setting"] = frame["experiment"].map(common.setting_of)
    return frame.astype({"dim": int, "knn_accuracy": float, "linear_probe_accuracy": float})


def tabulate(study, directory, results, exp_show, curves):
    frame = accuracy_by_dim(curves)
    table = tables.summary(frame, ["dim", "setting"], ["linear_probe_accuracy", "knn_accuracy"])
    table["published probe % (CIFAR-10, nested)"] = table["dim"].map(PUBLISHED)
    tables.write(results, "matryoshka_relic", table)
    labels = {"nested": "nested (prefix z[:, :d])", "flat": "no nesting (first d PCA coordinates)"}
    series = {labels[s]: (rows["dim"].tolist(), rows["linear_probe_accuracy mean"].tolist(),
                          rows["linear_probe_accuracy std"].fillna(0).tolist()) for s, rows in table.groupby("setting")}
    title = "ReLIC, self-supervised: linear probe on the first d features (mean ± std over seeds)"
    figures.save(results, "accuracy_by_dim", figures.band_png(series, "d", "linear-probe accuracy", title, log_x=True),
                 figures.band_html(series, "d", "linear-probe accuracy", title, log_x=True))


if __name__ == "__main__":
    common.main(__doc__, settings, (common.DIMS_CURVE,), tabulate)
