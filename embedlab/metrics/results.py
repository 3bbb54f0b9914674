"""Where evaluation results go: numbers to ``metrics/evaluate/<role>.json`` (``dvc metrics``),
curves to ``plots/data/<role>/<name>.csv`` (``dvc plots``)."""

from embedlab.io import atomic_dir, write_csv, write_json
from embedlab.metrics.registry import Curve
from embedlab.paths import METRICS, PLOTS


def split_curves(results):
    """(numbers for the metrics JSON, {name: rows} for plot data)."""
    numbers = {name: value for name, value in results.items() if not isinstance(value, Curve)}
    curves = {name: value.rows for name, value in results.items() if isinstance(value, Curve)}
    return numbers, curves


def prefixed(prefix, results):
    return {prefix + name: value for name, value in results.items()}


def save_results(role, results):
    """Write one role's results; the plot-data folder is replaced whole, so no curve of
    an earlier run survives. Returns the numbers."""
    numbers, curves = split_curves(results)
    write_json(METRICS / "evaluate" / f"{role}.json", numbers)
    with atomic_dir(PLOTS / "data" / role) as folder:
        for name, rows in curves.items():
            write_csv(folder / f"{name}.csv", rows)
    return numbers
