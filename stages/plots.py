"""Stage plots: training curves, explained variance, the 2-D embedding map and accuracy
against embedding dimension, as PNG and as standalone interactive HTML under plots/."""

import csv

import numpy as np

from embedlab.config import load_params
from embedlab.data.prepared import load_meta
from embedlab.errors import one_line_errors
from embedlab.paths import EMBEDDINGS, PLOTS, PREPARED, ROLES, live_dir
from embedlab.plots import dimensions, embedding_map, training, variance
from embedlab.plots.save import save_html, save_png


@one_line_errors
def main():
    params = load_params(components=False)
    class_names = load_meta(PREPARED)["classes"]
    histories = {role: read_history(role) for role in ("pretrain", *ROLES)}
    save_png(training.training_curves_png(histories), PLOTS / "training.png")
    save_html(training.training_curves_html(histories), PLOTS / "training.html")

    curves = {role: read_cumulative(role) for role in ROLES}
    save_png(variance.variance_png(curves), PLOTS / "variance.png")
    save_html(variance.variance_html(curves), PLOTS / "variance.html")

    maps = {role: embedding_points(role, params) for role in ROLES}
    save_png(embedding_map.embedding_map_png(maps, class_names), PLOTS / "embedding_map.png")
    save_html(embedding_map.embedding_map_html(maps, class_names), PLOTS / "embedding_map.html")

    accuracy_by_dim = {role: read_dims(role) for role in ROLES}
    save_png(dimensions.dimensions_png(accuracy_by_dim), PLOTS / "dims.png")
    save_html(dimensions.dimensions_html(accuracy_by_dim), PLOTS / "dims.html")


def read_history(role):
    """dvclive's per-metric TSV files -> {metric: (steps, values)}."""
    curves = {}
    for path in sorted((live_dir(role) / "plots" / "metrics").glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        curves[path.stem] = ([int(r["step"]) for r in rows], [float(r[path.stem]) for r in rows])
    return curves


def read_cumulative(role):
    with (PLOTS / "data" / role / "variance.csv").open(encoding="utf-8") as handle:
        return [float(row["cumulative"]) for row in csv.DictReader(handle)]


def read_dims(role):
    """plots/data/<role>/dims.csv (written by evaluate) -> rows with numbers parsed."""
    with (PLOTS / "data" / role / "dims.csv").open(encoding="utf-8") as handle:
        return [{k: v if k == "truncation" else float(v) for k, v in row.items()} for row in csv.DictReader(handle)]


def embedding_points(role, params):
    with np.load(EMBEDDINGS / f"{role}.npz") as data:
        query, labels = data["query"], data["query_labels"]
    keep = embedding_map.per_class_sample(labels, params.plots.points_per_class, params.base.seed)
    return embedding_map.reduce_2d(query[keep], params.plots.reducer, params.base.seed), labels[keep]


if __name__ == "__main__":
    main()
