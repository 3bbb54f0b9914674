"""Recall@k against k, baseline vs model; dashed: the same on the holdout classes."""

import matplotlib.pyplot as plt
import plotly.graph_objects as go
from matplotlib.ticker import MaxNLocator

from embedlab.plots.style import ROLE_COLOURS, finish_curves


def _style(name):
    """(colour, dashed) of a curve named ``role`` or ``role (holdout)``."""
    return ROLE_COLOURS.get(name.split(" ")[0]), "holdout" in name


def recall_png(curves):
    """``curves``: {name: (ks, recalls)}."""
    figure, axis = plt.subplots(figsize=(5.5, 3.8))
    for name, (ks, recalls) in curves.items():
        colour, dashed = _style(name)
        axis.plot(ks, recalls, marker=".", label=name, color=colour, linestyle="--" if dashed else "-")
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    return finish_curves(figure, axis, "k", "recall@k")


def recall_html(curves):
    figure = go.Figure()
    for name, (ks, recalls) in curves.items():
        colour, dashed = _style(name)
        figure.add_trace(go.Scatter(x=list(ks), y=list(recalls), name=name, mode="lines+markers",
                                    line={"color": colour, "dash": "dash" if dashed else "solid"}))
    figure.update_layout(title="Recall@k", xaxis_title="k", yaxis_title="recall@k")
    return figure
