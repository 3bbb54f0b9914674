"""Training curves per epoch: loss, the validation score (5-NN accuracy; for sentence
pairs STS Spearman or in-pair retrieval), 99%-variance dimension."""

from embedlab.plots.panels import panels_html, panels_png

PANELS = (("loss", "training loss"), ("val_knn_accuracy", "validation 5-NN accuracy"), ("val_spearman", "validation STS Spearman"),
          ("val_pair_retrieval", "validation in-pair retrieval"), ("val_dim99", "99%-variance dimension"))


def _by_epoch(histories):
    """{role: {metric: (steps, values)}} -> the same with epochs counted from 1."""
    return {role: {metric: ([s + 1 for s in steps], values) for metric, (steps, values) in curves.items()}
            for role, curves in histories.items()}


def training_curves_png(histories):
    """``histories``: {role: {metric: (steps, values)}}."""
    return panels_png(PANELS, _by_epoch(histories), "epoch")


def training_curves_html(histories):
    return panels_html(PANELS, _by_epoch(histories), "epoch", "Training curves")
