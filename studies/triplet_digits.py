"""Study 3: triplet embeddings of handwritten digits in 2 and 3 dimensions, as the
digit-triplet notebook: a subset of the classes, random triplets (no mining),
squared-Euclidean margin loss; 5-NN accuracy over 3 seeds, the 2-D embedding as class
(Voronoi) regions and the 3-D embedding as a point cloud.

The encoder is trained from its initial weights with the triplet loss
(``common.FROM_SCRATCH``), and evaluated alone (the baseline role, no head).

    python -m studies.triplet_digits              # scikit-learn's digits, this CPU
    python -m studies.triplet_digits --original   # MNIST, as the notebook
"""

import json

import numpy as np

from embedlab.plots.embedding_3d import embedding_3d_html, embedding_3d_png
from embedlab.plots.embedding_map import embedding_map_html, embedding_map_png
from studies import common, figures, tables

METRICS = [{"name": "knn", "k": 5}]


def settings(mode):
    shared = {**common.FROM_SCRATCH, "prepare.num_classes": 5, "evaluate.metrics": METRICS,
              "loss": {"name": "triplet", "miner": "none", "distance": "squared_euclidean"}}
    params = {
        "offline": {**shared, "dataset": "digits", "train.epochs": 30},
        "original": {**shared, "dataset": "mnist", "train.epochs": 30, "train.batch_size": 512},
        "tiny": {**common.TINY, **shared},
    }[mode]
    seeds = common.TINY_SEEDS if mode == "tiny" else (0, 1, 2)
    grid = [{"encoder.embedding_dim": 2}, {"encoder.embedding_dim": 3}]
    return common.Study("triplet_digits", params, grid, seeds, targets=("evaluate@baseline",))


def pictures(directory, results, seed):
    """The test embeddings of one seed's runs: 2-D as class regions, 3-D as a cloud."""
    for dim, stem, draw_png, draw_html in ((2, "voronoi_2d", embedding_map_png, embedding_map_html),
                                           (3, "cloud_3d", embedding_3d_png, embedding_3d_html)):
        common.checkout(directory, f"{dim}-s{seed}")
        with np.load(directory / "data/embeddings/baseline.npz") as data:
            view = {f"triplet, {dim}-D (seed {seed})": (data["query"], data["query_labels"])}
        names = json.loads((directory / "data/prepared/meta.json").read_text())["classes"]
        figures.save(results, stem, draw_png(view, names), draw_html(view, names))


def tabulate(study, directory, results, exp_show, curves):
    runs = tables.runs(exp_show, directory, roles=("baseline",))
    tables.write(results, "triplet_digits", tables.summary(runs, ["encoder.embedding_dim"], ["baseline.knn_accuracy"]))
    pictures(directory, results, study.seeds[0])


if __name__ == "__main__":
    common.main(__doc__, settings, (), tabulate)
