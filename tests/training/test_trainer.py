import math

import numpy as np
import pytest
import torch

from embedlab.data.augment import to_float
from embedlab.data.prepared import Split
from embedlab.losses import LossContext, build_loss
from embedlab.models import build_embedder
from embedlab.training import schedule
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.early_stopping import EarlyStopping
from embedlab.training.trainer import Settings, TrainData, Trainer, TrainingDiverged


class RecordingLive:
    def __init__(self):
        self.rows, self.current = [], {}

    def log_metric(self, name, value):
        self.current[name] = value

    def next_step(self):
        self.rows.append(self.current)
        self.current = {}


def toy_split(n=60, seed=0):
    """Three classes of 8x8 images: a bright row at a class-specific height, plus noise."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % 3
    images = rng.integers(0, 40, size=(n, 8, 8, 1)).astype(np.uint8)
    images[np.arange(n), 1 + 3 * labels, :, 0] = 255
    return Split(images, labels.astype(np.int64))


def settings(**overrides):
    values = dict(epochs=3, batch_size=20, lr=1e-3, weight_decay=0.0, grad_clip=1.0, patience=5, eval_gallery_size=100,
                  seed=0, device=torch.device("cpu"), num_workers=0)
    return Settings(**{**values, **overrides})


def make_trainer(tmp_path, head="none", loss="supcon", **overrides):
    torch.manual_seed(0)
    model = build_embedder({"name": "small_cnn", "width": 4, "embedding_dim": 8}, head, [1, 8, 8])
    data = TrainData(toy_split(), toy_split(seed=1), to_float)
    return Trainer(model, build_loss(loss, LossContext(8, 3)), data, settings(**overrides), tmp_path, RecordingLive(), "fp")


def test_fit_writes_the_best_checkpoint_and_logs_every_epoch(tmp_path):
    trainer = make_trainer(tmp_path)
    best = trainer.fit()
    assert [set(row) for row in trainer.live.rows] == [{"loss", "val_knn_accuracy", "val_dim99", "lr"}] * 3
    saved = load_checkpoint(tmp_path / "best.pt")
    assert saved["epoch"] == best["epoch"] and saved["metrics"]["val_knn_accuracy"] == max(r["val_knn_accuracy"] for r in trainer.live.rows)
    assert (tmp_path / "resume" / "state.pt").exists()
    trainer.discard_resume_state()
    assert not (tmp_path / "resume").exists()
    assert list((tmp_path / "epochs").iterdir()) == []  # save_every_epoch is off


def test_warmup_trains_only_the_head(tmp_path):
    trainer = make_trainer(tmp_path, head="monotonic", epochs=3, warmup_epochs=2, warmup_lr=1e-3)
    encoder_before = {k: v.clone() for k, v in trainer.model.encoder.state_dict().items()}
    head_before = trainer.model.head.hidden.weight.clone()
    trainer._train_epoch(0)
    assert all(torch.equal(encoder_before[k], v) for k, v in trainer.model.encoder.state_dict().items())
    assert not torch.equal(head_before, trainer.model.head.hidden.weight)


def test_same_seed_same_weights(tmp_path):
    first = make_trainer(tmp_path / "a").fit()
    second = make_trainer(tmp_path / "b").fit()
    assert all(torch.equal(first["model"][k], second["model"][k]) for k in first["model"])


def test_nan_loss_stops_with_epoch_step_and_hint(tmp_path):
    trainer = make_trainer(tmp_path)
    with torch.no_grad():  # a NaN in the weights flows through the real loss
        trainer.model.encoder.body[-1].bias.fill_(float("nan"))
    with pytest.raises(TrainingDiverged, match=r"loss became nan at epoch 1, step 1; try a lower learning rate"):
        trainer._train_epoch(0)


def test_early_stopping_patience_and_ties():
    stopper = EarlyStopping(patience=2)
    assert stopper.update(0.5, 0) and stopper.update(0.5, 1)  # a tie keeps the later epoch
    assert not stopper.update(0.4, 2) and not stopper.should_stop
    assert not stopper.update(0.3, 3) and stopper.should_stop
    assert stopper.best_epoch == 1


def test_schedule_warmup_then_cosine():
    assert schedule.encoder_factor(0, 2, 10) == 0.0
    assert schedule.head_factor(1, 2, 10, 0.5) == 0.5
    assert schedule.encoder_factor(2, 2, 10) == pytest.approx(1.0)
    assert schedule.encoder_factor(6, 2, 10) == pytest.approx(0.5)
    assert schedule.cosine_factor(9, 0, 10) == pytest.approx(0.5 * (1 + math.cos(math.pi * 0.9)))


def test_zero_epochs_keeps_and_validates_the_initial_weights(tmp_path):
    trainer = make_trainer(tmp_path, epochs=0)
    initial = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    best = trainer.fit()
    assert [set(row) for row in trainer.live.rows] == [{"val_knn_accuracy", "val_dim99"}]
    assert all(torch.equal(initial[k], best["model"][k]) for k in initial)
    assert (tmp_path / "best.pt").exists()


class Killed(Exception):
    pass


def interrupt_after(trainer, epoch):
    """Make ``trainer`` die right after it has saved the state of ``epoch``."""
    save = trainer._save_state

    def save_then_die(current):
        save(current)
        if current == epoch:
            raise Killed

    trainer._save_state = save_then_die


def test_resumed_run_ends_exactly_like_an_uninterrupted_one(tmp_path):
    reference = make_trainer(tmp_path / "reference", head="monotonic", epochs=4, warmup_epochs=1, warmup_lr=1e-3)
    expected = reference.fit()

    first = make_trainer(tmp_path / "run", head="monotonic", epochs=4, warmup_epochs=1, warmup_lr=1e-3)
    interrupt_after(first, 1)
    with pytest.raises(Killed):
        first.fit()
    second = make_trainer(tmp_path / "run", head="monotonic", epochs=4, warmup_epochs=1, warmup_lr=1e-3)
    result = second.fit()

    assert second.start_epoch == 2
    assert second.live.rows == reference.live.rows  # the replayed log continues the same steps
    assert result["epoch"] == expected["epoch"]
    assert all(torch.equal(result["model"][k], expected["model"][k]) for k in expected["model"])


def test_resume_state_of_other_params_is_discarded_with_a_notice(tmp_path, capsys):
    first = make_trainer(tmp_path)
    interrupt_after(first, 0)
    with pytest.raises(Killed):
        first.fit()
    second = make_trainer(tmp_path)
    second.fingerprint = "other params"
    second.fit()
    assert "discarding" in capsys.readouterr().out
    assert second.start_epoch == 0 and len(second.live.rows) == 3


def test_divergence_keeps_the_best_checkpoint_so_far(tmp_path):
    trainer = make_trainer(tmp_path, epochs=4)
    train_epoch = trainer._train_epoch

    def poisoned(epoch):
        if epoch == 2:  # an infinite weight makes the loss NaN in the third epoch
            with torch.no_grad():
                trainer.model.encoder.body[-1].bias.fill_(float("inf"))
        return train_epoch(epoch)

    trainer._train_epoch = poisoned
    with pytest.raises(TrainingDiverged, match="at epoch 3, step 1"):
        trainer.fit()
    best = load_checkpoint(tmp_path / "resume" / "best.pt")
    state = load_checkpoint(tmp_path / "resume" / "state.pt")
    assert best["epoch"] <= 1 and state["epoch"] == 1
    assert all(torch.isfinite(v).all() for v in best["model"].values() if v.is_floating_point())


def test_save_every_epoch_keeps_one_checkpoint_per_epoch(tmp_path):
    make_trainer(tmp_path, epochs=2, save_every_epoch=True).fit()
    saved = sorted((tmp_path / "epochs").glob("*.pt"))
    assert [load_checkpoint(path)["epoch"] for path in saved] == [0, 1]


def test_encoder_learning_rate_is_its_own_first_group(tmp_path):
    trainer = make_trainer(tmp_path, head="monotonic", encoder_lr=1e-4)
    encoder_group, head_group = trainer.optimizer.param_groups
    assert encoder_group["lr"] == pytest.approx(1e-4) and head_group["lr"] == pytest.approx(1e-3)
    assert {id(p) for p in encoder_group["params"]} == {id(p) for p in trainer.model.encoder.parameters()}


def test_frozen_encoder_trains_only_the_head(tmp_path):
    trainer = make_trainer(tmp_path, head="monotonic", epochs=2, freeze_encoder=True)
    encoder_before = {k: v.clone() for k, v in trainer.model.encoder.state_dict().items()}
    head_before = trainer.model.head.hidden.weight.clone()
    best = trainer.fit()
    assert all(torch.equal(encoder_before[k], best["model"][f"encoder.{k}"]) for k in encoder_before)
    assert not torch.equal(head_before, best["model"]["head.hidden.weight"])


def test_frozen_encoder_without_head_keeps_the_initial_weights(tmp_path):
    trainer = make_trainer(tmp_path, epochs=3, freeze_encoder=True)
    trainer.fit()
    assert [set(row) for row in trainer.live.rows] == [{"val_knn_accuracy", "val_dim99"}]


def test_unlabeled_images_join_the_training_batches(tmp_path):
    trainer = make_trainer(tmp_path)
    trainer.data.unlabeled = toy_split(n=40, seed=2).inputs
    seen = []
    trainer._step = lambda views, labels, progress: seen.append(labels.tolist()) or 1.0
    trainer._train_epoch(0)
    assert len(seen) == (60 + 40) // 20 and sum(label == -1 for batch in seen for label in batch) == 40


@pytest.mark.parametrize("loss, kept_epoch", [("supcon", 0), ("ntxent", 2)])
def test_only_a_loss_with_labels_picks_its_checkpoint_by_validation_labels(tmp_path, loss, kept_epoch):
    """Validation 5-NN falls after the first epoch: supervised training keeps epoch 0,
    self-supervised training keeps its last epoch regardless."""
    trainer = make_trainer(tmp_path, loss=loss, epochs=3)
    scores = iter([0.9, 0.5, 0.4])
    trainer._validate = lambda: {"val_knn_accuracy": next(scores), "val_dim99": 1}
    assert trainer.fit()["epoch"] == kept_epoch
