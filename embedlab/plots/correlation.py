"""Feature-correlation heat maps (disentanglement): |correlation| between the features of
the test embeddings, most variable feature first; a disentangled embedding is dark off
the diagonal."""

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots


def correlation_png(matrices):
    """``matrices``: {title: feature correlation matrix}."""
    figure, axes = plt.subplots(1, len(matrices), figsize=(4.6 * len(matrices), 4.2), squeeze=False)
    for axis, (title, matrix) in zip(axes[0], matrices.items()):
        image = axis.imshow(np.abs(matrix), cmap="viridis", vmin=0, vmax=1, interpolation="nearest")
        axis.set_title(title)
        axis.set_xlabel("feature (by variance)")
    figure.colorbar(image, ax=axes[0].tolist(), label="|correlation|", shrink=0.85)
    return figure


def correlation_html(matrices):
    figure = make_subplots(rows=1, cols=len(matrices), subplot_titles=list(matrices))
    for column, matrix in enumerate(matrices.values(), start=1):
        figure.add_trace(go.Heatmap(z=np.abs(matrix), zmin=0, zmax=1, colorscale="Viridis", showscale=column == 1,
                                    colorbar={"title": "|corr|"}), row=1, col=column)
        figure.update_yaxes(autorange="reversed", row=1, col=column)
    figure.update_layout(title="Feature correlation of the test embeddings (|r|, features by variance)", height=480)
    return figure
