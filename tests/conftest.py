import copy
from pathlib import Path

import numpy as np
import pytest
import yaml

from embedlab.workspace import REPO, tool_env
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
