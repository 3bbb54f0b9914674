"""Model vs baseline (METHODS.md): compactness ratio = baseline dim99 / model dim99,
robustness ratio = baseline RMSE / model RMSE, accuracy retention = model accuracy /
baseline accuracy (5-NN; for text, STS-B Spearman when evaluate reports it). Above 1 is
better for the two ratios.

A degenerate ratio is not a result: it is null (JSON) with a ``<ratio>_note`` saying why.
- Robustness is undefined when either role's RMSE is (near) 0: its dim99 equals the
  embedding dimension, so the reconstruction is exact by construction, or the embedding
  has collapsed (nearly every point the same).
- Below ``RETENTION_FLOOR`` of the baseline's accuracy, a smaller or "more robust"
  embedding is a collapse, not a gain: the compactness and robustness ratios are null,
  their note gives the retention and the ratio they would have had.
"""

from embedlab.errors import EmbedlabError

RETENTION_FLOOR = 0.9  # accuracy retention below which compactness and robustness ratios are a collapse
RMSE_EPSILON = 1e-6  # a reconstruction RMSE below this counts as 0
ACCURACY_KEYS = ("stsb_spearman_test", "knn_accuracy")  # the first one a role reports is its headline accuracy
ROLE_KEYS = ("dim99", "rmse")


def accuracy_key(metrics):
    return next((key for key in ACCURACY_KEYS if key in metrics), ACCURACY_KEYS[-1])


def headline(baseline, model):
    """The figures that say whether the model is better: per role its accuracy, dim99 and
    RMSE, then the ratios (and notes) of :func:`compare`. What metrics/headline.json holds."""
    _check(baseline, model)
    keys = (accuracy_key(baseline), *ROLE_KEYS)
    return {"baseline": {k: baseline[k] for k in keys}, "model": {k: model[k] for k in keys}, **compare(baseline, model)}


def compare(baseline, model):
    """The three ratios; a degenerate one is None with a ``<name>_note``."""
    _check(baseline, model)
    accuracy = accuracy_key(baseline)
    ratios = {
        "compactness_ratio": _ratio(baseline["dim99"], model["dim99"]),
        "robustness_ratio": _ratio(baseline["rmse"], model["rmse"]),
        "accuracy_retention": _ratio(model[accuracy], baseline[accuracy]),
    }
    notes = {}
    reason = exact_reconstruction(baseline, "baseline") or exact_reconstruction(model, "model")
    if reason:
        ratios["robustness_ratio"], notes["robustness_ratio_note"] = None, f"undefined: {reason}"
    retention = ratios["accuracy_retention"]
    if retention is not None and retention < RETENTION_FLOOR:
        for name in ("compactness_ratio", "robustness_ratio"):
            if ratios[name] is not None:
                notes[f"{name}_note"] = f"collapse, not a gain: retention {retention:.3g} < floor {RETENTION_FLOOR} (ratio {ratios[name]:.3g})"
                ratios[name] = None
    return {**ratios, **notes}


def compare_figures(figures):
    """The ratios and notes of a headline, without the per-role figures."""
    return {key: value for key, value in figures.items() if not isinstance(value, dict)}


def exact_reconstruction(metrics, role):
    """Why a role's RMSE is 0 (None when it is not): full dimension, or a collapse."""
    if metrics["rmse"] >= RMSE_EPSILON:
        return None
    dim = metrics.get("embedding_dim")
    if dim is not None and metrics["dim99"] >= dim:
        return f"{role} dim99 = embedding dim {dim} (RMSE 0 by construction)"
    return f"{role} RMSE {metrics['rmse']:.2g} ~ 0 (collapsed embedding)"


def _check(baseline, model):
    for name, metrics in (("baseline", baseline), ("model", model)):
        missing = [key for key in ROLE_KEYS if key not in metrics]
        if not any(key in metrics for key in ACCURACY_KEYS):
            missing.insert(0, " or ".join(ACCURACY_KEYS))
        if missing:
            raise EmbedlabError(
                f"the {name} metrics lack {', '.join(missing)}; keep knn, compactness and robustness in evaluate.metrics"
            )


def _ratio(numerator, denominator):
    """None (JSON null) where the ratio is undefined, e.g. a zero denominator."""
    return numerator / denominator if denominator else None
