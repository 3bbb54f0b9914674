"""Checkpoints: plain dicts of tensors, numbers and strings, written atomically and read
back with ``weights_only=True`` (no arbitrary code runs on load)."""

from pathlib import Path

import torch

from embedlab.errors import DataError
from embedlab.io import save_torch


def save_checkpoint(path, state):
    save_torch(path, state)


def load_checkpoint(path, map_location="cpu"):
    path = Path(path)
    if not path.is_file():
        raise DataError(f"checkpoint {path} does not exist; run the stage that writes it (dvc repro)")
    try:
        state = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as error:  # torch raises many types for a file that is not a checkpoint
        raise DataError(f"{path} is not a readable checkpoint ({type(error).__name__})") from None
    if not isinstance(state, dict) or "model" not in state or "architecture" not in state:
        raise DataError(f"{path} is not an embedlab checkpoint (no model / architecture entries)")
    return state
