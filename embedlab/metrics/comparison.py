"""Model vs baseline (METHODS.md): compactness ratio = baseline dim99 / model dim99,
robustness ratio = baseline RMSE / model RMSE, accuracy retention = model 5-NN /
baseline 5-NN. Above 1 is better for the two ratios."""

from embedlab.errors import EmbedlabError

NEEDED = ("knn_accuracy", "dim99", "rmse")


def compare(baseline, model):
    for name, metrics in (("baseline", baseline), ("model", model)):
        missing = [key for key in NEEDED if key not in metrics]
        if missing:
            raise EmbedlabError(
                f"the {name} metrics lack {', '.join(missing)}; keep knn, compactness and robustness in evaluate.metrics"
            )
    return {
        "compactness_ratio": _ratio(baseline["dim99"], model["dim99"]),
        "robustness_ratio": _ratio(baseline["rmse"], model["rmse"]),
        "accuracy_retention": _ratio(model["knn_accuracy"], baseline["knn_accuracy"]),
    }


def _ratio(numerator, denominator):
    """None (JSON null) where the ratio is undefined, e.g. a zero reconstruction error."""
    return numerator / denominator if denominator else None
