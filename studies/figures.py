"""The studies' pictures, each as PNG (matplotlib) and standalone offline HTML (plotly):
curves of a mean over seeds with a band of one standard deviation, and paths through
a plane (one point per epoch)."""

import matplotlib.pyplot as plt
import plotly.graph_objects as go

from embedlab.plots.save import save_html, save_png
from embedlab.plots.style import class_colours, finish_curves


def save(results, stem, png, html):
    save_png(png, results / f"{stem}.png")
    save_html(html, results / f"{stem}.html")


def _colours(names):
    return dict(zip(names, class_colours(len(names))))


def band_png(series, xlabel, ylabel, title, log_x=False):
    """``series``: {label: (xs, means, stds)}."""
    figure, axis = plt.subplots(figsize=(6.4, 4.2))
    colours = _colours(list(series))
    for label, (xs, means, stds) in series.items():
        axis.plot(xs, means, marker="o", markersize=3, color=colours[label], label=label)
        axis.fill_between(xs, [m - s for m, s in zip(means, stds)], [m + s for m, s in zip(means, stds)],
                          color=colours[label], alpha=0.2, linewidth=0)
    if log_x:
        _log2_axis(axis)
    return _finish(figure, axis, xlabel, ylabel, title)


def band_html(series, xlabel, ylabel, title, log_x=False):
    figure = go.Figure()
    colours = _colours(list(series))
    for label, (xs, means, stds) in series.items():
        figure.add_trace(go.Scatter(x=list(xs), y=list(means), name=label, mode="lines+markers",
                                    line={"color": colours[label]},
                                    error_y={"type": "data", "array": list(stds), "visible": True}))
    figure.update_layout(title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=460)
    if log_x:
        figure.update_xaxes(type="log")
    return figure


def paths_png(series, xlabel, ylabel, title, log_x=False):
    """``series``: {label: (xs, ys, point labels)}: one path per label, its first and last
    points marked with their labels (e.g. epochs)."""
    figure, axis = plt.subplots(figsize=(6.4, 4.2))
    colours = _colours(list(series))
    for label, (xs, ys, names) in series.items():
        axis.plot(xs, ys, marker="o", markersize=3, color=colours[label], label=label)
        for index in (0, len(xs) - 1):
            axis.annotate(str(names[index]), (xs[index], ys[index]), fontsize=7, color=colours[label],
                          textcoords="offset points", xytext=(3, 3))
    if log_x:
        _log2_axis(axis)
    return _finish(figure, axis, xlabel, ylabel, title)


def paths_html(series, xlabel, ylabel, title, log_x=False):
    figure = go.Figure()
    colours = _colours(list(series))
    for label, (xs, ys, names) in series.items():
        figure.add_trace(go.Scatter(x=list(xs), y=list(ys), name=label, mode="lines+markers", text=[str(n) for n in names],
                                    hovertemplate="%{text}: (%{x}, %{y})", line={"color": colours[label]}))
    figure.update_layout(title=title, xaxis_title=xlabel, yaxis_title=ylabel, height=460)
    if log_x:
        figure.update_xaxes(type="log")
    return figure


def bars_png(series, xlabel, ylabel, title):
    """``series``: {label: (categories, means, stds)}: bars grouped by category."""
    import numpy as np

    figure, axis = plt.subplots(figsize=(6.4, 4.2))
    colours = _colours(list(series))
    width = 0.8 / max(len(series), 1)
    categories = list(dict.fromkeys(c for cats, _, _ in series.values() for c in cats))
    for index, (label, (cats, means, stds)) in enumerate(series.items()):
        positions = np.array([categories.index(c) for c in cats]) + (index - (len(series) - 1) / 2) * width
        axis.bar(positions, means, width, yerr=stds, capsize=3, color=colours[label], label=label)
    axis.set_xticks(range(len(categories)), categories)
    return _finish(figure, axis, xlabel, ylabel, title)


def bars_html(series, xlabel, ylabel, title):
    figure = go.Figure()
    colours = _colours(list(series))
    for label, (cats, means, stds) in series.items():
        figure.add_trace(go.Bar(x=list(cats), y=list(means), name=label, marker_color=colours[label],
                                error_y={"type": "data", "array": list(stds), "visible": True}))
    figure.update_layout(title=title, xaxis_title=xlabel, yaxis_title=ylabel, barmode="group", height=460)
    return figure


def _log2_axis(axis):
    axis.set_xscale("log", base=2)
    axis.xaxis.set_major_formatter(plt.matplotlib.ticker.ScalarFormatter())


def _finish(figure, axis, xlabel, ylabel, title):
    axis.set_title(title, fontsize=10)
    return finish_curves(figure, axis, xlabel, ylabel)
