"""Seeds, determinism and device choice."""

import os
import random

import numpy as np
import torch

from embedlab.errors import ConfigError
from embedlab.training import distributed, precision


def resolve_device(name):
    """``auto`` picks CUDA when present; asking for CUDA without one is an error."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("base.device", name, "auto or cpu (no CUDA device is visible)")
    return torch.device(name)


def seed_everything(seed, device, deterministic=True):
    """Seed every RNG. ``deterministic`` restricts PyTorch to deterministic algorithms
    (on CPU the same params and seed then give byte-identical results); without it,
    cuDNN autotunes its convolutions on CUDA, faster but not bit-reproducible."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    if deterministic and device.type == "cuda":
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # read when cuBLAS starts, hence before any CUDA work
    torch.use_deterministic_algorithms(deterministic)
    torch.backends.cudnn.benchmark = not deterministic


def start(params):
    """Resolve the device, check the precision it can run and seed every RNG; call
    before building anything random."""
    device = distributed.setup(resolve_device(params.base.device))
    precision.check(params.base.precision, device)
    seed_everything(params.base.seed, device, params.base.deterministic)
    return device
