"""Cumulative explained variance of the gallery embeddings, baseline vs model."""

import matplotlib.pyplot as plt
import plotly.graph_objects as go

from embedlab.plots.style import ROLE_COLOURS, finish_curves


def variance_png(curves, level=0.99):
    """``curves``: {role: cumulative explained-variance ratios}."""
    figure, axis = plt.subplots(figsize=(5.5, 3.8))
    for role, cumulative in curves.items():
        axis.plot(range(1, len(cumulative) + 1), cumulative, label=role, color=ROLE_COLOURS.get(role))
    axis.axhline(level, color="black", linestyle=":", linewidth=1, label=f"{level:.0%}")
    axis.set_xscale("log")
    return finish_curves(figure, axis, "principal components", "cumulative explained variance")


def variance_html(curves, level=0.99):
    figure = go.Figure()
    for role, cumulative in curves.items():
        figure.add_trace(go.Scatter(x=list(range(1, len(cumulative) + 1)), y=list(cumulative), name=role,
                                    line={"color": ROLE_COLOURS.get(role)}))
    figure.add_hline(y=level, line_dash="dot", annotation_text=f"{level:.0%}")
    figure.update_layout(title="Cumulative explained variance", xaxis_type="log",
                         xaxis_title="principal components", yaxis_title="cumulative explained variance")
    return figure
