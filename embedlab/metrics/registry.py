from dataclasses import dataclass

from embedlab.errors import ConfigError
from embedlab.registry import Registry, Spec

METRICS = Registry("metric")


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
