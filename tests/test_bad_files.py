"""Bad files make a stage stop with one line and exit status 2, never a traceback."""

import shutil
import subprocess
import sys

import pytest
import torch

from tests.conftest import DEFAULT_PARAMS, stage_env, write_params


def stage(directory, *arguments):
    result = subprocess.run([sys.executable, "-m", *arguments], cwd=directory, env=stage_env(), capture_output=True, text=True)
    return result.returncode, result.stderr.strip()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    directory = tmp_path_factory.mktemp("prepared")
    write_params(directory, DEFAULT_PARAMS)
    assert stage(directory, "stages.prepare") == (0, "")
    return directory


@pytest.fixture
def workdir(prepared, tmp_path):
    shutil.copytree(prepared, tmp_path, dirs_exist_ok=True)
    return tmp_path


def assert_one_line_error(result, *fragments):
    code, stderr = result
    assert code == 2, stderr
    assert stderr.startswith("error: ") and "\n" not in stderr and "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr


def test_truncated_prepared_array(workdir):
    path = workdir / "data/prepared/train_inputs.npy"
    path.write_bytes(path.read_bytes()[:100])
    assert_one_line_error(stage(workdir, "stages.pretrain"), "train_inputs.npy is missing or corrupt", "dvc repro prepare")
    assert not (workdir / "models").exists()


def test_corrupt_metadata(workdir):
    (workdir / "data/prepared/meta.json").write_text("{not json")
    assert_one_line_error(stage(workdir, "stages.pretrain"), "meta.json is unreadable")


def test_checkpoint_that_is_not_a_checkpoint(workdir):
    (workdir / "models/pretrain").mkdir(parents=True)
    (workdir / "models/pretrain/best.pt").write_bytes(b"\x00garbage" * 100)
    assert_one_line_error(stage(workdir, "stages.train", "baseline"), "models/pretrain/best.pt is not a readable checkpoint")


class Exploit:
    """Unpickling this would call print(): a stand-in for arbitrary code."""

    def __reduce__(self):
        return (print, ("arbitrary code ran",))


def test_checkpoint_that_would_run_code_is_refused(workdir):
    """weights_only=True: a pickle that calls arbitrary functions is not loaded."""
    (workdir / "models/pretrain").mkdir(parents=True)
    torch.save({"model": Exploit(), "architecture": {}}, workdir / "models/pretrain/best.pt")
    result = subprocess.run([sys.executable, "-m", "stages.train", "baseline"], cwd=workdir, env=stage_env(), capture_output=True, text=True)
    assert "arbitrary code ran" not in result.stdout
    assert_one_line_error((result.returncode, result.stderr.strip()), "not a readable checkpoint (UnpicklingError)")


def test_checkpoint_without_model_entries(workdir):
    (workdir / "models/pretrain").mkdir(parents=True)
    torch.save({"weights": torch.zeros(2)}, workdir / "models/pretrain/best.pt")
    assert_one_line_error(stage(workdir, "stages.train", "baseline"), "is not an embedlab checkpoint")


def test_missing_upstream_checkpoint(workdir):
    assert_one_line_error(stage(workdir, "stages.evaluate", "model"), "models/model/best.pt does not exist")


def test_corrupt_split_file(workdir):
    (workdir / "split.json").write_text("[1, 2")
    params = {**DEFAULT_PARAMS, "prepare": {**DEFAULT_PARAMS["prepare"], "split_file": "split.json"}}
    write_params(workdir, params)
    shutil.rmtree(workdir / "data")
    assert_one_line_error(stage(workdir, "stages.prepare"), "split file split.json is not a split")
    assert not (workdir / "data/prepared").exists()
