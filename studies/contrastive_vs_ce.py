"""Study 5: contrastive (triplet, random triplets) against classification (cross-entropy;
the embedding is the layer before the classifier), the same encoder, data and budget,
with many and with 15 training images per class: K-means accuracy and NMI (and 5-NN) of
the test embeddings, over 3 seeds.

Only the baseline role is needed (the encoder trained with the loss, no head), so the
runs stop at ``evaluate@baseline``; both losses train from the same initial weights
(``common.FROM_SCRATCH``).

    python -m studies.contrastive_vs_ce              # Fashion-MNIST, this CPU
    python -m studies.contrastive_vs_ce --original   # Oxford pets, ImageNet ConvNeXt-tiny (GPU)
"""

from studies import common, figures, tables

METRICS = [{"name": "knn", "k": 5}, "nmi", "kmeans_accuracy"]
PUBLISHED = {  # Oxford pets, K-means accuracy (%): classification, contrastive
    "full": (88.97, 96.01),
    "15 per class": (55.41, 82.43),
}
LOSSES = ("triplet", "ce")


def _grid(regimes):
    """``regimes``: {samples per class: fine-tuning epochs}; every loss in each."""
    return [{"prepare.samples_per_class": count, "train.epochs": epochs, "loss.name": loss}
            for count, epochs in regimes.items() for loss in LOSSES]


def settings(mode):
    shared = {**common.FROM_SCRATCH, "loss": {"name": "triplet"}, "evaluate.metrics": METRICS}
    if mode == "offline":
        # 200 per class stands in for the full set (54,000 images would take an hour a run
        # here); 15 per class is the published low-data regime. Batch 64: 32 steps an
        # epoch with 200 per class, 3 with 15, so the low-data runs get more epochs.
        params = {**common.FASHION_MNIST, **shared, "prepare.val_fraction": 0.02}  # 1,200 validation images
        grid = _grid({200: 10, 15: 40})
    elif mode == "original":
        params = {**shared, "dataset": "oxford_pets", "encoder": {"name": "convnext_tiny", "pretrained": True},
                  "augment": {"name": "basic", "flip": True}, "train.batch_size": 32, "train.lr": 0.0001}  # ImageNet weights
        grid = _grid({None: 30, 15: 100})
    else:
        params = {**common.TINY, **shared}
        grid = _grid({15: 2})
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    return common.Study("contrastive_vs_ce", params, grid, seeds, targets=("evaluate@baseline",))


def tabulate(study, directory, results, exp_show, curves):
    tables.write(results, "convergence", tables.convergence(tables.encoder_epochs(curves), "setting"))
    runs = tables.runs(exp_show, directory, roles=("baseline",))
    columns = ["baseline.kmeans_accuracy", "baseline.nmi", "baseline.knn_accuracy"]
    table = tables.summary(runs, ["prepare.samples_per_class", "loss.name"], columns)
    tables.write(results, "contrastive_vs_ce", table)
    series = {loss: ([str(c) for c in rows["prepare.samples_per_class"]], rows["baseline.kmeans_accuracy mean"].tolist(),
                     rows["baseline.kmeans_accuracy std"].fillna(0).tolist())
              for loss, rows in table.groupby("loss.name")}
    title = "K-means accuracy of the test embeddings (mean ± std over seeds)"
    figures.save(results, "kmeans_accuracy", figures.bars_png(series, "training images per class", "K-means accuracy", title),
                 figures.bars_html(series, "training images per class", "K-means accuracy", title))


if __name__ == "__main__":
    common.main(__doc__, settings, common.VALIDATION_CURVES, tabulate)
