"""Faults injected into the real pipeline: a second run gives the same bytes, and a
training process killed with SIGKILL resumes and ends exactly like an uninterrupted run."""

import signal
import subprocess
import time

import psutil
import pytest

from embedlab.workspace import run, tool_env
from tests.conftest import snapshot_metrics, tiny_copy

pytestmark = pytest.mark.slow


def test_same_params_and_seed_give_byte_identical_metrics(tiny_pipeline, tmp_path):
    _, _, expected = tiny_pipeline
    directory = tiny_copy(tmp_path)
    run(["dvc", "repro"], directory)
    assert snapshot_metrics(directory) == expected


def stage_process(directory, *arguments):
    for process in psutil.process_iter(["cmdline", "cwd"]):
        cmdline = process.info["cmdline"] or []
        if process.info["cwd"] == str(directory) and all(a in cmdline for a in arguments):
            return process
    return None


def kill_during_second_epoch(directory):
    """Start `dvc repro`; SIGKILL the model's training process once its first epoch is saved."""
    repro = subprocess.Popen(["dvc", "repro"], cwd=directory, env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    state = directory / "models/model/resume/state.pt"
    deadline = time.monotonic() + 600
    while not state.exists():
        assert repro.poll() is None, f"dvc repro ended before the model trained:\n{repro.stdout.read()}"
        assert time.monotonic() < deadline, "no resume state appeared"
        time.sleep(0.01)
    stage_process(directory, "stages.train", "model").send_signal(signal.SIGKILL)
    output = repro.communicate(timeout=120)[0]
    assert repro.returncode != 0, output


def test_training_killed_mid_epoch_resumes_to_the_same_metrics(tiny_pipeline, tmp_path):
    _, _, expected = tiny_pipeline
    directory = tiny_copy(tmp_path)
    kill_during_second_epoch(directory)

    # the killed stage left nothing DVC would take for a finished output
    for output in ("models/model/best.pt", "metrics/train/model/metrics.json", "metrics/train/model/plots"):
        assert not (directory / output).exists(), output
    assert "train_model" in run(["dvc", "status"], directory).stdout

    output = run(["dvc", "repro"], directory).stdout
    assert "resuming from models/model/resume/state.pt after epoch 1" in output
    assert not (directory / "models/model/resume").exists()
    assert snapshot_metrics(directory) == expected
