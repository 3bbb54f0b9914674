"""Dimension against epoch, as in MonoCon's training-dynamics analysis: 99%-variance
dimension of the encoder output, the head output and the normalised head output."""

import matplotlib.pyplot as plt
import plotly.graph_objects as go
from matplotlib.ticker import MaxNLocator

from embedlab.plots.style import ROLE_COLOURS, finish_curves

OUTPUTS = {"encoder": ":", "head": "--", "normalised": "-"}  # output -> matplotlib line style
PLOTLY_DASH = {":": "dot", "--": "dash", "-": "solid"}


def dynamics_png(curves):
    """``curves``: {role: {"epoch": [...], "encoder": [...], "head": [...], "normalised": [...]}}."""
    figure, axis = plt.subplots(figsize=(6, 4))
    for role, curve in curves.items():
        for output, style in OUTPUTS.items():
            axis.plot(curve["epoch"], curve[output], linestyle=style, marker=".", color=ROLE_COLOURS.get(role), label=f"{role} {output}")
    axis.set_title(_title(curves), fontsize=10)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    return finish_curves(figure, axis, "epoch", "PCA components for 99% variance")


def dynamics_html(curves):
    figure = go.Figure()
    for role, curve in curves.items():
        for output, style in OUTPUTS.items():
            figure.add_trace(go.Scatter(x=curve["epoch"], y=curve[output], name=f"{role} {output}", mode="lines+markers",
                                        line={"color": ROLE_COLOURS.get(role), "dash": PLOTLY_DASH[style]}))
    figure.update_layout(title=_title(curves), xaxis_title="epoch",
                         yaxis_title="PCA components for 99% variance")
    return figure


def _title(curves):
    if all(len(curve["epoch"]) == 1 for curve in curves.values()):
        return "99%-variance dimension at the kept epoch (train.save_every_epoch: true for every epoch)"
    return "99%-variance dimension during training"
