"""2-D map of test embeddings: points coloured by class over the nearest-neighbour
(Voronoi) regions of each class, as in the digit-triplet notebook. Embeddings wider
than 2 dims are reduced first: PCA, or UMAP."""

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from embedlab.plots.style import class_colours, finish_maps, map_panels


def reduce(embeddings, n_components=2, reducer="pca", seed=0):
    """``n_components`` coordinates per row: the embedding itself (zero-padded) when it is
    no wider, else its principal components or a UMAP."""
    if embeddings.shape[1] <= n_components:
        return np.pad(embeddings, ((0, 0), (0, n_components - embeddings.shape[1])))
    if reducer == "umap":
        import umap  # slow to import (numba), so only when asked for

        return umap.UMAP(n_components=n_components, random_state=seed, n_jobs=1).fit_transform(embeddings)  # seeded: one job
    centred = embeddings - embeddings.mean(axis=0)
    _, axes = np.linalg.eigh(centred.T @ centred)  # the principal axes, as an SVD gives them, but much faster for N >> D
    return centred @ axes[:, ::-1][:, :n_components]


def per_class_sample(labels, per_class, seed=0):
    """Indices of at most ``per_class`` samples of each class (seeded)."""
    rng = np.random.default_rng(seed)
    chosen = [rng.permutation(np.flatnonzero(labels == c))[:per_class] for c in np.unique(labels)]
    return np.sort(np.concatenate(chosen))


def region_grid(points, labels, resolution=250):
    """The class of the nearest point at every cell of a grid covering ``points``."""
    from sklearn.neighbors import KNeighborsClassifier

    low, high = points.min(axis=0), points.max(axis=0)
    pad = 0.05 * (high - low + 1e-9)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    regions = KNeighborsClassifier(n_neighbors=1).fit(points, labels).predict(grid)
    return xs, ys, regions.reshape(resolution, resolution)


def embedding_map_png(maps, class_names):
    """``maps``: {title: (points N x 2, labels N)}."""
    colours = class_colours(len(class_names))
    figure, axes = map_panels(len(maps))
    for axis, (title, (points, labels)) in zip(axes, maps.items()):
        xs, ys, regions = region_grid(points, labels)
        cmap = plt.matplotlib.colors.ListedColormap(colours)
        axis.imshow(regions, origin="lower", extent=(xs[0], xs[-1], ys[0], ys[-1]), cmap=cmap,
                    vmin=-0.5, vmax=len(colours) - 0.5, alpha=0.25, aspect="auto", interpolation="nearest")
        for label in np.unique(labels):
            mask = labels == label
            axis.scatter(points[mask, 0], points[mask, 1], s=6, color=colours[label], label=class_names[label])
        axis.set_title(title)
    return finish_maps(figure, axes)


def embedding_map_html(maps, class_names):
    colours = class_colours(len(class_names))
    steps = [[pos, colour] for i, colour in enumerate(colours) for pos in (i / len(colours), (i + 1) / len(colours))]
    figure = make_subplots(rows=1, cols=len(maps), subplot_titles=list(maps))
    for column, (points, labels) in enumerate(maps.values(), start=1):
        xs, ys, regions = region_grid(points, labels, resolution=150)
        figure.add_trace(go.Heatmap(x=xs, y=ys, z=regions, colorscale=steps, zmin=-0.5, zmax=len(colours) - 0.5,
                                    opacity=0.25, showscale=False, hoverinfo="skip"), row=1, col=column)
        for label in np.unique(labels):
            mask = labels == label
            figure.add_trace(go.Scattergl(x=points[mask, 0], y=points[mask, 1], mode="markers", name=class_names[label],
                                          legendgroup=str(label), showlegend=column == 1,
                                          marker={"size": 4, "color": colours[label]}), row=1, col=column)
    figure.update_layout(title="Test embeddings (2-D)", height=520)
    return figure
