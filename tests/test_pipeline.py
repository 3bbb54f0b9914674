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
    params["prepare"].update(holdout_classes=[8, 9])  # open-set metrics on two never-trained digits
    params["pretrain"].update(epochs=2)
    params["train"].update(epochs=3, save_every_epoch=True)
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
    for name in ("training", "variance", "embedding_map", "embedding_3d", "clusters", "recall", "correlation", "dynamics"):
        assert (directory / f"plots/{name}.png").stat().st_size > 1000
        assert "<html" in (directory / f"plots/{name}.html").read_text()[:500].lower()
    assert (directory / "plots/report.html").read_text().count('class="plotly-graph-div"') == 8
    model = json.loads((directory / "metrics/evaluate/model.json").read_text())
    assert {"map_at_r", "holdout_map_at_r", "holdout_knn_accuracy"} <= set(model)
    assert (directory / "plots/data/model/holdout_recall.csv").exists()
    dynamics = (directory / "plots/data/model/dynamics.csv").read_text().splitlines()
    assert dynamics[0] == "epoch,encoder,head,normalised" and len(dynamics) == 1 + 3  # one row per saved epoch


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
