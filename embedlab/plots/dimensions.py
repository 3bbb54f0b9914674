"""Accuracy at d dimensions (log-scale x): 5-NN and linear probe, one line per curve,
marked with how the first d numbers were taken (prefix or PCA coordinates)."""

from embedlab.plots.panels import panels_html, panels_png
from embedlab.plots.style import ROLE_COLOURS

PANELS = (("knn_accuracy", "5-NN accuracy"), ("linear_probe_accuracy", "linear probe accuracy"))
XLABEL = "embedding dimension d (prefix or first d PCA coordinates, renormalised)"


def _series(curves):
    """{name: rows of dims.csv} -> ({"name (truncation)": {metric: (dims, values)}}, colours)."""
    series, colours = {}, {}
    for name, rows in curves.items():
        label = f"{name} ({rows[0]['truncation']})"
        series[label] = {metric: ([r["dim"] for r in rows], [r[metric] for r in rows]) for metric, _ in PANELS if metric in rows[0]}
        colours[label] = ROLE_COLOURS.get(name)
    return series, colours


def dimensions_png(curves):
    """``curves``: {name: rows of dims.csv (dim, truncation, knn_accuracy, linear_probe_accuracy)}."""
    series, colours = _series(curves)
    return panels_png(PANELS, series, XLABEL, colours, log_x=True, markers=True)


def dimensions_html(curves):
    series, colours = _series(curves)
    return panels_html(PANELS, series, XLABEL, "Accuracy at d dimensions", colours, log_x=True, markers=True)
