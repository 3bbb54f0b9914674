"""One real study, end to end, in a temporary copy: study 1 on digits with two heads, two
seeds and 1 + 2 epochs -- a 2 x 2 queue run by DVC, exported and tabulated (mean ± std
per head over the seeds)."""

import dataclasses
import json

import pandas as pd
import pytest

from studies import common, monocon


@pytest.mark.slow
def test_two_seed_mini_study(tmp_path):
    study = dataclasses.replace(monocon.settings("tiny"), grid=[{"head": "monotonic"}, {"head": "mlp"}])
    directory, results = tmp_path / "copy", tmp_path / "results"
    results.mkdir()
    common.prepare_workspace(study, directory)
    assert len(common.queue(study, directory)) == 4
    common.run_queue(directory, tmp_path / "queue.log")
    exp_show = common.export(study, directory, results)
    curves = common.collect_files(study, directory, (*common.VALIDATION_CURVES, common.DIMS_CURVE, common.RETRIEVAL_TABLE))
    monocon.tabulate(study, directory, results, exp_show, curves)
    retrieval = pd.DataFrame(curves[common.RETRIEVAL_TABLE])  # study 7 reads these rows: every run, both roles
    assert retrieval.groupby("experiment")["role"].nunique().to_dict() == {name: 2 for name, _ in study.experiments()}

    table = pd.read_csv(results / "monocon.csv").set_index("head")
    assert sorted(table.index) == ["mlp", "monotonic"] and table["n"].tolist() == [2, 2]
    for head in ("monotonic", "mlp"):
        refs = [sha for name, sha in common.experiment_refs(directory).items() if name.startswith(f"{head}-")]
        dims = [json.loads(common.read_at(directory, sha, "metrics/headline.json"))["model"]["dim99"] for sha in refs]
        assert len(dims) == 2 and table.loc[head, "model.dim99 mean"] == pytest.approx(sum(dims) / 2)
        assert table.loc[head, "model.dim99 std"] == pytest.approx(pd.Series(dims).std())  # sample std over the seeds
    convergence = pd.read_csv(results / "convergence.csv").set_index("arm")
    assert convergence.loc["monotonic", "n"] == 2 and convergence.loc["baseline", "n"] == 2
    assert {"dynamics.png", "dynamics.html", "frontier.png", "frontier.html", "monocon.md", "exp_show.json"} <= {p.name for p in results.iterdir()}
