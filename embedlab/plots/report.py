"""The run's report: one standalone page (plotly.js inlined once, so it opens with no
network) with the headline numbers, every metric of baseline and model, and every
picture of the run, interactive."""

import base64
import html

import plotly.io
from plotly.offline import get_plotlyjs

HEADLINE = {
    "compactness_ratio": "baseline / model PCA dimension for 99% variance (higher: model more compact)",
    "robustness_ratio": "baseline / model reconstruction RMSE at that dimension (higher: model more robust)",
    "accuracy_retention": "model / baseline 5-NN accuracy (STS-B Spearman for text)",
}
STYLE = """
body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { padding: 0.25em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child, table.headline td:last-child, table.run td { text-align: left; }
section { margin: 2em 0; }
img { max-width: 100%; }
"""


def report_html(headline, metrics, figures, images=(), run=()):
    """``headline``: metrics/headline.json; ``metrics``: {role: evaluate JSON}; ``figures``:
    {name: (title, plotly figure)}; ``images``: extra PNG files shown as they are; ``run``:
    [(label, text)] saying what produced the run (embedlab/plots/run_info.py), on top."""
    body = [
        "<h1>Embedding report</h1>",
        *([_table(["run", ""], run, "run")] if run else []),
        "<h2>Model against baseline</h2>",
        _table(["", "value", "definition"], [[name, _number(headline.get(name)), text] for name, text in HEADLINE.items()], "headline"),
        *_notes(headline),
        *_metric_tables(metrics),
        *(_figure_section(name, title, figure) for name, (title, figure) in figures.items()),
        *(_image_section(path) for path in images),
    ]
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Embedding report</title>\n'
            f"<style>{STYLE}</style>\n<script>{get_plotlyjs()}</script>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def _notes(headline):
    """One line per degenerate ratio: why it is undefined or a collapse."""
    for name in HEADLINE:
        if f"{name}_note" in headline:
            yield f'<p class="note"><b>{name}</b>: {html.escape(headline[f"{name}_note"])}</p>'


def _metric_tables(metrics):
    """All metrics, baseline vs model and their ratio; holdout (open-set) ones apart."""
    baseline, model = metrics.get("baseline", {}), metrics.get("model", {})
    names = list(dict.fromkeys([*baseline, *model]))
    for heading, keep in (("Metrics on the test split", lambda n: not n.startswith("holdout_")),
                          ("Metrics on the holdout classes (open-set retrieval, leave-one-out)", lambda n: n.startswith("holdout_"))):
        rows = [[name, _number(baseline.get(name)), _number(model.get(name)), _number(_ratio(model.get(name), baseline.get(name)))]
                for name in names if keep(name)]
        if rows:
            yield f"<h2>{heading}</h2>"
            yield _table(["metric", "baseline", "model", "model / baseline"], rows)


def _figure_section(name, title, figure):
    div = plotly.io.to_html(figure, full_html=False, include_plotlyjs=False, div_id=f"figure-{name}")
    links = f'<a href="{name}.png">PNG</a> · <a href="{name}.html">standalone page</a>'
    return f"<section>\n<h2>{html.escape(title)}</h2>\n{div}\n<p>{links}</p>\n</section>"


def _image_section(path):
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<section>\n<h2>{html.escape(path.stem)}</h2>\n<img alt="{html.escape(path.name)}" src="data:image/png;base64,{encoded}">\n</section>'


def _table(header, rows, css_class="numbers"):
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    lines = "\n".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{css_class}">\n<tr>{head}</tr>\n{lines}\n</table>'


def _ratio(numerator, denominator):
    return numerator / denominator if isinstance(numerator, (int, float)) and isinstance(denominator, (int, float)) and denominator else None


def _number(value):
    if value is None:
        return "—"
    return str(value) if isinstance(value, int) else f"{value:.4g}"
