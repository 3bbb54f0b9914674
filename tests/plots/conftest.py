"""A small synthetic run: the files the plots stage reads (embeddings, metrics, curves,
training logs) made from synthetic clustered embeddings by the real metric code; then
the real plots stage, in a throw-away folder."""

import contextlib
import copy
import subprocess
import sys

import numpy as np
import pytest

from embedlab.io import save_npz, write_json, write_text
from embedlab.metrics import Curve, EvalContext, evaluate_metrics
from embedlab.metrics.comparison import headline
from embedlab.metrics.results import prefixed, save_results
from embedlab.retrieval.indexes import index_specs
from embedlab.retrieval.measure import Timing
from embedlab.retrieval.results import save_table
from embedlab.retrieval.table import dimensions, retrieval_table
from tests.conftest import DEFAULT_PARAMS, stage_env, write_params

CLASSES = ["ant", "bee", "cat", "dog", "eel", "fox"]  # the last two are the holdout classes


def clustered(rng, labels, dims=16, spread=0.6):
    centres = np.random.default_rng(7).normal(size=(len(CLASSES), dims))
    return centres[labels] + rng.normal(scale=spread, size=(len(labels), dims))


def write_role(role, rng, params):
    gallery_labels, query_labels, holdout_labels = np.repeat(np.arange(4), 50), np.repeat(np.arange(4), 25), np.repeat([4, 5], 15)
    context = EvalContext(clustered(rng, gallery_labels), gallery_labels, clustered(rng, query_labels), query_labels)
    results = evaluate_metrics(context, params["evaluate"]["metrics"])
    save_npz(f"data/embeddings/{role}.npz", gallery=context.gallery, gallery_labels=gallery_labels, query=context.query,
             query_labels=query_labels, query_clusters=context.clusters(4))
    results.update(prefixed("holdout_", evaluate_metrics(EvalContext.open_set(clustered(rng, holdout_labels), holdout_labels), params["evaluate"]["metrics"])))
    results["dynamics"] = Curve([{"epoch": e, "encoder": 16 - e, "head": 12 - e, "normalised": 10 - e} for e in range(1, 6)])
    numbers = save_results(role, results)
    write_retrieval(role, context, numbers["dim99"])
    return numbers


def write_retrieval(role, context, dim99):
    """The retrieval stage's tables, by its own code, for a few cheap index kinds."""
    rows = retrieval_table(context.gallery, context.query, (context.gallery_labels, context.query_labels),
                           index_specs(["flat", "hnsw", "sq8"]), dimensions(context.gallery.shape[1], dim99, [8]), (), Timing(10, 1))
    save_table(role, rows, threads=1)


def write_training_logs(role):
    for metric, values in {"loss": [3.0, 2.5, 2.2], "val_knn_accuracy": [0.8, 0.9, 0.95], "val_dim99": [12, 10, 9], "lr": [1e-3, 5e-4, 1e-4]}.items():
        rows = "".join(f"{step}\t{value}\n" for step, value in enumerate(values))
        write_text(f"metrics/train/{role}/plots/metrics/{metric}.tsv", f"step\t{metric}\n{rows}")


@pytest.fixture(scope="session")
def synthetic_run(tmp_path_factory):
    """A folder holding a finished synthetic run, pictures and report included."""
    directory = tmp_path_factory.mktemp("run")
    params = copy.deepcopy(DEFAULT_PARAMS)
    params["plots"]["points_per_class"] = 20
    write_params(directory, params)
    rng = np.random.default_rng(0)
    with contextlib.chdir(directory):
        write_json("data/prepared/meta.json", {"dataset": "synthetic", "modality": "image", "input_shape": [1, 8, 8], "classes": CLASSES, "sizes": {"train": 200, "val": 20, "test": 100, "holdout": 30}})
        numbers = {role: write_role(role, rng, params) for role in ("baseline", "model")}
        write_json("metrics/headline.json", headline(numbers["baseline"], numbers["model"]))
        for role in ("pretrain", "baseline", "model"):
            write_training_logs(role)
    subprocess.run([sys.executable, "-m", "stages.plots"], cwd=directory, env=stage_env(), check=True, capture_output=True)
    return directory


@pytest.fixture(scope="session")
def offline_template(tmp_path_factory):
    """The DVC plots template, written as `make setup` writes it (building the bundle takes seconds)."""
    from embedlab.plots.dvc_template import main

    path = tmp_path_factory.mktemp("template") / "offline.html"
    main(path)
    return path
