"""Model vs baseline (METHODS.md): compactness ratio = baseline dim99 / model dim99,
robustness ratio = baseline RMSE / model RMSE, accuracy retention = model 5-NN /
baseline 5-NN (for text models, without class labels: Spearman retention = model STS-B
test Spearman / baseline's). Above 1 is better for the two ratios."""

from embedlab.errors import EmbedlabError

NEEDED = ("dim99", "rmse")
RETENTION = {"knn_accuracy": "accuracy_retention", "stsb_spearman_test": "spearman_retention"}


def compare(baseline, model):
    quality = next((key for key in RETENTION if key in baseline), "knn_accuracy")
    for name, metrics in (("baseline", baseline), ("model", model)):
        missing = [key for key in (quality, *NEEDED) if key not in metrics]
        if missing:
            raise EmbedlabError(
                f"the {name} metrics lack {', '.join(missing)}; keep knn (stsb_spearman for text), compactness and robustness in evaluate.metrics"
            )
    return {
        "compactness_ratio": _ratio(baseline["dim99"], model["dim99"]),
        "robustness_ratio": _ratio(baseline["rmse"], model["rmse"]),
        RETENTION[quality]: _ratio(model[quality], baseline[quality]),
    }


def _ratio(numerator, denominator):
    """None (JSON null) where the ratio is undefined, e.g. a zero reconstruction error."""
    return numerator / denominator if denominator else None
