import copy

import pytest

from embedlab.plots.report import report_html
from embedlab.plots.run_info import changed_params, provenance, run_rows
from tests.conftest import DEFAULT_PARAMS

META = {"dataset": "digits", "classes": [str(c) for c in range(10)], "sizes": {"holdout": 0, "test": 360, "train": 1293, "val": 144}}
TIMINGS = {"pretrain": {"device": "cpu", "wall_time_s": 12.34}, "model": {"device": "cpu", "wall_time_s": 3.0}}


@pytest.fixture
def changed():
    params = copy.deepcopy(DEFAULT_PARAMS)
    params["head"] = "mlp"
    params["loss"] = [{"name": "supcon", "weight": 1}, {"name": "triplet", "weight": 3}]
    params["matryoshka_dims"] = [8, 128]
    params["base"]["seed"] = 3
    return params


def test_rows_state_the_run(changed):
    rows = dict(run_rows(changed, META, TIMINGS, "experiment tidy-cat on commit abc1234", DEFAULT_PARAMS))
    assert rows["run"] == "experiment tidy-cat on commit abc1234"
    assert rows["dataset"] == "digits: train 1,293, val 144, test 360, 10 classes"
    assert rows["encoder"] == "small_cnn (width 32, embedding_dim 128)"
    assert rows["head"] == "mlp"
    assert rows["loss"] == "supcon (weight 1) + triplet (weight 3), nested over dims [8, 128]"
    assert rows["epochs"] == "pretrain 20, fine-tuning 30 (model: 5 head-only warm-up)"
    assert rows["seed"] == "3" and rows["device"] == "cpu"
    assert rows["training wall time"] == "pretrain 12.3 s, model 3.0 s"
    assert rows["params changed"] == ('base.seed: 0 → 3; head: monotonic → mlp; loss: None → [{"name":"supcon","weight":1},{"name":"triplet","weight":3}]; '
                                      'loss.name: supcon → None; loss.temperature: 0.1 → None; matryoshka_dims: [] → [8,128]')


def test_no_change_and_no_defaults():
    assert dict(run_rows(DEFAULT_PARAMS, META, {}, "commit abc1234", DEFAULT_PARAMS))["params changed"] == "none (params.yaml as committed)"
    rows = dict(run_rows(DEFAULT_PARAMS, META, {}, "commit abc1234", None))
    assert rows["params changed"].startswith("unknown") and rows["training wall time"] == "unknown"


def test_changed_params_compares_dotted_keys_and_whole_lists():
    assert changed_params({"a": {"b": 1, "c": [1, 2]}}, {"a": {"b": 1, "c": [1]}}) == {"a.c": ("[1]", "[1,2]")}


def test_provenance_names_the_experiment(monkeypatch):
    monkeypatch.setenv("DVC_EXP_NAME", "tidy-cat")
    monkeypatch.setenv("DVC_EXP_BASELINE_REV", "abc1234def")
    assert provenance() == "experiment tidy-cat on commit abc1234"


def test_the_report_states_the_run_on_top(changed):
    html = report_html({}, {}, {}, run=run_rows(changed, META, TIMINGS, "commit abc1234", DEFAULT_PARAMS))
    assert html.index('<table class="run">') < html.index("Model against baseline")
    assert "<tr><td>head</td><td>mlp</td></tr>" in html and "head: monotonic → mlp" in html
