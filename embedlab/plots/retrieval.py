"""Recall@10 against bytes per vector and against single-thread queries per second:
one point per (index kind, dimension), baseline and model in their colours, one marker
per index kind, filled at the full dimension, hollow at compact ones."""

import textwrap

import matplotlib.pyplot as plt
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from embedlab.plots.style import ROLE_COLOURS

PANELS = (("bytes", "bytes per vector"), ("qps1", "queries per second (1 thread)"))
PNG_MARKERS = {"flat": "s", "hnsw": "o", "ivfpq": "D", "pq": "^", "sq8": "v"}
HTML_MARKERS = {"flat": "square", "hnsw": "circle", "ivfpq": "diamond", "pq": "triangle-up", "sq8": "triangle-down"}
TITLE = "Recall@10 against exact search"


def _groups(tables):
    """{(role, index, full?): rows} from ``tables``: {role: rows of the retrieval table}."""
    groups = {}
    for role, rows in tables.items():
        for row in rows:
            groups.setdefault((role, row["index"], row["dims"] == "full"), []).append(row)
    return groups


def _name(role, index, full):
    return f"{role} {index}{'' if full else ' (compact)'}"


def retrieval_png(tables, subtitle=""):
    """``tables``: {role: rows with index, dims, dim, bytes, qps1, recall10}; ``subtitle``: the comparison line."""
    figure, axes = plt.subplots(1, len(PANELS), figsize=(11, 4.2))
    for axis, (key, xlabel) in zip(axes, PANELS):
        for (role, index, full), rows in _groups(tables).items():
            colour = ROLE_COLOURS.get(role)
            axis.scatter([r[key] for r in rows], [r["recall10"] for r in rows], marker=PNG_MARKERS.get(index, "o"),
                         edgecolors=colour, facecolors=colour if full else "none", label=_name(role, index, full))
        axis.set_xscale("log")
        axis.set_xlabel(xlabel)
        axis.set_ylabel("recall@10")
        axis.grid(alpha=0.3)
    axes[-1].legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=7)
    figure.suptitle(f"{TITLE}\n{textwrap.fill(subtitle, 120)}" if subtitle else TITLE, fontsize=9)
    figure.tight_layout()
    return figure


def retrieval_html(tables, subtitle=""):
    figure = make_subplots(rows=1, cols=len(PANELS), subplot_titles=[xlabel for _, xlabel in PANELS])
    for column, (key, xlabel) in enumerate(PANELS, start=1):
        for (role, index, full), rows in _groups(tables).items():
            name = _name(role, index, full)
            figure.add_trace(go.Scatter(
                x=[r[key] for r in rows], y=[r["recall10"] for r in rows], mode="markers", name=name, legendgroup=name,
                showlegend=column == 1, text=[f"{role} {index} {r['dims']} ({r['dim']} dims)" for r in rows],
                marker={"color": ROLE_COLOURS.get(role) if full else "rgba(0,0,0,0)", "size": 9,
                        "symbol": HTML_MARKERS.get(index, "circle"), "line": {"color": ROLE_COLOURS.get(role), "width": 1.5}},
            ), row=1, col=column)
        figure.update_xaxes(title_text=xlabel, type="log", row=1, col=column)
    figure.update_yaxes(title_text="recall@10")
    figure.update_layout(title=f"{TITLE}<br><sup>{subtitle}</sup>" if subtitle else TITLE, height=460)
    return figure
