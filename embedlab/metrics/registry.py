from dataclasses import dataclass

from embedlab.errors import ConfigError
from embedlab.registry import Registry, Spec

METRICS = Registry("metric")
# What sentence pairs that are each their own class (STS-B, SNLI) can be scored on: no
# class of the test pairs is in the gallery, so label-based metrics have nothing to find.
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


def check_modality(specs, text, own_class_pairs, key="evaluate.metrics"):
    """One line, before any work, for a metric the data cannot be scored on: STS-B
    Spearman for an image model, label-based metrics for sentence pairs that are each
    their own class (``own_class_pairs``; a pairs file may give labels, so it may use them)."""
    if own_class_pairs:
        allowed, data = (*TEXT_ONLY, *LABEL_FREE), "sentence pairs that are each their own class"
    elif text:
        allowed, data = METRICS.names(), "a text encoder"
    else:
        allowed, data = [name for name in METRICS.names() if name not in TEXT_ONLY], "an image encoder"
    for index, value in enumerate(specs):
        name = Spec.parse(value, f"{key}[{index}]").name
        if name not in allowed:
            raise ConfigError(f"{key}[{index}]", name, f"a metric for {data}: {', '.join(allowed)}")
