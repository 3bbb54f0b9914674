"""Where each stage reads and writes (the outs declared in dvc.yaml)."""

from pathlib import Path

PREPARED = Path("data/prepared")
EMBEDDINGS = Path("data/embeddings")
MODELS = Path("models")
METRICS = Path("metrics")
PLOTS = Path("plots")
ROLES = ("baseline", "model")
RUN_INFO = "run.json"  # in models/<stage>/: the training's device and wall time (of its last process, when resumed)
HEADLINE = METRICS / "headline.json"  # the compare stage's figures: what `dvc exp show` lists


def live_dir(role):
    """dvclive's folder for one training run: metrics.json and plots/metrics/*.tsv."""
    return METRICS / "train" / role
