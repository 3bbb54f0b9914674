"""Interactive cluster map, as in the contrastive-vs-classification study: the 2-D map of
test embeddings coloured by K-means cluster (clustered in the full embedding space),
each cluster in the colour of the class the Hungarian matching gave it; points whose
class differs from their cluster's are drawn as crosses -- the K-means accuracy's errors."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from embedlab.plots.style import class_colours, finish_maps, map_panels


def _groups(labels, clusters, matched):
    """(cluster, its class, mask of agreeing points, mask of the others) per cluster."""
    for cluster in np.unique(clusters):
        target = matched.get(int(cluster), -1)
        members = clusters == cluster
        yield int(cluster), target, members & (labels == target), members & (labels != target)


def cluster_map_png(maps, class_names):
    """``maps``: {title: (points N x 2, labels N, clusters N, {cluster: class})}."""
    colours = class_colours(len(class_names))
    figure, axes = map_panels(len(maps))
    for axis, (title, (points, labels, clusters, matched)) in zip(axes, maps.items()):
        for _, target, agree, disagree in _groups(labels, clusters, matched):
            colour = colours[target] if target >= 0 else "#000000"
            axis.scatter(*points[agree].T, s=6, color=colour, label=class_names[target] if target >= 0 else "unmatched")
            axis.scatter(*points[disagree].T, s=14, color=colour, marker="x", linewidths=0.8)
        axis.set_title(title)
    return finish_maps(figure, axes, legend_title="cluster's class (x: a point of another class)")


def cluster_map_html(maps, class_names):
    colours = class_colours(len(class_names))
    figure = make_subplots(rows=1, cols=len(maps), subplot_titles=list(maps))
    for column, (title, (points, labels, clusters, matched)) in enumerate(maps.items(), start=1):
        for cluster, target, agree, disagree in _groups(labels, clusters, matched):
            name = f"{title}, cluster {cluster}: {class_names[target] if target >= 0 else '-'}"
            colour = colours[target] if target >= 0 else "#000000"
            for mask, symbol in ((agree, "circle"), (disagree, "x")):
                figure.add_trace(go.Scatter(
                    x=points[mask, 0], y=points[mask, 1], mode="markers", name=name, legendgroup=f"{column}-{cluster}",
                    showlegend=symbol == "circle", marker={"size": 5 if symbol == "circle" else 7, "color": colour, "symbol": symbol},
                    text=[f"class {class_names[label]}, cluster {cluster}" for label in labels[mask]], hoverinfo="text",
                ), row=1, col=column)
    figure.update_layout(title="K-means clusters of the test embeddings (crosses: class differs from the cluster's)", height=520)
    return figure
