"""The retrieval stage, in-process in a temporary folder of synthetic evaluate outputs:
compact dims come from evaluate's dim99 (prefixes for a nested checkpoint), outputs are
written where dvc.yaml declares them, and bad params stop it with one line before any
index is built."""

import json

import numpy as np
import pytest
import torch

from embedlab.io import save_npz, write_json
from stages import retrieval
from tests.conftest import write_params
from tests.retrieval.data import clustered_embeddings


def write_role(directory, role="model", dim99=5, nested_dims=None):
    gallery, query, (gallery_labels, query_labels) = clustered_embeddings(per_class=40)
    save_npz(directory / f"data/embeddings/{role}.npz", gallery=gallery, gallery_labels=gallery_labels, query=query, query_labels=query_labels)
    write_json(directory / f"metrics/evaluate/{role}.json", {"dim99": dim99, "knn_accuracy": 1.0})
    (directory / f"models/{role}").mkdir(parents=True)
    checkpoint = {"model": {}, "architecture": {}, **({"matryoshka_dims": nested_dims} if nested_dims else {})}
    torch.save(checkpoint, directory / f"models/{role}/best.pt")


@pytest.fixture
def workdir(tmp_path, monkeypatch, params):
    params["retrieval"].update(indexes=["flat", {"name": "pq", "m": 8, "nbits": 4}], dims=[16, 64], timed_queries=10, repeats=1)
    write_params(tmp_path, params)
    monkeypatch.chdir(tmp_path)
    return tmp_path, params


def test_compact_dims_come_from_evaluates_dim99(workdir):
    directory, _ = workdir
    write_role(directory, dim99=5)
    retrieval.main("model")
    metrics = json.loads((directory / "metrics/retrieval/model.json").read_text())
    assert {index: {label: v["dim"] for label, v in by_dim.items()} for index, by_dim in metrics.items()} == {
        index: {"full": 32, "dim99": 5, "d16": 16} for index in ("flat", "pq")}
    assert metrics["flat"]["full"]["recall10"] == 1.0 and metrics["pq"]["dim99"]["bytes"] == 5 * 4 // 8 + 1  # 5 codes of 4 bits
    table = (directory / "plots/data/retrieval/model.csv").read_text().splitlines()
    assert table[0] == "index,dims,dim,truncation,bytes,disk,recall10,knn,p1" and table[2].startswith("flat,dim99,5,pca,20,")
    timings = json.loads((directory / "metrics/timings/retrieval/model.json").read_text())
    assert timings["threads"] >= 1 and set(timings["pq"]["d16"]) == {"build_s", "qps1", "qps"}


def test_a_nested_model_is_cut_to_prefixes(workdir):
    directory, _ = workdir
    write_role(directory, dim99=7, nested_dims=[8, 16, 32])
    retrieval.main("model")
    rows = (directory / "plots/data/retrieval/model.csv").read_text().splitlines()[1:]
    assert [row.split(",")[3] for row in rows][:3] == ["none", "prefix", "prefix"]


def test_missing_dim99_is_one_line(workdir, capsys):
    directory, _ = workdir
    write_role(directory)
    write_json(directory / "metrics/evaluate/model.json", {"knn_accuracy": 1.0})
    with pytest.raises(SystemExit):
        retrieval.main("model")
    assert capsys.readouterr().err == "error: metrics/evaluate/model.json has no dim99; keep compactness in evaluate.metrics\n"


@pytest.mark.parametrize(("index", "message"), [
    ({"name": "ivfpq", "nlist": 1000}, "error: params: retrieval.indexes[0].nlist=1000 is not allowed; expected at most 320 (the gallery: training split)\n"),
    ({"name": "pq", "m": 5}, "error: params: retrieval.indexes[0].m=5 is not allowed; expected a divisor of the embedding dimension 32\n"),
    ("ivf", "error: params: retrieval.indexes[0]='ivf' is not allowed; expected flat, hnsw, ivfpq, pq, sq8 (did you mean 'ivfpq'?)\n"),
])
def test_bad_params_stop_before_any_work_with_one_line(workdir, capsys, index, message):
    directory, params = workdir
    write_role(directory)
    params["retrieval"]["indexes"] = [index]
    write_params(directory, params)
    with pytest.raises(SystemExit) as exited:
        retrieval.main("model")
    assert exited.value.code == 2 and capsys.readouterr().err == message
    assert not (directory / "metrics/retrieval").exists() and not np.any([p.exists() for p in directory.glob("plots/**/*")])
