"""Training curves per epoch: loss, validation 5-NN accuracy, 99%-variance dimension."""

import matplotlib.pyplot as plt
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from embedlab.plots.style import ROLE_COLOURS

PANELS = (("loss", "training loss"), ("val_knn_accuracy", "validation 5-NN accuracy"), ("val_dim99", "99%-variance dimension"))


def training_curves_png(histories):
    """``histories``: {role: {metric: (steps, values)}}."""
    figure, axes = plt.subplots(1, len(PANELS), figsize=(4.2 * len(PANELS), 3.4))
    for axis, (metric, title) in zip(axes, PANELS):
        for role, curves in histories.items():
            if metric in curves:
                steps, values = curves[metric]
                axis.plot([s + 1 for s in steps], values, label=role, color=ROLE_COLOURS.get(role))
        axis.set_title(title)
        axis.set_xlabel("epoch")
        axis.grid(alpha=0.3)
    axes[0].legend()
    figure.tight_layout()
    return figure


def training_curves_html(histories):
    figure = make_subplots(rows=1, cols=len(PANELS), subplot_titles=[title for _, title in PANELS])
    for column, (metric, _) in enumerate(PANELS, start=1):
        for role, curves in histories.items():
            if metric in curves:
                steps, values = curves[metric]
                figure.add_trace(
                    go.Scatter(x=[s + 1 for s in steps], y=values, name=role, legendgroup=role, showlegend=column == 1,
                               line={"color": ROLE_COLOURS.get(role)}),
                    row=1, col=column,
                )
        figure.update_xaxes(title_text="epoch", row=1, col=column)
    figure.update_layout(title="Training curves", height=420)
    return figure
