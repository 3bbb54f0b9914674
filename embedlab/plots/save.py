from embedlab.io import atomic_path


def save_png(figure, path, dpi=130):
    import matplotlib.pyplot as plt

    with atomic_path(path) as tmp:
        figure.savefig(tmp, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)


def save_html(figure, path):
    """A standalone page with plotly.js inlined, so it opens with no network."""
    with atomic_path(path) as tmp:
        figure.write_html(tmp, include_plotlyjs=True, full_html=True)
