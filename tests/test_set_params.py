"""`dvc exp run -S` sets every kind of param (README, "Experiments"): a real DVC repository
holding this project's params.yaml and one stage that validates it with the real schema
and component registries; then the runs table over its two experiments."""

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from embedlab.runs import changed_params, dvc_exp_show, load_runs
from embedlab.workspace import REPO, commit, run
from tests.conftest import stage_env

pytestmark = pytest.mark.slow

VALIDATE = """\
import json
from embedlab.config import load_params
params = load_params()
json.dump(params.model_dump(mode="json"), open("resolved.json", "w"))
parts = len(params.loss) if isinstance(params.loss, list) else 1
json.dump({"loss_parts": parts, "nested_dims": len(params.matryoshka_dims)}, open("metrics/headline.json", "w"))
"""
PIPELINE = {"stages": {"validate": {
    "cmd": "python validate.py",
    "deps": ["validate.py"],
    "params": ["base", "dataset", "encoder", "head", "loss", "matryoshka_dims", "matryoshka_weights", "augment",
               "prepare", "pretrain", "train", "warmup", "evaluate", "plots"],
    "outs": [{"resolved.json": {"cache": False}}],
    "metrics": [{"metrics/headline.json": {"cache": False}}],
}}}
MIX = "[{name: supcon, weight: 1}, {name: multisimilarity, weight: 3}]"


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    directory = tmp_path_factory.mktemp("set_params")
    (directory / "params.yaml").write_text((REPO / "params.yaml").read_text())
    (directory / "validate.py").write_text(VALIDATE)
    (directory / "dvc.yaml").write_text(yaml.safe_dump(PIPELINE, sort_keys=False))
    (directory / "metrics").mkdir()
    run(["git", "init", "-q", "-b", "main"], directory)
    run(["dvc", "init", "-q"], directory)
    dvc(directory, "repro")
    commit(directory, "default params")
    return directory


def dvc(directory, *arguments, check=True):
    result = subprocess.run(["dvc", *arguments], cwd=directory, env=stage_env(), capture_output=True, text=True)
    assert result.returncode == 0 or not check, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def resolved(directory):
    return json.loads((Path(directory) / "resolved.json").read_text())


def test_a_list_valued_loss_mix_and_other_lists(repository):
    dvc(repository, "exp", "run", "-n", "mix", "-S", "~loss", "-S", f"+loss={MIX}",
        "-S", "matryoshka_dims=[8,16,32,64,128]", "-S", "prepare.holdout_classes=[7,8,9]",
        "-S", "prepare.num_classes=10", "-S", "evaluate.metrics=[{name: knn, k: 3}, compactness, robustness]")
    params = resolved(repository)
    assert params["loss"] == [{"name": "supcon", "weight": 1}, {"name": "multisimilarity", "weight": 3}]
    assert params["matryoshka_dims"] == [8, 16, 32, 64, 128]
    assert params["prepare"]["holdout_classes"] == [7, 8, 9] and params["prepare"]["num_classes"] == 10
    assert params["evaluate"]["metrics"] == [{"name": "knn", "k": 3}, "compactness", "robustness"]


def test_a_mapping_valued_encoder_and_names(repository):
    dvc(repository, "exp", "run", "-n", "resnet", "-S", "~encoder", "-S", "+encoder={name: resnet18, cifar_stem: false}",
        "-S", "loss=triplet", "-S", "head=mlp", "-S", "augment.flip=true")
    params = resolved(repository)
    assert params["encoder"] == {"name": "resnet18", "cifar_stem": False}
    assert params["loss"] == "triplet" and params["head"] == "mlp"
    assert params["augment"] == {"name": "basic", "flip": True}


def test_the_trap_a_mapping_merges_into_a_mapping(repository):
    """Without `~`, DVC merges a mapping into the current one: keys it lacks are refused."""
    (Path(repository) / "params.yaml").write_text((REPO / "params.yaml").read_text())
    result = dvc(repository, "exp", "run", "-S", "encoder={name: resnet18, cifar_stem: false}", check=False)
    assert result.returncode != 0 and "cifar_stem" in result.stdout + result.stderr


def test_runs_table_of_the_two_experiments(repository):
    runs = load_runs(dvc_exp_show(repository))
    runs = runs.set_index("experiment")
    assert {"mix", "resnet"} <= set(runs.index) and runs.loc["mix", "parent"] == "main"
    assert runs.loc["mix", "loss_parts"] == 2 and runs.loc["resnet", "loss_parts"] == 1
    assert runs.loc["mix", "nested_dims"] == 5
    assert json.loads(runs.loc["mix", "loss"]) == [{"name": "supcon", "weight": 1}, {"name": "multisimilarity", "weight": 3}]
    assert runs.loc["resnet", "encoder.name"] == "resnet18" and runs.loc["resnet", "loss"] == "triplet"
    assert {"head", "encoder.name", "matryoshka_dims"} <= set(changed_params(runs.reset_index()))
