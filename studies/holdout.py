"""Study 4: several losses at once, with a miner, and classes held out of training (the
three-stage DML thesis): weighted SupCon + multi-similarity (with its miner) against
each loss alone, the same encoder and budget. Precision@1, R-precision and MAP@R among
the unseen classes (leave-one-out retrieval), and on the seen classes' test split, over
3 seeds; a UMAP picture of seen and unseen classes. The encoder trains from its initial
weights with each loss (``common.FROM_SCRATCH``) and is evaluated alone (baseline role).

    python -m studies.holdout              # digits, 7, 8 and 9 held out, this CPU
    python -m studies.holdout --original   # CIFAR-100 with 20 classes held out, EfficientNet-B0 (GPU)
"""

import json

import numpy as np

from embedlab.plots.embedding_map import embedding_map_html, embedding_map_png, per_class_sample, reduce
from studies import common, figures, tables

METRICS = ["precision_at_1", "r_precision", "map_at_r", {"name": "knn", "k": 5}]
MIX = [{"name": "supcon", "temperature": 0.1, "weight": 1}, {"name": "multisimilarity", "weight": 3}]
LOSSES = {"mix": MIX, "supcon": {"name": "supcon", "temperature": 0.1}, "multisimilarity": {"name": "multisimilarity"}}
RETRIEVAL = ["precision_at_1", "r_precision", "map_at_r"]


def settings(mode):
    shared = {**common.FROM_SCRATCH, "evaluate.metrics": METRICS}
    params = {
        "offline": {**shared, "dataset": "digits", "prepare.holdout_classes": [7, 8, 9], "train.epochs": 40, "train.patience": 5},
        "original": {**shared, "dataset": "cifar100", "prepare.holdout_classes": list(range(80, 100)),
                     "encoder": {"name": "efficientnet_b0", "pretrained": True}, "train.lr": 0.0002,
                     "train.epochs": 50, "augment": {"name": "trivialaugment", "flip": True, "erasing": 0.25}},
        "tiny": {**common.TINY, **shared, "prepare.holdout_classes": [8, 9]},
    }[mode]
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    grid = [{"loss": loss} for loss in LOSSES.values()]
    return common.Study("holdout", params, grid, seeds, targets=("evaluate@baseline",), labels=tuple(LOSSES))


def umap_picture(directory, results, experiment):
    """Seen classes (test split) and unseen ones (holdout) of one run, by UMAP."""
    common.checkout(directory, experiment)
    parts = [common.embed_split(directory, "baseline", split) for split in ("test", "holdout")]
    embeddings, labels = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    keep = per_class_sample(labels, 100)
    names = json.loads((directory / "data/prepared/meta.json").read_text())["classes"]
    unseen = set(np.unique(parts[1][1]).tolist())
    names = [f"{name} (unseen)" if index in unseen else name for index, name in enumerate(names)]
    view = {f"{experiment}: test and holdout classes, UMAP": (reduce(embeddings[keep], 2, "umap"), labels[keep])}
    figures.save(results, "umap", embedding_map_png(view, names), embedding_map_html(view, names))


def tabulate(study, directory, results, exp_show, curves):
    tables.write(results, "convergence", tables.convergence(tables.encoder_epochs(curves), "setting"))
    runs = tables.runs(exp_show, directory, roles=("baseline",))
    columns = [f"baseline.holdout_{name}" for name in RETRIEVAL] + [f"baseline.{name}" for name in RETRIEVAL]
    tables.write(results, "holdout", tables.summary(runs, ["setting"], columns))
    umap_picture(directory, results, f"mix-s{study.seeds[0]}")


if __name__ == "__main__":
    common.main(__doc__, settings, common.VALIDATION_CURVES, tabulate)
