"""Numeric precision of training and inference (``base.precision``).

``fp32``: full precision. ``bf16``: bfloat16 autocast, on CUDA and on CPU (PyTorch's
CPU autocast supports bfloat16; on CPUs without native bfloat16 instructions it is
slower than fp32, so it is for checking a GPU recipe on CPU, not for speed). ``fp16``:
float16 autocast with a gradient scaler, CUDA only: on CPU it stops with one line
before any work (:func:`check`).
"""

import contextlib

import torch

from embedlab.errors import ConfigError

DTYPES = {"fp32": None, "bf16": torch.bfloat16, "fp16": torch.float16}


def check(precision, device):
    if precision == "fp16" and device.type != "cuda":
        raise ConfigError("base.precision", precision, "fp32 or bf16 on CPU (fp16 autocast and its grad scaler need CUDA)")


def autocast(device, precision):
    dtype = DTYPES[precision]
    return contextlib.nullcontext() if dtype is None else torch.autocast(device.type, dtype=dtype)


def grad_scaler(device, precision):
    """Scales the loss against float16 underflow; a pass-through unless ``fp16``."""
    return torch.amp.GradScaler(device.type, enabled=precision == "fp16")
