"""Panels of line plots side by side, as a matplotlib figure (PNG) and a plotly figure
(offline HTML). ``series``: {name: {panel key: (xs, ys)}}; a series without a panel's key
is left out of that panel, and a panel no series has is left out (:func:`present`).
Colours come from ``colours`` by series name."""

import matplotlib.pyplot as plt
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from embedlab.plots.style import ROLE_COLOURS


def present(panels, series):
    """The panels that some series has data for (e.g. image or text validation scores)."""
    return tuple((key, title) for key, title in panels if any(key in curves for curves in series.values()))


def panels_png(panels, series, xlabel, colours=ROLE_COLOURS, log_x=False, markers=False):
    """``panels``: ((key, title), ...)."""
    panels = present(panels, series)
    figure, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.4), squeeze=False)
    axes = axes[0]
    for axis, (key, title) in zip(axes, panels):
        for name, curves in series.items():
            if key in curves:
                axis.plot(*curves[key], label=name, color=colours.get(name), marker="o" if markers else None)
        if log_x:
            axis.set_xscale("log", base=2)
            axis.xaxis.set_major_formatter(plt.matplotlib.ticker.ScalarFormatter())  # 8, 16, ... not 2^3, 2^4
        axis.set_title(title)
        axis.set_xlabel(xlabel)
        axis.grid(alpha=0.3)
    axes[0].legend()
    figure.tight_layout()
    return figure


def panels_html(panels, series, xlabel, title, colours=ROLE_COLOURS, log_x=False, markers=False):
    panels = present(panels, series)
    figure = make_subplots(rows=1, cols=len(panels), subplot_titles=[panel_title for _, panel_title in panels])
    for column, (key, _) in enumerate(panels, start=1):
        for name, curves in series.items():
            if key in curves:
                xs, ys = curves[key]
                figure.add_trace(
                    go.Scatter(x=list(xs), y=list(ys), name=name, legendgroup=name, showlegend=column == 1,
                               mode="lines+markers" if markers else "lines", line={"color": colours.get(name)}),
                    row=1, col=column,
                )
        figure.update_xaxes(title_text=xlabel, type="log" if log_x else "linear", row=1, col=column)
    figure.update_layout(title=title, height=420)
    return figure
