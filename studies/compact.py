"""Study 7: compact embeddings head to head, the same encoder, data and budget: accuracy
against embedding dimension d for the fine-tuned baseline truncated by PCA, MonoCon
(monotonic head) truncated by PCA, and a Matryoshka model's prefixes, over 3 seeds.

The first two are study 1's runs (``studies/results/monocon/dims_runs.csv``: run
``python -m studies.monocon`` first); this study runs the Matryoshka arm with study 1's
settings plus ``matryoshka_dims``. The retrieval half (recall@10 against bytes per
vector) needs the retrieval stage (issue 12): without it in ``dvc.yaml`` it is skipped,
and said so.

    python -m studies.compact              # Fashion-MNIST subset, this CPU
    python -m studies.compact --original   # CIFAR-100, ResNet-34 (GPU)
"""

from pathlib import Path

import pandas as pd
import yaml

from studies import common, figures, monocon, tables

NESTED = [8, 16, 32, 64, 128]


def settings(mode):
    study1 = monocon.settings(mode)
    dims = [8, 16, 32, 64, 128, 256, 512] if mode == "original" else NESTED  # ResNet-34: 512-d
    grid = [{"matryoshka_dims": dims}]
    return common.Study("compact", study1.params, grid, study1.seeds, targets=("evaluate@baseline",), labels=("matryoshka",))


def has_retrieval_stage(directory):
    return "retrieval" in yaml.safe_load((directory / "dvc.yaml").read_text())["stages"]


def arms(curves, study1_rows):
    """Rows (arm, seed, dim, knn_accuracy, linear_probe_accuracy) of the three arms."""
    nested = pd.DataFrame(curves[common.DIMS_CURVE])
    nested = nested[nested["role"] == "baseline"].assign(arm="Matryoshka (prefix)")
    flat = study1_rows[study1_rows["role"] == "baseline"].drop_duplicates(["base.seed", "dim"]).assign(arm="baseline (PCA)")
    monotonic = study1_rows[(study1_rows["role"] == "model") & (study1_rows["head"] == "monotonic")].assign(arm="MonoCon (PCA)")
    frame = pd.concat([flat, monotonic, nested])[["arm", "base.seed", "dim", "knn_accuracy", "linear_probe_accuracy"]]
    return frame.astype({"dim": int, "knn_accuracy": float, "linear_probe_accuracy": float})


def tabulate(study, directory, results, exp_show, curves):
    source = common.RESULTS / "monocon" / f"{Path(common.DIMS_CURVE).stem}_runs.csv"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run `python -m studies.monocon` first (the PCA arms are its runs)")
    frame = arms(curves, pd.read_csv(source))
    table = tables.summary(frame, ["dim", "arm"], ["knn_accuracy", "linear_probe_accuracy"])
    tables.write(results, "compact", table)
    series = {arm: (rows["dim"].tolist(), rows["knn_accuracy mean"].tolist(), rows["knn_accuracy std"].fillna(0).tolist())
              for arm, rows in table.groupby("arm", sort=False)}
    title = "5-NN accuracy of the first d features (mean ± std over seeds)"
    figures.save(results, "accuracy_by_dim", figures.band_png(series, "d", "5-NN accuracy", title, log_x=True),
                 figures.band_html(series, "d", "5-NN accuracy", title, log_x=True))
    if not has_retrieval_stage(directory):
        print("compact: no retrieval stage in dvc.yaml (issue 12), so no recall@10 against bytes per vector")


if __name__ == "__main__":
    common.main(__doc__, settings, (common.DIMS_CURVE,), tabulate)
