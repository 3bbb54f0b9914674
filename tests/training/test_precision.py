"""Device choice, precision, memory format and determinism: the CUDA paths are checked
without a GPU by faking torch.cuda.is_available (no test here runs anything on a GPU)."""

import subprocess
import sys

import pytest
import torch

from embedlab.errors import ConfigError
from embedlab.training import precision
from embedlab.training.runtime import resolve_device, seed_everything
from tests.conftest import stage_env, write_params
from tests.training.test_trainer import make_trainer


@pytest.mark.parametrize("visible, expected", [(True, "cuda"), (False, "cpu")])
def test_auto_picks_cuda_only_when_visible(monkeypatch, visible, expected):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: visible)
    assert resolve_device("auto").type == expected
    assert resolve_device("cpu").type == "cpu"


def test_cuda_without_a_device_is_a_config_error(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ConfigError, match="base.device='cuda'"):
        resolve_device("cuda")


def test_fp16_needs_cuda():
    with pytest.raises(ConfigError, match="base.precision='fp16'.*need CUDA"):
        precision.check("fp16", torch.device("cpu"))
    for name in ("fp32", "bf16"):
        precision.check(name, torch.device("cpu"))
    precision.check("fp16", torch.device("cuda"))


@pytest.mark.parametrize("name, dtype", [("fp32", torch.float32), ("bf16", torch.bfloat16)])
def test_autocast_on_cpu_computes_in_the_chosen_dtype(name, dtype):
    layer = torch.nn.Linear(4, 3)
    with precision.autocast(torch.device("cpu"), name):
        assert layer(torch.ones(2, 4)).dtype == dtype


def test_only_fp16_scales_the_loss(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)  # GradScaler disables itself without CUDA
    cuda = torch.device("cuda")
    assert [precision.grad_scaler(cuda, name).is_enabled() for name in ("fp32", "bf16", "fp16")] == [False, False, True]
    assert not precision.grad_scaler(torch.device("cpu"), "bf16").is_enabled()


@pytest.mark.parametrize("deterministic", [True, False])
def test_deterministic_switches_algorithms_and_autotuning(deterministic):
    try:
        seed_everything(0, torch.device("cpu"), deterministic)
        assert torch.are_deterministic_algorithms_enabled() == deterministic
        assert torch.backends.cudnn.benchmark == (not deterministic)
    finally:
        seed_everything(0, torch.device("cpu"), True)


def test_bf16_channels_last_training_on_cpu(tmp_path):
    trainer = make_trainer(tmp_path, epochs=1, precision="bf16", channels_last=True)
    conv = next(m for m in trainer.model.modules() if isinstance(m, torch.nn.Conv2d))
    assert conv.weight.is_contiguous(memory_format=torch.channels_last)
    before = conv.weight.detach().clone()
    assert torch.isfinite(torch.tensor(trainer._train_epoch(0)))
    assert not torch.equal(before, conv.weight)


def test_fp16_on_cpu_stops_the_stage_with_one_line_before_any_work(tmp_path, params):
    params["base"].update(device="cpu", precision="fp16")
    write_params(tmp_path, params)
    result = subprocess.run([sys.executable, "-m", "stages.pretrain"], cwd=tmp_path, env=stage_env(), capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: params: base.precision='fp16' is not allowed; expected fp32 or bf16 on CPU "
        "(fp16 autocast and its grad scaler need CUDA)"
    )
    assert not (tmp_path / "models").exists()
