"""The study definitions: every run of every study is a valid params file, the queue
commands set what the grid says, and (slow) DVC accepts each study's tiny queue."""

import importlib

import pandas as pd
import pytest
import yaml

from embedlab.config import load_params
from embedlab.runs import flatten, load_runs
from embedlab.workspace import run
from studies import common
from tests.conftest import DEFAULT_PARAMS

STUDIES = ["monocon", "contrastive_vs_ce", "triplet_digits", "holdout", "matryoshka_relic", "compact", "text"]


def settings(name, mode):
    module = importlib.import_module(f"studies.{name}")
    if not getattr(module, "available", lambda: True)():
        pytest.skip(f"studies.{name} needs a feature this branch lacks")
    return module.settings(mode)


def test_set_param_args_replace_lists_and_mappings_whole():
    assert common.set_param_args("head", "mlp") == ["-S", "head=mlp"]
    assert common.set_param_args("prepare.samples_per_class", None) == ["-S", "prepare.samples_per_class=null"]
    assert common.set_param_args("matryoshka_dims", [8, 16]) == ["-S", "~matryoshka_dims", "-S", "+matryoshka_dims=[8, 16]"]
    assert common.set_param_args("loss", {"name": "ce"}) == ["-S", "~loss", "-S", "+loss={name: ce}"]


def test_experiments_are_each_setting_at_each_seed():
    study = common.Study("s", {}, [{"head": "monotonic"}, {"head": "mlp"}], seeds=(0, 1))
    assert study.experiments() == [
        ("monotonic-s0", {"head": "monotonic", "base.seed": 0}), ("monotonic-s1", {"head": "monotonic", "base.seed": 1}),
        ("mlp-s0", {"head": "mlp", "base.seed": 0}), ("mlp-s1", {"head": "mlp", "base.seed": 1}),
    ]
    assert [common.setting_of(name) for name, _ in study.experiments()] == ["monotonic", "monotonic", "mlp", "mlp"]
    assert study.varied() == ["head", "base.seed"]


def test_study_params_reject_an_unknown_key():
    with pytest.raises(KeyError, match="train.epcohs"):
        common.study_params(DEFAULT_PARAMS, common.Study("s", {"train.epcohs": 3}, [{}]))


@pytest.mark.parametrize("mode", common.MODES)
@pytest.mark.parametrize("name", STUDIES)
def test_every_run_is_a_valid_params_file(name, mode, tmp_path):
    study = settings(name, mode)
    assert len(study.seeds) == (2 if mode == "tiny" else 3)
    names = [experiment for experiment, _ in study.experiments()]
    assert len(set(names)) == len(names)
    for _, overrides in study.experiments():
        path = tmp_path / "params.yaml"
        path.write_text(yaml.safe_dump(common.study_params(DEFAULT_PARAMS, study, overrides)))
        params = load_params(path)
        assert params.base.seed == overrides["base.seed"]


@pytest.mark.slow
@pytest.mark.parametrize("name", STUDIES)
def test_tiny_queue_is_accepted_by_dvc(name, tmp_path):
    """DVC queues every run, and each queued run carries exactly the params it should."""
    study = settings(name, "tiny")
    directory = common.prepare_workspace(study, tmp_path / "copy")
    common.queue(study, directory)
    shown = load_runs(run(["dvc", "exp", "show", "--json"], directory).stdout, unfinished=True)
    queued = shown[shown["kind"] == "experiment"].set_index("experiment")
    assert sorted(queued.index) == sorted(experiment for experiment, _ in study.experiments())
    for experiment, overrides in study.experiments():
        expected = flatten(common.study_params(DEFAULT_PARAMS, study, overrides))
        actual = queued.loc[experiment]
        for key, value in expected.items():
            assert (pd.isna(actual[key]) if value is None else actual[key] == value), (experiment, key)


def test_runs_files_are_named_after_the_file_or_its_role_folder(tmp_path):
    assert common.runs_file(tmp_path, common.DIMS_CURVE) == tmp_path / "dims_runs.csv"
    assert common.runs_file(tmp_path, common.RETRIEVAL_TABLE) == tmp_path / "retrieval_runs.csv"
