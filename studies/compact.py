"""Study 7: compact embeddings head to head, the same encoder, data and budget: accuracy
against embedding dimension d for the fine-tuned baseline truncated by PCA, MonoCon
(monotonic head) truncated by PCA, and a Matryoshka model's prefixes, over 3 seeds.

The first two are study 1's runs (``studies/results/monocon/*_runs.csv``: run
``python -m studies.monocon`` first); this study runs the Matryoshka arm with study 1's
settings plus ``matryoshka_dims``. The retrieval half puts the three arms' faiss
indexes (the retrieval stage: every index kind at the full dimension and at the compact
dims, Matryoshka prefixes or PCA) on one plane: recall@10 and 5-NN accuracy against
bytes per vector, each arm's frontier (the best figure at that many bytes or fewer).

    python -m studies.compact              # Fashion-MNIST subset, this CPU
    python -m studies.compact --original   # CIFAR-100, ResNet-34 (GPU)
"""

import pandas as pd

from studies import common, figures, monocon, tables

NESTED = [8, 16, 32, 64, 128]


def settings(mode):
    study1 = monocon.settings(mode)
    dims = [8, 16, 32, 64, 128, 256, 512] if mode == "original" else NESTED  # ResNet-34: 512-d
    grid = [{"matryoshka_dims": dims}]
    return common.Study("compact", study1.params, grid, study1.seeds, targets=("retrieval@baseline",), labels=("matryoshka",))


def arms(nested_rows, study1_rows, keys, columns):
    """The three arms' rows of one kind of table (``keys`` identify a row of a run's
    table): the Matryoshka run's, and study 1's baseline (once per seed: both heads'
    runs share it) and monotonic model, with ``arm``, ``base.seed``, ``keys``, ``columns``."""
    nested = nested_rows[nested_rows["role"] == "baseline"].assign(arm="Matryoshka (prefix)")
    flat = study1_rows[study1_rows["role"] == "baseline"].drop_duplicates(["base.seed", *keys]).assign(arm="baseline (PCA)")
    monotonic = study1_rows[(study1_rows["role"] == "model") & (study1_rows["head"] == "monotonic")].assign(arm="MonoCon (PCA)")
    frame = pd.concat([flat, monotonic, nested])[["arm", "base.seed", *keys, *columns]]
    return frame.astype(dict.fromkeys(columns, float))


def study1_rows(template):
    source = common.runs_file(common.RESULTS / "monocon", template)
    if not source.exists():
        raise SystemExit(f"{source} is missing: run `python -m studies.monocon` first (the PCA arms are its runs)")
    return pd.read_csv(source)


def accuracy_by_dim(curves, results):
    frame = arms(pd.DataFrame(curves[common.DIMS_CURVE]), study1_rows(common.DIMS_CURVE), ["dim"],
                 ["knn_accuracy", "linear_probe_accuracy"]).astype({"dim": int})
    table = tables.summary(frame, ["dim", "arm"], ["knn_accuracy", "linear_probe_accuracy"])
    tables.write(results, "compact", table)
    series = {arm: (rows["dim"].tolist(), rows["knn_accuracy mean"].tolist(), rows["knn_accuracy std"].fillna(0).tolist())
              for arm, rows in table.groupby("arm", sort=False)}
    title = "5-NN accuracy of the first d features (mean ± std over seeds)"
    figures.save(results, "accuracy_by_dim", figures.band_png(series, "d", "5-NN accuracy", title, log_x=True),
                 figures.band_html(series, "d", "5-NN accuracy", title, log_x=True))


def frontier(rows, metric):
    """The rows (sorted by bytes) that reach a higher ``metric`` mean than every row
    with as few bytes or fewer: what the best index of this arm gives at each size."""
    best, kept = float("-inf"), []
    for _, row in rows.sort_values(["bytes mean", f"{metric} mean"], ascending=[True, False]).iterrows():
        if row[f"{metric} mean"] > best:
            best = row[f"{metric} mean"]
            kept.append(row)
    return pd.DataFrame(kept)


def retrieval_by_bytes(curves, results):
    """Recall@10 (against the same model's exact search at full width) and 5-NN accuracy
    against bytes per vector, per arm, index kind and dimension (mean ± std over seeds).
    The ``dim99`` rows are left out: their dimension differs from seed to seed."""
    frame = arms(pd.DataFrame(curves[common.RETRIEVAL_TABLE]), study1_rows(common.RETRIEVAL_TABLE),
                 ["index", "dims"], ["dim", "bytes", "recall10", "knn"])
    frame = frame[frame["dims"] != "dim99"]
    table = tables.summary(frame, ["arm", "index", "dims"], ["dim", "bytes", "recall10", "knn"])
    tables.write(results, "retrieval", table)
    fronts = {metric: {arm: frontier(rows, metric) for arm, rows in table.groupby("arm", sort=False)}
              for metric in ("recall10", "knn")}
    tables.write(results, "retrieval_frontier", pd.concat(
        [front.assign(frontier=metric) for metric, by_arm in fronts.items() for front in by_arm.values()]))
    for metric, label in (("recall10", "recall@10 (against exact search, full width)"), ("knn", "5-NN accuracy")):
        series = {arm: (front["bytes mean"].tolist(), front[f"{metric} mean"].tolist(),
                        (front["index"] + " " + front["dims"]).tolist()) for arm, front in fronts[metric].items()}
        title = f"Best {label} at a size (frontier over faiss indexes and dims; mean over seeds)"
        figures.save(results, f"{metric}_by_bytes", figures.paths_png(series, "bytes per vector", label, title, log_x=True),
                     figures.paths_html(series, "bytes per vector", label, title, log_x=True))


def tabulate(study, directory, results, exp_show, curves):
    accuracy_by_dim(curves, results)
    retrieval_by_bytes(curves, results)


if __name__ == "__main__":
    common.main(__doc__, settings, (common.DIMS_CURVE, common.RETRIEVAL_TABLE), tabulate)
