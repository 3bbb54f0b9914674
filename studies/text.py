"""Study 6: MonoCon on sentences: all-MiniLM-L6-v2 (mean pooling) fine-tuned with SupCon
(temperature 0.05) on sentence pairs, each pair its own class; STS-B Spearman,
compactness and robustness of the monotonic head and the MLP ablation against the
fine-tuned baseline, over 3 seeds.

Needs text support (issue 10: the ``stsb`` / ``snli`` datasets and the ``minilm``
encoder); without it the script stops with one line. Assumed names: dataset ``stsb``
with ``pairs_min_score`` (training pairs scored 4 or more stand in for entailment pairs),
encoder ``minilm``, and the Spearman correlation reported as ``stsb_spearman_test``
(the headline's accuracy for text).

    python -m studies.text              # the shipped STS-B, this CPU
    python -m studies.text --original   # SNLI entailment pairs, scored on STS-B (GPU)
"""

from studies import common, monocon, tables

HEADLINE = [f"{role}.{metric}" for metric in ("stsb_spearman_test", "dim99", "rmse") for role in ("baseline", "model")] + [
    "compactness_ratio", "robustness_ratio", "accuracy_retention", "compactness_ratio_note", "robustness_ratio_note"]


def available():
    """Whether this branch has the text datasets and encoder."""
    from embedlab.data.datasets import DATASETS
    from embedlab.models.encoders import ENCODERS

    return "stsb" in DATASETS.names() and "minilm" in ENCODERS.names()


def settings(mode):
    shared = {"encoder": {"name": "minilm"}, "loss": {"name": "supcon", "temperature": 0.05}, "pretrain.epochs": 0,
              "augment": "none"}
    params = {
        "offline": {**shared, "dataset": {"name": "stsb", "pairs_min_score": 4}, "train.epochs": 3, "warmup.epochs": 1,
                    "train.batch_size": 64, "train.lr": 0.0002},
        "original": {**shared, "dataset": {"name": "snli"}, "train.epochs": 10, "warmup.epochs": 1,
                     "train.batch_size": 256, "train.lr": 0.0002},
        "tiny": {**shared, "dataset": {"name": "stsb", "pairs_min_score": 4}, "train.epochs": 2, "warmup.epochs": 1},
    }[mode]
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    return common.Study("text", params, [{"head": "monotonic"}, {"head": "mlp"}], seeds, targets=("compare",))


def tabulate(study, directory, results, exp_show, curves):
    frame = monocon.epochs_frame(curves)
    tables.write(results, "convergence", tables.convergence(frame, "arm"))
    tables.write(results, "text", tables.summary(tables.runs(exp_show, directory), ["head"], HEADLINE))


if __name__ == "__main__":
    if not available():
        raise SystemExit("studies.text needs text support (issue 10: datasets stsb/snli, encoder minilm), which this branch lacks")
    common.main(__doc__, settings, common.VALIDATION_CURVES, tabulate)
