"""The runs table on a hand-made `dvc exp show --json` (DVC 3.67's shape)."""

import json
import math
import subprocess

import pandas as pd
import pytest

from embedlab.runs import add_files, load_runs, main, summarize, to_markdown
from embedlab.workspace import commit


def revision(rev, name, seed, head, headline, evaluate=None):
    params = {"base": {"seed": seed}, "head": head, "loss": {"name": "supcon", "temperature": 0.1}, "matryoshka_dims": [8, 16]}
    metrics = {"metrics/headline.json": {"data": headline}}
    if evaluate is not None:
        metrics["metrics/train/model/metrics.json"] = {"data": evaluate}
    data = {"rev": rev, "timestamp": "2026-12-02T02:33:22", "params": {"params.yaml": {"data": params}}, "metrics": metrics, "deps": {}, "outs": {}, "meta": {}}
    return {"rev": rev, "name": name, "data": data, "error": None, "experiments": None}


def headline(knn, ratio=None, note=None):
    figures = {"model": {"knn_accuracy": knn, "dim99": 3}, "compactness_ratio": 3.0}
    if ratio is not None:  # DVC leaves null metrics out of its JSON
        figures["robustness_ratio"] = ratio
    if note:
        figures["robustness_ratio_note"] = note
    return figures


def experiment(rev, name, seed, head, figures, state=None):
    executor = {"state": state, "name": "dvc-task", "local": {}} if state else None
    return {"revs": [revision(rev, name, seed, head, figures)], "executor": executor, "name": name}


@pytest.fixture
def shown():
    main_commit = revision("a" * 40, "main", 0, "monotonic", headline(0.90, 1.5), evaluate={"step": 29})
    main_commit["experiments"] = [
        experiment("b" * 40, "seed1", 1, "monotonic", headline(0.92, 2.5)),
        experiment("c" * 40, "seed2", 2, "monotonic", headline(0.97, note="undefined: model rmse 0")),
        experiment("d" * 40, "mlp0", 0, "mlp", headline(0.80, 1.0)),
        experiment("e" * 40, "later", 3, "mlp", {}, state="queued"),
    ]
    return [revision("workspace", None, 0, "mlp", headline(0.80, 1.0)), main_commit]


def test_one_row_per_finished_run_with_dotted_params_and_metrics(shown):
    runs = load_runs(shown)
    assert list(runs["experiment"]) == ["main", "seed1", "seed2", "mlp0"]
    assert list(runs["parent"].fillna("")) == ["", "main", "main", "main"]
    assert list(runs["kind"]) == ["commit", "experiment", "experiment", "experiment"]
    assert list(runs["base.seed"]) == [0, 1, 2, 0]
    assert runs.loc[0, "loss.name"] == "supcon" and runs.loc[0, "matryoshka_dims"] == "[8,16]"
    assert list(runs["model.knn_accuracy"]) == [0.90, 0.92, 0.97, 0.80]
    assert math.isnan(runs.loc[2, "robustness_ratio"])
    assert runs.loc[0, "metrics/train/model/metrics.json:step"] == 29
    assert "base.seed" in runs.attrs["params"] and "compactness_ratio" in runs.attrs["metrics"]


def test_workspace_and_queued_rows_on_request(shown, tmp_path):
    runs = load_runs(shown, workspace=True, unfinished=True)
    assert list(runs["experiment"]) == ["workspace", "main", "seed1", "seed2", "mlp0", "later"]
    assert runs.loc[5, "state"] == "queued"
    path = tmp_path / "exp.json"
    path.write_text(json.dumps(shown))
    assert load_runs(path).equals(load_runs(json.dumps(shown)))


def test_summary_by_param_is_mean_and_sample_std_over_the_group(shown):
    table = summarize(load_runs(shown), by=["head"], metrics=["model.knn_accuracy", "robustness_ratio", "robustness_ratio_note"])
    monotonic = table.set_index("head").loc["monotonic"]
    assert monotonic["n"] == 3
    assert monotonic["model.knn_accuracy mean"] == pytest.approx(0.93)
    assert monotonic["model.knn_accuracy std"] == pytest.approx(math.sqrt((0.03**2 + 0.01**2 + 0.04**2) / 2))
    assert monotonic["robustness_ratio mean"] == pytest.approx(2.0)  # the undefined ratio is left out ...
    assert monotonic["robustness_ratio n"] == 2  # ... and counted as missing
    assert monotonic["robustness_ratio_note"] == "undefined: model rmse 0"
    assert math.isnan(table.set_index("head").loc["mlp", "model.knn_accuracy std"])


def test_markdown_writes_mean_plus_minus_std():
    table = pd.DataFrame({"head": ["mlp", "monotonic"], "n": [1, 2], "acc mean": [0.8, 0.91], "acc std": [float("nan"), 0.01]})
    lines = to_markdown(table).splitlines()
    assert [cell.strip() for cell in lines[0].strip("|").split("|")] == ["head", "n", "acc"]
    assert "| 0.8 " in lines[2] and "0.91 ± 0.01" in lines[3]


def test_command_prints_the_table_and_writes_csv(shown, tmp_path, capsys):
    source = tmp_path / "exp.json"
    source.write_text(json.dumps(shown))
    main(["--input", str(source), "--by", "head", "--csv", str(tmp_path / "runs.csv")])
    csv = pd.read_csv(tmp_path / "runs.csv")
    assert list(csv["head"]) == ["mlp", "monotonic"] and list(csv["n"]) == [1, 3]
    assert "0.93 ± 0.03606" in capsys.readouterr().out


def test_files_dvc_does_not_list_come_from_each_commit(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    detail = tmp_path / "metrics" / "evaluate" / "model.json"
    detail.parent.mkdir(parents=True)
    revs = []
    for accuracy in (0.5, 0.75):
        detail.write_text(json.dumps({"map_at_r": accuracy}))
        commit(tmp_path, f"map {accuracy}")
        revs.append(subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True).stdout.strip())
    runs = load_runs([revision(rev, None, 0, "mlp", headline(0.9)) for rev in revs])
    added = add_files(runs, ["metrics/evaluate/model.json", "metrics/missing.json"], repo=tmp_path)
    assert list(added["metrics/evaluate/model.json:map_at_r"]) == [0.5, 0.75]
    assert "metrics/evaluate/model.json:map_at_r" in added.attrs["metrics"]
