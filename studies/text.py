"""Study 6: MonoCon on sentences: all-MiniLM-L6-v2 (mean pooling) fine-tuned with SupCon
(temperature 0.05) on sentence pairs, each pair its own class; STS-B Spearman,
compactness and robustness of the monotonic head against the fine-tuned baseline, over
3 seeds.

Offline, STS-B training pairs scored 4 or more stand in for SNLI's entailment pairs;
the Spearman correlation on STS-B test (``stsb_spearman_test``) is the headline's
accuracy for text, so accuracy retention and the retention floor apply as for images.

    python -m studies.text              # the shipped STS-B, this CPU
    python -m studies.text --original   # SNLI entailment pairs, scored on STS-B (GPU)
"""

import pandas as pd

from studies import common, monocon, tables

METRICS = ["stsb_spearman", "compactness", "robustness"]
HEADLINE = [f"{role}.{metric}" for metric in ("stsb_spearman_test", "dim99", "rmse") for role in ("baseline", "model")] + [
    "compactness_ratio", "robustness_ratio", "accuracy_retention", "compactness_ratio_note", "robustness_ratio_note"]


def settings(mode):
    shared = {"encoder": {"name": "minilm"}, "loss": {"name": "supcon", "temperature": 0.05}, "pretrain.epochs": 0,
              "augment": "none", "evaluate.metrics": METRICS, "evaluate.dynamics_samples": 500}
    params = {
        # 1,406 STS-B training pairs, 2 epochs (the model's first is head-only): a run of
        # both roles takes about 20 minutes on one core here
        "offline": {**shared, "dataset": {"name": "stsb", "pairs_min_score": 4}, "train.epochs": 2, "warmup.epochs": 1,
                    "train.batch_size": 64, "train.lr": 0.0002, "pretrain.eval_gallery_size": 1000,
                    "train.eval_gallery_size": 1000},
        "original": {**shared, "dataset": {"name": "snli"}, "train.epochs": 10, "warmup.epochs": 1,
                     "train.batch_size": 256, "train.lr": 0.0002},
        "tiny": {**shared, "dataset": {"name": "stsb", "pairs_min_score": 4}, "train.epochs": 2, "warmup.epochs": 1},
    }[mode]
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    return common.Study("text", params, [{"head": "monotonic"}], seeds, targets=("compare",))


def tabulate(study, directory, results, exp_show, curves):
    frame = monocon.epochs_frame(curves, common.TEXT_VALIDATION_CURVES)
    monocon.plot_training(frame, results, "val_spearman", "validation Spearman (STS-B dev)")
    tables.write(results, "convergence", tables.convergence(frame, "arm", "val_spearman"))
    tables.write(results, "text", tables.summary(tables.runs(exp_show, directory), ["head"], HEADLINE))
    tables.write(results, "spearman_by_dim", spearman_by_dim(curves))


def spearman_by_dim(curves):
    """STS-B test Spearman of each role's first d PCA coordinates, mean ± std over seeds."""
    rows = pd.DataFrame(curves[common.DIMS_CURVE]).astype({"dim": int, "stsb_spearman_test": float})
    return tables.summary(rows, ["role", "dim"], ["stsb_spearman_test"])


if __name__ == "__main__":
    common.main(__doc__, settings, (*common.TEXT_VALIDATION_CURVES, common.DIMS_CURVE), tabulate)
