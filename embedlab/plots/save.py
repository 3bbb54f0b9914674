from pathlib import Path

from embedlab.io import atomic_path


def save_png(figure, path, dpi=130):
    import matplotlib.pyplot as plt

    with atomic_path(path) as tmp:
        figure.savefig(tmp, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)


def save_html(figure, path):
    """A standalone page with plotly.js inlined, so it opens with no network. The chart's
    element id is the file's name (plotly's default is a random one), so the same figure
    gives the same bytes."""
    with atomic_path(path) as tmp:
        figure.write_html(tmp, include_plotlyjs=True, full_html=True, div_id=Path(path).stem)
