"""DDP on CPU with the gloo backend and 2 processes against one process on the whole
batch. Batch norm is replaced by a per-image normalisation here: per-rank batch
statistics are exactly what SyncBatchNorm would fix, and PyTorch's SyncBatchNorm runs on
GPUs only."""

import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing
import yaml

from embedlab.data.augment import to_float
from embedlab.losses import LossContext, build_loss
from embedlab.models import build_embedder
from embedlab.training import distributed
from embedlab.training.batched import CropFlip
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.trainer import TrainData, Trainer
from embedlab.workspace import commit, run
from tests.conftest import tiny_copy, write_params
from tests.training.test_trainer import Killed, RecordingLive, interrupt_after, settings, toy_split

CASES = {"supcon, batched crops": ("supcon", CropFlip(1, True)), "ntxent, per-item loader": ("ntxent", None)}


def without_batchnorm(model):
    for module in list(model.modules()):
        for name, child in module.named_children():
            if isinstance(child, torch.nn.BatchNorm2d):
                setattr(module, name, torch.nn.GroupNorm(1, child.num_features))
    return model


def make_trainer(run_dir, case):
    loss, batched = CASES[case]
    torch.manual_seed(0)
    model = without_batchnorm(build_embedder({"name": "small_cnn", "width": 4, "embedding_dim": 8}, "monotonic", (1, 8, 8)))
    data = TrainData(toy_split(), toy_split(seed=1), to_float, batched=batched)
    recipe = settings(epochs=3, batch_size=20, warmup_epochs=1, warmup_lr=1e-3)
    return Trainer(model, build_loss(loss, LossContext(8, 3)), data, recipe, run_dir, RecordingLive(), "fp")


def train(run_dir, case, kill_after=None):
    if kill_after is not None:
        first = make_trainer(run_dir, case)
        interrupt_after(first, kill_after)
        with pytest.raises(Killed):
            first.fit()
        distributed.barrier()  # a rerun starts once every rank is gone, so rank 0 has written its state
    trainer = make_trainer(run_dir, case)
    trainer.fit()
    return trainer


def rank_main(rank, store, run_dir, case, kill_after):
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
    try:
        trainer = train(run_dir, case, kill_after)
        torch.save(trainer.live.rows, f"{run_dir}/rows{rank}.pt")
    finally:
        dist.destroy_process_group()


def two_processes(tmp_path, case, kill_after=None):
    tmp_path.mkdir(parents=True, exist_ok=True)
    run_dir = tmp_path / "ddp"
    torch.multiprocessing.spawn(rank_main, args=(tmp_path / "store", run_dir, case, kill_after), nprocs=2)
    return run_dir


@pytest.mark.parametrize("case", CASES)
def test_two_ranks_train_like_one_process_on_the_whole_batch(tmp_path, case):
    single = train(tmp_path / "single", case)
    run_dir = two_processes(tmp_path, case)
    expected, got = load_checkpoint(tmp_path / "single" / "best.pt"), load_checkpoint(run_dir / "best.pt")
    assert got["epoch"] == expected["epoch"]
    for key, value in expected["model"].items():
        torch.testing.assert_close(got["model"][key], value, rtol=1e-4, atol=1e-5)
    for rank in (0, 1):  # every rank computes the loss of the global batch and validates the same model
        rows = torch.load(run_dir / f"rows{rank}.pt")
        assert len(rows) == len(single.live.rows) == 3
        for row, reference in zip(rows, single.live.rows, strict=True):
            assert row["loss"] == pytest.approx(reference["loss"], rel=1e-5)
            assert row["val_knn_accuracy"] == reference["val_knn_accuracy"]
    assert sorted(p.name for p in run_dir.iterdir()) == ["best.pt", "epochs", "resume", "rows0.pt", "rows1.pt"]


def test_two_ranks_resume_after_a_kill_like_an_uninterrupted_run(tmp_path):
    case = "supcon, batched crops"
    uninterrupted = load_checkpoint(two_processes(tmp_path / "a", case) / "best.pt")
    resumed = load_checkpoint(two_processes(tmp_path / "b", case, kill_after=1) / "best.pt")
    assert resumed["epoch"] == uninterrupted["epoch"]
    assert all(torch.equal(resumed["model"][k], uninterrupted["model"][k]) for k in uninterrupted["model"])
    assert np.isfinite(resumed["metrics"]["loss"])


def outputs_layout(directory):
    """Every file the pipeline wrote (models, metrics, plots, embeddings), by path."""
    return sorted(str(p.relative_to(directory)) for folder in ("models", "metrics", "plots", "data/embeddings")
                  for p in (directory / folder).rglob("*") if p.is_file())


@pytest.mark.slow
def test_two_process_repro_writes_the_single_process_outputs(tmp_path, tiny_pipeline):
    directory = tiny_copy(tmp_path / "ddp")
    params = yaml.safe_load((directory / "params.yaml").read_text())
    params["pretrain"]["nproc_per_node"] = params["train"]["nproc_per_node"] = 2
    write_params(directory, params)
    commit(directory, "two processes per training stage")
    run(["dvc", "repro"], directory)
    assert outputs_layout(directory) == outputs_layout(tiny_pipeline[0])
    assert not list(directory.glob("models/*/resume"))
