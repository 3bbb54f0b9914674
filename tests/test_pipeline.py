"""The real pipeline, end to end, in a temporary copy of the repository: `dvc repro`
with tiny epochs, then `dvc exp run -S head=mlp`, judged from DVC's own output."""

import json

import pytest
import yaml

from embedlab.workspace import commit, copy_repository
from embedlab.workspace import run as run_command

pytestmark = pytest.mark.slow


def run(command, cwd):
    return run_command(command, cwd).stdout


def tiny_params(directory):
    path = directory / "params.yaml"
    params = yaml.safe_load(path.read_text())
    params["pretrain"].update(epochs=2)
    params["train"].update(epochs=3)
    params["warmup"].update(epochs=1)
    params["plots"].update(points_per_class=20)
    path.write_text(yaml.safe_dump(params, sort_keys=False))


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    directory = copy_repository(tmp_path_factory.mktemp("pipeline"))
    tiny_params(directory)
    commit(directory, "tiny epochs")
    first = run(["dvc", "repro"], directory)
    commit(directory, "repro")
    return directory, first


def test_repro_runs_every_stage_and_writes_the_declared_outputs(repo):
    directory, output = repo
    for stage in ("prepare", "pretrain", "train_baseline", "train_model", "evaluate@baseline", "evaluate@model", "compare", "plots"):
        assert f"Running stage '{stage}'" in output
    compare = json.loads((directory / "metrics/compare.json").read_text())
    assert set(compare) == {"compactness_ratio", "robustness_ratio", "accuracy_retention"}
    for name in ("training", "variance", "embedding_map", "dims"):
        assert (directory / f"plots/{name}.png").stat().st_size > 1000
        assert "<html" in (directory / f"plots/{name}.html").read_text()[:500].lower()


def test_a_second_repro_does_nothing(repo):
    directory, _ = repo
    assert "Data and pipelines are up to date" in run(["dvc", "repro"], directory)


def test_head_change_reruns_only_the_model_side(repo):
    directory, _ = repo
    output = run(["dvc", "exp", "run", "-S", "head=mlp"], directory)
    for stage in ("prepare", "pretrain", "train_baseline", "evaluate@baseline"):
        assert f"Stage '{stage}' didn't change, skipping" in output
    for stage in ("train_model", "evaluate@model", "compare"):
        assert f"Running stage '{stage}'" in output
    diff = json.loads(run(["dvc", "metrics", "diff", "--json"], directory))
    model = diff["metrics/evaluate/model.json"]
    assert any(entry.get("diff") for entry in model.values())
    assert "metrics/evaluate/baseline.json" not in diff


def test_a_self_supervised_nested_run_trains_everything_and_evaluates_prefixes(repo):
    directory, _ = repo
    output = run(["dvc", "exp", "run", "-S", "loss=relic", "-S", "matryoshka_dims=[8,16,32,64,128]"], directory)
    for stage in ("pretrain", "train_baseline", "train_model", "evaluate@baseline", "evaluate@model", "plots"):
        assert f"Running stage '{stage}'" in output
    rows = (directory / "plots/data/model/dims.csv").read_text().splitlines()
    assert rows[0] == "dim,truncation,knn_accuracy,linear_probe_accuracy"
    assert [row.split(",")[:2] for row in rows[1:]] == [[str(d), "prefix"] for d in (8, 16, 32, 64, 128)]
    assert "linear_probe_accuracy" in json.loads((directory / "metrics/evaluate/model.json").read_text())
