import numpy as np
import torch
from torch import nn

from embedlab.metrics.dynamics import dimension_dynamics, fixed_subset, output_dimensions
from embedlab.models import build_embedder
from embedlab.training.checkpoint import save_checkpoint


class Stub(nn.Module):
    """Encoder: the 4 pixels of a 2x2 image; head: keeps pixel 0 only, shifted by -0.5."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Flatten()
        self.head = nn.Linear(4, 4)
        with torch.no_grad():
            self.head.weight.copy_(torch.diag(torch.tensor([1.0, 0, 0, 0])))
            self.head.bias.copy_(torch.tensor([-0.5, 0, 0, 0]))


def test_hand_made_dimensions():
    # pixels 0 and 1 vary independently, 2 and 3 are constant: the encoder output spans 2
    # dims, the head output 1, and normalised it is +-e0 (on both sides of 0): 1 dim
    rng = np.random.default_rng(0)
    images = np.zeros((200, 2, 2, 1), dtype=np.uint8)
    images[:, 0, 0, 0] = rng.choice([20, 60, 200, 240], size=200)
    images[:, 0, 1, 0] = rng.integers(0, 256, size=200)
    assert output_dimensions(Stub(), images, torch.device("cpu")) == {"encoder": 2, "head": 1, "normalised": 1}


def test_one_row_per_checkpoint(tmp_path):
    model = build_embedder({"name": "small_cnn", "width": 4, "embedding_dim": 8}, "none", [1, 8, 8])
    for epoch in (0, 1):
        save_checkpoint(tmp_path / f"{epoch:04d}.pt", {"architecture": model.architecture, "model": model.state_dict(), "epoch": epoch})
    images = np.random.default_rng(0).integers(0, 256, size=(30, 8, 8, 1), dtype=np.uint8)
    rows = dimension_dynamics(sorted(tmp_path.glob("*.pt")), images, torch.device("cpu"))
    assert [row["epoch"] for row in rows] == [1, 2]
    assert all(row["encoder"] == row["head"] for row in rows)  # no head: the encoder output is the head output


def test_fixed_subset_is_seeded_and_capped():
    assert np.array_equal(fixed_subset(100, 10, seed=3), fixed_subset(100, 10, seed=3))
    assert fixed_subset(5, 10, seed=0).tolist() == [0, 1, 2, 3, 4]
