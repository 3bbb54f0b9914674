"""Pretraining adds a dataset's unlabeled images (STL10's) to its training images, and
only when the loss needs no labels."""

import numpy as np
import pytest
import torch

import embedlab.losses
from embedlab import pipeline
from embedlab.config import load_params
from embedlab.data.datasets import RawDataset
from embedlab.data.prepared import save_prepared
from tests.conftest import REPO


@pytest.fixture
def prepared(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw = RawDataset(np.zeros((40, 8, 8, 1), np.uint8), np.arange(40) % 2, ["a", "b"], unlabeled=np.ones((7, 8, 8, 1), np.uint8))
    empty = np.array([], np.int64)
    save_prepared(pipeline.PREPARED, raw, {"train": np.arange(30), "val": np.arange(30, 40), "test": empty, "holdout": empty}, "toy")


@pytest.mark.parametrize("uses_labels, unlabeled", [(True, None), (False, 7)])
def test_unlabeled_images_only_for_a_loss_without_labels(prepared, tmp_path, monkeypatch, uses_labels, unlabeled):
    build_loss = embedlab.losses.build_nested_loss

    def loss_with_labels_or_not(*args):
        loss = build_loss(*args)
        loss.uses_labels = uses_labels
        return loss

    seen = {}

    class Recorder:
        def __init__(self, model, loss, data, *args):
            seen["data"] = data

        def fit(self):
            return {}

        def discard_resume_state(self):
            pass

    monkeypatch.setattr(embedlab.losses, "build_nested_loss", loss_with_labels_or_not)
    monkeypatch.setattr(pipeline, "Trainer", Recorder)
    pipeline.pretrain(load_params(REPO / "params.yaml"), torch.device("cpu"), pipeline.RunPaths(tmp_path / "m", tmp_path / "live"))
    data = seen["data"]
    assert len(data.train) == 30
    assert data.unlabeled is None if unlabeled is None else data.unlabeled.shape == (unlabeled, 8, 8, 1)
