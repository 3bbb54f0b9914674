"""3-D point cloud of test embeddings coloured by class, as in the digit-triplet notebook
(above 3 dims, reduced first like the 2-D map)."""

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from embedlab.plots.style import class_colours


def embedding_3d_png(clouds, class_names):
    """``clouds``: {title: (points N x 3, labels N)}."""
    colours = class_colours(len(class_names))
    figure = plt.figure(figsize=(5.2 * len(clouds), 5))
    for column, (title, (points, labels)) in enumerate(clouds.items(), start=1):
        axis = figure.add_subplot(1, len(clouds), column, projection="3d")
        for label in np.unique(labels):
            mask = labels == label
            axis.scatter(*points[mask].T, s=4, color=colours[label], label=class_names[label])
        axis.set_title(title)
    figure.axes[-1].legend(loc="center left", bbox_to_anchor=(1.05, 0.5), markerscale=2, fontsize=8)
    return figure


def embedding_3d_html(clouds, class_names):
    colours = class_colours(len(class_names))
    figure = make_subplots(rows=1, cols=len(clouds), specs=[[{"type": "scene"}] * len(clouds)], subplot_titles=list(clouds))
    for column, (points, labels) in enumerate(clouds.values(), start=1):
        for label in np.unique(labels):
            mask = labels == label
            figure.add_trace(go.Scatter3d(x=points[mask, 0], y=points[mask, 1], z=points[mask, 2], mode="markers",
                                          name=class_names[label], legendgroup=str(label), showlegend=column == 1,
                                          marker={"size": 2.5, "color": colours[label]}), row=1, col=column)
    figure.update_layout(title="Test embeddings (3-D)", height=560)
    return figure
