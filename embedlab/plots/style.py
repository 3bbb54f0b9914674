import matplotlib

matplotlib.use("Agg")

ROLE_COLOURS = {"pretrain": "#7f7f7f", "baseline": "#1f77b4", "model": "#d62728"}


def class_colours(n):
    """n distinguishable colours (tab10, then tab20, then a continuous map)."""
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20" if n <= 20 else "turbo", max(n, 1))
    return [matplotlib.colors.to_hex(cmap(i)) for i in range(n)]


def no_data_png(message):
    """A small figure that says why a picture has nothing to show."""
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(5.5, 1.2))
    axis.text(0.5, 0.5, message, ha="center", va="center", wrap=True)
    axis.set_axis_off()
    return figure


def no_data_html(message):
    import plotly.graph_objects as go

    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    figure.update_layout(xaxis_visible=False, yaxis_visible=False, height=200)
    return figure


def map_panels(count):
    """One square panel per map, side by side (matplotlib figure, list of axes)."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, count, figsize=(5.2 * count, 5), squeeze=False)
    return figure, list(axes[0])


def finish_maps(figure, axes, legend_title=None):
    """No ticks (map coordinates mean nothing), one legend beside the last panel."""
    for axis in axes:
        axis.set_xticks([])
        axis.set_yticks([])
    axes[-1].legend(loc="center left", bbox_to_anchor=(1, 0.5), markerscale=2, fontsize=8, title=legend_title, title_fontsize=8)
    figure.tight_layout()
    return figure


def finish_curves(figure, axis, xlabel, ylabel):
    axis.set_xlabel(xlabel)
    axis.set_ylabel(ylabel)
    axis.grid(alpha=0.3)
    axis.legend(fontsize=8)
    figure.tight_layout()
    return figure
