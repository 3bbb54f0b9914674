"""Atomic writes leave the same bytes whatever temporary name they went through."""

import torch

from embedlab.io import save_torch
from embedlab.training.checkpoint import load_checkpoint


def test_the_same_checkpoint_saved_twice_is_byte_identical(tmp_path):
    state = {"architecture": {"encoder": "small_cnn"}, "model": {"weight": torch.arange(6.0).reshape(2, 3)}, "epoch": 3}
    save_torch(tmp_path / "a" / "best.pt", state)
    save_torch(tmp_path / "b" / "best.pt", state)
    assert (tmp_path / "a" / "best.pt").read_bytes() == (tmp_path / "b" / "best.pt").read_bytes()
    loaded = load_checkpoint(tmp_path / "a" / "best.pt")
    assert loaded["epoch"] == 3 and torch.equal(loaded["model"]["weight"], state["model"]["weight"])
