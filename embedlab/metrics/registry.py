from dataclasses import dataclass

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

