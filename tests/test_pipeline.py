"""The real pipeline, end to end, in a temporary copy of the repository: `dvc repro`
with tiny epochs, then `dvc exp run -S head=mlp`, judged from DVC's own output."""

import json

import pytest

from embedlab.runs import load_runs
from embedlab.workspace import run

pytestmark = pytest.mark.slow


def test_repro_runs_every_stage_and_writes_the_declared_outputs(tiny_pipeline):
    directory, output, _ = tiny_pipeline
    for stage in ("prepare", "pretrain", "train_baseline", "train_model", "evaluate@baseline", "evaluate@model", "compare", "plots"):
        assert f"Running stage '{stage}'" in output
    figures = json.loads((directory / "metrics/headline.json").read_text())
    assert {"baseline", "model", "compactness_ratio", "robustness_ratio", "accuracy_retention"} <= set(figures)
    assert set(figures["model"]) == {"knn_accuracy", "dim99", "rmse"}
    for name in ("training", "variance", "embedding_map", "embedding_3d", "clusters", "recall", "correlation", "dynamics", "dims"):
        assert (directory / f"plots/{name}.png").stat().st_size > 1000
        assert "<html" in (directory / f"plots/{name}.html").read_text()[:500].lower()
    assert (directory / "plots/report.html").read_text().count('class="plotly-graph-div"') == 9
    model = json.loads((directory / "metrics/evaluate/model.json").read_text())
    assert {"map_at_r", "holdout_map_at_r", "holdout_knn_accuracy"} <= set(model)
    assert (directory / "plots/data/model/holdout_recall.csv").exists()
    dynamics = (directory / "plots/data/model/dynamics.csv").read_text().splitlines()
    assert dynamics[0] == "epoch,encoder,head,normalised" and len(dynamics) == 1 + 3  # one row per saved epoch


def test_a_second_repro_does_nothing(tiny_pipeline):
    directory, _, _ = tiny_pipeline
    assert "Data and pipelines are up to date" in run(["dvc", "repro"], directory).stdout


def test_head_change_reruns_only_the_model_side(tiny_pipeline):
    directory, _, _ = tiny_pipeline
    output = run(["dvc", "exp", "run", "-n", "mlp-head", "-S", "head=mlp"], directory).stdout
    for stage in ("prepare", "pretrain", "train_baseline", "evaluate@baseline"):
        assert f"Stage '{stage}' didn't change, skipping" in output
    for stage in ("train_model", "evaluate@model", "compare"):
        assert f"Running stage '{stage}'" in output
    diff = json.loads(run(["dvc", "metrics", "diff", "--json"], directory).stdout)
    assert list(diff) == ["metrics/headline.json"]  # the headline alone; the detail is one --targets away
    assert diff["metrics/headline.json"]["model.dim99"]["diff"] is not None
    assert "baseline.dim99" not in diff["metrics/headline.json"]  # unchanged
    detail = ["metrics/evaluate/baseline.json", "metrics/evaluate/model.json"]
    diff = json.loads(run(["dvc", "metrics", "diff", "--json", "--targets", *detail], directory).stdout)
    assert any(entry.get("diff") for entry in diff["metrics/evaluate/model.json"].values())
    assert "metrics/evaluate/baseline.json" not in diff


def test_exp_show_lists_the_headline_and_the_report_states_the_run(tiny_pipeline):
    directory, _, _ = tiny_pipeline
    if "mlp-head" not in run(["dvc", "exp", "list", "--name-only"], directory).stdout:
        run(["dvc", "exp", "run", "-n", "mlp-head", "-S", "head=mlp"], directory)
    runs = load_runs(json.loads(run(["dvc", "exp", "show", "--json"], directory).stdout)).set_index("experiment")
    assert {"model.knn_accuracy", "model.dim99", "model.rmse", "compactness_ratio", "accuracy_retention"} <= set(runs.attrs["metrics"])
    assert not [m for m in runs.attrs["metrics"] if ":" in m]  # the headline file alone
    assert runs.loc["mlp-head", "head"] == "mlp"
    table = run(["dvc", "exp", "show", "--only-changed", "--csv"], directory).stdout
    assert len(table.splitlines()[0].split(",")) <= 30
    report = (directory / "plots/report.html").read_text()
    assert "experiment mlp-head on commit" in report and "head: monotonic → mlp" in report
    assert "pretrain 2, fine-tuning 3 (model: 1 head-only warm-up)" in report


def test_a_self_supervised_nested_run_trains_everything_and_evaluates_prefixes(tiny_pipeline):
    directory, _, _ = tiny_pipeline
    output = run(["dvc", "exp", "run", "-S", "loss=relic", "-S", "matryoshka_dims=[8,16,32,64,128]"], directory).stdout
    for stage in ("pretrain", "train_baseline", "train_model", "evaluate@baseline", "evaluate@model", "plots"):
        assert f"Running stage '{stage}'" in output
    rows = (directory / "plots/data/model/dims.csv").read_text().splitlines()
    assert rows[0] == "dim,truncation,knn_accuracy,recall_at_1,linear_probe_accuracy"
    assert [row.split(",")[:2] for row in rows[1:]] == [[str(d), "prefix"] for d in (1, 2, 4, 8, 16, 32, 64, 128)]
    assert "linear_probe_accuracy" in json.loads((directory / "metrics/evaluate/model.json").read_text())
