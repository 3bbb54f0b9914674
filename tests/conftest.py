import copy
from pathlib import Path

import numpy as np
import pytest
import yaml

from embedlab.workspace import REPO, commit, copy_repository, run, tool_env
DEFAULT_PARAMS = yaml.safe_load((REPO / "params.yaml").read_text())


@pytest.fixture
def params():
    """A fresh copy of the repository's params.yaml as a dict."""
    return copy.deepcopy(DEFAULT_PARAMS)


def write_params(directory, data):
    path = Path(directory) / "params.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def stage_env():
    """Environment for running a stage script from another directory."""
    return {**tool_env(), "PYTHONPATH": str(REPO)}


@pytest.fixture
def clusters():
    """Three well-separated Gaussian clusters in 8-D: (points, labels)."""
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3] * 10
    labels = np.repeat(np.arange(3), 30)
    points = centres[labels] + rng.normal(scale=0.1, size=(90, 8))
    return points.astype(np.float32), labels


def tiny_copy(directory):
    """A committed copy of the repository whose params train for a few epochs only."""
    copy_repository(directory)
    path = Path(directory) / "params.yaml"
    data = yaml.safe_load(path.read_text())
    data["prepare"].update(holdout_classes=[8, 9])  # open-set metrics on two never-trained digits
    data["pretrain"].update(epochs=2)
    data["train"].update(epochs=3, save_every_epoch=True)
    data["warmup"].update(epochs=1)
    data["plots"].update(points_per_class=20)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    commit(directory, "tiny epochs")
    return Path(directory)


def snapshot_metrics(directory):
    """Every metrics and plot-data file of a run, as bytes; not metrics/timings/ (wall-clock
    measurements, different every run)."""
    directory = Path(directory)
    files = [*directory.glob("metrics/**/*.json"), *directory.glob("metrics/**/*.tsv"), *directory.glob("plots/data/**/*.csv")]
    files = [f for f in files if not f.relative_to(directory).is_relative_to("metrics/timings")]
    return {str(f.relative_to(directory)): f.read_bytes() for f in sorted(files)}


@pytest.fixture(scope="session")
def tiny_pipeline(tmp_path_factory):
    """A tiny copy after one `dvc repro`: (directory, DVC's output, metrics snapshot)."""
    directory = tiny_copy(tmp_path_factory.mktemp("pipeline"))
    output = run(["dvc", "repro"], directory).stdout
    commit(directory, "repro")
    return directory, output, snapshot_metrics(directory)



def pytest_collection_modifyitems(config, items):
    """The files that use the session's tiny pipeline (a real ``dvc repro``, minutes) and
    hold the longest tests run first, so that under pytest-xdist's ``--dist loadfile``
    (``make test``: each file in one worker) the longest files do not start last."""
    files = {item.nodeid.split("::")[0] for item in items if "tiny_pipeline" in item.fixturenames}
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in files)
