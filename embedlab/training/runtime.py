"""Seeds, determinism and device choice."""

import os
import random

import numpy as np
import torch

from embedlab.errors import ConfigError


def resolve_device(name):
    """``auto`` picks CUDA when present; asking for CUDA without one is an error."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("base.device", name, "auto or cpu (no CUDA device is visible)")
    return torch.device(name)


def seed_everything(seed, device):
    """Seed every RNG. On CPU all algorithms are deterministic, so the same params and
    seed give byte-identical results; on CUDA cuDNN autotuning is left on for speed."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    if device.type == "cpu":
        torch.use_deterministic_algorithms(True)
    else:
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.backends.cudnn.benchmark = True


def start(params):
    """Resolve the device and seed every RNG; call before building anything random."""
    device = resolve_device(params.base.device)
    seed_everything(params.base.seed, device)
    return device
