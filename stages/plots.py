"""Stage plots: every picture of the run as PNG and as standalone interactive HTML under
plots/, and plots/report.html: the metrics and all the pictures on one offline page.

A picture whose data this run did not produce (e.g. no recall curve, when recall_curve
is not among evaluate.metrics) says so in its files and is left out of the report."""

import csv
import json

import numpy as np

from embedlab.config import load_params
from embedlab.data.prepared import load_meta
from embedlab.errors import one_line_errors
from embedlab.io import write_text
from embedlab.metrics.clustering import match_clusters
from embedlab.metrics.disentanglement import feature_correlation
from embedlab.paths import EMBEDDINGS, HEADLINE, METRICS, MODELS, PLOTS, PREPARED, ROLES, RUN_INFO, live_dir
from embedlab.plots import (clusters, correlation, dimensions, dynamics, embedding_3d, embedding_map, recall, report, run_info,
                            training, variance)
from embedlab.plots.save import save_html, save_png
from embedlab.plots.style import no_data_html, no_data_png

MISSING = {  # why a picture can have no data
    "variance": "no variance curve: keep compactness in evaluate.metrics",
    "recall": "no recall curve: add recall_curve to evaluate.metrics",
    "dynamics": "no dimension curve in plots/data (the evaluate stage writes it)",
    "dims": "no accuracy-by-dimension curve: add accuracy_at_d to evaluate.metrics",
}


@one_line_errors
def main():
    params = load_params(components=False)
    meta = load_meta(PREPARED)
    pictures = draw_pictures(params, meta["classes"])
    for name, (_, figures) in pictures.items():
        png, page = figures or (no_data_png(MISSING[name]), no_data_html(MISSING[name]))
        save_png(png, PLOTS / f"{name}.png")
        save_html(page, PLOTS / f"{name}.html")
    shown = {name: (title, figures[1]) for name, (title, figures) in pictures.items() if figures}
    others = sorted(path for path in PLOTS.glob("*.png") if path.stem not in pictures)  # e.g. pictures added by other code
    run = run_info.run_rows(params.model_dump(mode="json"), meta, read_timings(), run_info.provenance(), run_info.committed_params())
    write_text(PLOTS / "report.html", report.report_html(read_json(HEADLINE), read_metrics(), shown, others, run))


def read_timings():
    """{stage: models/<stage>/run.json} of the training stages that wrote one."""
    paths = {stage: MODELS / stage / RUN_INFO for stage in ("pretrain", *ROLES)}
    return {stage: read_json(path) for stage, path in paths.items() if path.exists()}


def draw_pictures(params, names):
    """{name: (title, (PNG figure, HTML figure) or None when this run has no data for it)}."""
    views = embedding_views(params)
    curves = {role: read_curves(role) for role in ROLES}
    return {
        "training": ("Training curves", pair(training.training_curves_png, training.training_curves_html, training_histories())),
        "variance": ("Cumulative explained variance of the gallery", pair(variance.variance_png, variance.variance_html, variance_curves(curves))),
        "embedding_map": ("Test embeddings in 2-D, with class regions", pair(embedding_map.embedding_map_png, embedding_map.embedding_map_html, views["2d"], names)),
        "embedding_3d": ("Test embeddings in 3-D", pair(embedding_3d.embedding_3d_png, embedding_3d.embedding_3d_html, views["3d"], names)),
        "clusters": ("K-means clusters of the test embeddings", pair(clusters.cluster_map_png, clusters.cluster_map_html, views["clusters"], names)),
        "recall": ("Recall@k", pair(recall.recall_png, recall.recall_html, recall_curves(curves))),
        "correlation": ("Feature correlation (disentanglement)", pair(correlation.correlation_png, correlation.correlation_html, views["correlation"])),
        "dynamics": ("Dimension during training", pair(dynamics.dynamics_png, dynamics.dynamics_html, dynamics_curves(curves))),
        "dims": ("Accuracy at d dimensions", pair(dimensions.dimensions_png, dimensions.dimensions_html, dims_curves(curves))),
    }


def pair(draw_png, draw_html, data, *args):
    """(PNG figure, HTML figure) of ``data``, or None when there is none."""
    return (draw_png(data, *args), draw_html(data, *args)) if data else None


def training_histories():
    """dvclive's per-metric TSV files -> {role: {metric: (steps, values)}}."""
    return {role: {path.stem: history(path) for path in sorted((live_dir(role) / "plots" / "metrics").glob("*.tsv"))}
            for role in ("pretrain", *ROLES)}


def history(path):
    rows = read_rows(path, "\t")
    return column(rows, "step", int), column(rows, path.stem)


def read_curves(role):
    """The evaluate stage's curves of one role: {name: rows}."""
    return {path.stem: read_rows(path) for path in sorted((PLOTS / "data" / role).glob("*.csv"))}


def read_rows(path, delimiter=","):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def column(rows, name, kind=float):
    return [kind(row[name]) for row in rows]


def variance_curves(curves):
    return {role: column(c["variance"], "cumulative") for role, c in curves.items() if "variance" in c}


def recall_curves(curves):
    """{role: (ks, recalls)} and, with holdout classes, {"role (holdout)": ...}."""
    found = {}
    for role, role_curves in curves.items():
        for name, label in (("recall", role), ("holdout_recall", f"{role} (holdout)")):
            if name in role_curves:
                found[label] = (column(role_curves[name], "k", int), column(role_curves[name], "recall"))
    return found


def dynamics_curves(curves):
    return {role: {key: column(c["dynamics"], key) for key in ("epoch", *dynamics.OUTPUTS)} for role, c in curves.items() if "dynamics" in c}


def dims_curves(curves):
    """{role: rows of dims.csv with numbers parsed}."""
    return {role: [{k: v if k == "truncation" else float(v) for k, v in row.items()} for row in c["dims"]]
            for role, c in curves.items() if "dims" in c}


def embedding_views(params):
    """Per role: a per-class sample of the test embeddings in 2-D and in 3-D, with the
    K-means clusters of all test embeddings (the evaluate stage's, as the kmeans_accuracy
    metric) matched to classes, and the feature correlation matrix of all of them.
    {view: {role: data}}."""
    views = {"2d": {}, "3d": {}, "clusters": {}, "correlation": {}}
    reducer, seed = params.plots.reducer, params.base.seed
    for role in ROLES:
        with np.load(EMBEDDINGS / f"{role}.npz") as data:
            query, labels, assigned = data["query"], data["query_labels"], data["query_clusters"]
        keep = embedding_map.per_class_sample(labels, params.plots.points_per_class, seed)
        views["2d"][role] = (embedding_map.reduce(query[keep], 2, reducer, seed), labels[keep])
        views["3d"][role] = (embedding_map.reduce(query[keep], 3, reducer, seed), labels[keep])
        views["clusters"][role] = (*views["2d"][role], assigned[keep], match_clusters(labels, assigned))
        views["correlation"][role] = feature_correlation(query)
    return views


def read_metrics():
    return {role: read_json(METRICS / "evaluate" / f"{role}.json") for role in ROLES}


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
