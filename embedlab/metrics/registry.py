from dataclasses import dataclass

from embedlab.errors import ConfigError
from embedlab.registry import Registry, Spec

METRICS = Registry("metric")
# What a text model can be scored on: its sentence pairs are their own classes, so no
# class of the test pairs is in the gallery and label-based metrics have nothing to find.
LABEL_FREE = ("compactness", "robustness", "disentanglement", "effective_rank", "participation_ratio")
TEXT_ONLY = ("stsb_spearman",)


@dataclass(frozen=True)
class Curve:
    """A metric's curve (rows of one point each, the same keys in every row): it goes to
    DVC plot data (``plots/data/<role>/<name>.csv``), not to the metrics JSON."""

    rows: list


def evaluate_metrics(context, specs, key="evaluate.metrics"):
    """Run each metric named in ``specs`` on ``context``; merge their results."""
    results = {}
    for index, value in enumerate(specs):
        results.update(METRICS.build(Spec.parse(value, f"{key}[{index}]"), f"{key}[{index}]", context))
    return results



def check_neighbour_counts(specs, gallery_size, key="evaluate.metrics"):
    """Metrics name their neighbour counts ``k`` (an int) or ``ks`` (a list); none may
    exceed the gallery. Checked before anything is embedded."""
    for index, value in enumerate(specs):
        item_key = f"{key}[{index}]"
        options = METRICS.resolve(Spec.parse(value, item_key), item_key)
        for name in ("k", "ks"):
            counts = options.get(name)
            counts = counts if isinstance(counts, list) else [counts]
            if any(isinstance(c, int) and c > gallery_size for c in counts):
                raise ConfigError(f"{item_key}.{name}", options[name], f"at most {gallery_size} (the gallery: training split)")


def check_modality(specs, text, key="evaluate.metrics"):
    """One line, before any work, for a metric the model's modality cannot be scored on:
    label-based metrics for a text model, STS-B Spearman for an image model."""
    allowed = (*TEXT_ONLY, *LABEL_FREE) if text else [name for name in METRICS.names() if name not in TEXT_ONLY]
    for index, value in enumerate(specs):
        name = Spec.parse(value, f"{key}[{index}]").name
        if name not in allowed:
            model = "a text encoder" if text else "an image encoder"
            raise ConfigError(f"{key}[{index}]", name, f"a metric for {model}: {', '.join(allowed)}")
