"""One real study, end to end, in a temporary copy: study 1 on digits with one head, two
seeds and 1 + 2 epochs -- queued, run by DVC's queue, exported and tabulated."""

import dataclasses
import json

import pandas as pd
import pytest

from studies import common, monocon


@pytest.mark.slow
def test_two_seed_mini_study(tmp_path):
    study = dataclasses.replace(monocon.settings("tiny"), grid=[{"head": "monotonic"}])
    directory, results = tmp_path / "copy", tmp_path / "results"
    results.mkdir()
    common.prepare_workspace(study, directory)
    assert len(common.queue(study, directory)) == 2
    common.run_queue(directory, tmp_path / "queue.log")
    exp_show = common.export(study, directory, results)
    curves = common.collect_files(study, directory, (*monocon.CURVES, common.DIMS_CURVE))
    monocon.tabulate(study, directory, results, exp_show, curves)

    table = pd.read_csv(results / "monocon.csv")
    assert table["head"].tolist() == ["monotonic"] and table["n"].tolist() == [2]
    headlines = [json.loads(common.read_at(directory, sha, "metrics/headline.json")) for sha in common.experiment_refs(directory).values()]
    assert table["model.dim99 mean"].iloc[0] == pytest.approx(sum(h["model"]["dim99"] for h in headlines) / 2)
    convergence = pd.read_csv(results / "convergence.csv").set_index("arm")
    assert convergence.loc["monotonic", "n"] == 2 and convergence.loc["baseline", "n"] == 2
    assert {"dynamics.png", "dynamics.html", "frontier.png", "frontier.html", "monocon.md", "exp_show.json"} <= {p.name for p in results.iterdir()}
