"""One training loop for pretraining and fine-tuning.

Per epoch: optional head-only warm-up, AdamW steps with gradient clipping, a cosine
schedule, validation 5-NN accuracy (for sentence pairs: :func:`validation_score`) and
99%-variance dimension, dvclive logging, early stopping on that validation score
(best checkpoint kept), an atomic resume state, and
with ``save_every_epoch`` a checkpoint per epoch (``run_dir/epochs``, for the dynamics analysis).
Every epoch reseeds its shuffling and augmentation from (seed, epoch), so a run
resumed after a kill continues exactly as an uninterrupted one.
"""

import functools
import math
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from embedlab.data.datasets import modality
from embedlab.data.loaders import train_loader
from embedlab.errors import EmbedlabError
from embedlab.io import atomic_dir
from embedlab.metrics.compactness import pca_dimension
from embedlab.metrics.context import EvalContext
from embedlab.metrics.knn import knn_accuracy
from embedlab.metrics.sts import pair_spearman
from embedlab.training import distributed, schedule
from embedlab.training.batched import DeviceBatches, DeviceSplit
from embedlab.training.checkpoint import load_checkpoint, save_checkpoint
from embedlab.training.early_stopping import EarlyStopping
from embedlab.training.inference import embed_inputs
from embedlab.training.precision import autocast, grad_scaler
from embedlab.training.target import TargetNetwork

VALIDATION_K = 5  # MonoCon selects checkpoints and stops early on validation 5-NN


class TrainingDiverged(EmbedlabError):
    pass


def validation_key(val):
    """The validation score's name: 5-NN accuracy for images; for sentence pairs the STS
    Spearman of the validation pairs (STS-B dev) when they have scores, else in-pair
    retrieval (a sentence's nearest other validation sentence is its partner)."""
    if modality(val.inputs) == "image":
        return "val_knn_accuracy"
    return "val_spearman" if val.scores is not None else "val_pair_retrieval"


def validation_score(context, val):
    """{:func:`validation_key`: its value} for the validation split embedded in ``context``."""
    key = validation_key(val)
    if key == "val_knn_accuracy":
        return {key: knn_accuracy(context, k=VALIDATION_K)["knn_accuracy"]}
    if key == "val_spearman":
        return {key: pair_spearman(context.query, val.scores)}
    return {key: knn_accuracy(EvalContext.open_set(context.query, val.labels), k=1)["knn_accuracy"]}


@dataclass
class Settings:
    epochs: int
    batch_size: int
    lr: float
    weight_decay: float
    grad_clip: float | None
    patience: int
    eval_gallery_size: int
    seed: int
    device: torch.device
    num_workers: int
    precision: str = "fp32"  # fp32 | bf16 | fp16 (embedlab/training/precision.py)
    channels_last: bool = False
    compile: bool = False
    sync_batchnorm: bool = False  # under DDP (embedlab/training/distributed.py)
    warmup_epochs: int = 0
    warmup_lr: float | None = None
    save_every_epoch: bool = False
    encoder_lr: float | None = None  # None: lr
    freeze_encoder: bool = False


@dataclass
class TrainData:
    train: object  # prepared Split
    val: object
    transform: object
    unlabeled: object = None  # extra uint8 images for losses without labels (STL10's unlabeled split)
    batched: object = None  # the augmentation as a batched CropFlip on the device (embedlab/training/batched.py), if it is one


class Trainer:
    """Trains ``model`` with ``loss``; writes ``run_dir/best.pt`` when done.

    ``run_dir/resume/`` holds the last finished epoch's state and the best checkpoint
    so far, until :meth:`discard_resume_state`. ``fingerprint`` identifies the
    params and inputs: a resume state with another fingerprint is discarded.

    A loss with a ``target_schedule`` (ReLIC) gets the outputs of an EMA copy of the
    model as ``targets``; the copy follows the model after every optimiser step and is
    part of the resume state.

    ``extras`` are copied into every model checkpoint (e.g. the nested dims that
    evaluation cuts prefixes at).
    """

    def __init__(self, model, loss, data, settings, run_dir, live, fingerprint, extras=None):
        self.memory_format = torch.channels_last if settings.channels_last else torch.preserve_format
        self.model = distributed.prepare(model, settings.sync_batchnorm).to(settings.device, memory_format=self.memory_format)
        self.encoder_frozen = settings.freeze_encoder
        self._forwards = {}  # the module a step calls, per frozen state (see _forward)
        self.scaler = grad_scaler(settings.device, settings.precision)
        self.loss = loss.to(settings.device)
        self.target = TargetNetwork(self.model, loss.target_schedule) if loss.target_schedule else None
        self.data = data
        self.s = settings
        self.run_dir = Path(run_dir)
        self.resume_dir = self.run_dir / "resume"
        self.live = live
        self.fingerprint = fingerprint
        self.extras = extras or {}
        self.optimizer = self._optimizer()
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, self._lr_factors())
        self.stopper = EarlyStopping(settings.patience)
        self.history = []
        self.start_epoch = 0
        gallery_rng = np.random.default_rng(settings.seed)
        size = min(settings.eval_gallery_size, len(data.train))
        self.gallery_index = np.sort(gallery_rng.choice(len(data.train), size=size, replace=False))

    # -- setup ---------------------------------------------------------------
    def _head_parameters(self):
        return [*self.model.head.parameters(), *self.loss.parameters()]

    def _optimizer(self):
        groups = [{"params": list(self.model.encoder.parameters()), "lr": self.s.encoder_lr or self.s.lr}]
        head = [p for p in self._head_parameters() if p.requires_grad]
        if head:
            groups.append({"params": head})
        return torch.optim.AdamW(groups, lr=self.s.lr, weight_decay=self.s.weight_decay)

    def _lr_factors(self):
        warmup, total = self.s.warmup_epochs, self.s.epochs
        ratio = (self.s.warmup_lr or self.s.lr) / self.s.lr
        factors = [lambda e: schedule.encoder_factor(e, warmup, total)]
        if len(self.optimizer.param_groups) > 1:
            factors.append(lambda e: schedule.head_factor(e, warmup, total, ratio))
        return factors

    # -- one epoch -----------------------------------------------------------
    def _seed_epoch(self, epoch):
        """Seeds the per-item augmentations (each DDP rank its own stream) and returns the
        seed of the epoch's shuffle, the same on every rank."""
        seed = self.s.seed * 100_003 + epoch
        torch.manual_seed(seed + (distributed.rank() << 40))
        return seed

    def _set_mode(self, epoch):
        frozen = self.s.freeze_encoder or epoch < self.s.warmup_epochs
        self.model.train()
        self.loss.train()
        for p in self.model.encoder.parameters():
            p.requires_grad_(not frozen)
        if frozen:
            self.model.encoder.eval()  # frozen encoder: batch-norm statistics stay put
        self.encoder_frozen = frozen

    def _forward(self):
        """The model as a training step calls it: in DDP under torchrun, compiled with
        ``compile``; both share the model's weights."""
        if self.encoder_frozen not in self._forwards:
            module = distributed.wrap(self.model, self.s.device)
            self._forwards[self.encoder_frozen] = torch.compile(module) if self.s.compile else module
        return self._forwards[self.encoder_frozen]

    def _train_epoch(self, epoch):
        self._set_mode(epoch)
        loader = self._batches(epoch)
        total, count = 0.0, 0
        bar = tqdm(loader, desc=f"epoch {epoch + 1}/{self.s.epochs}", leave=False, dynamic_ncols=True, disable=None)
        for step, (views, labels) in enumerate(bar):
            loss = self._step(views, labels.to(self.s.device), (epoch + (step + 1) / len(loader)) / self.s.epochs)
            if not math.isfinite(loss):
                raise TrainingDiverged(
                    f"loss became {loss} at epoch {epoch + 1}, step {step + 1}; "
                    "try a lower learning rate or a higher loss temperature"
                )
            total, count = total + loss, count + 1
            bar.set_postfix(loss=f"{loss:.4f}")
        return total / max(count, 1)

    def _batches(self, epoch):
        """Batched crops and flips on the device when the augmentation allows, else the per-item DataLoader."""
        if self.data.batched is not None:
            return DeviceBatches(self._device_split, self.data.batched, self.loss.views, self.s.batch_size, self._seed_epoch(epoch),
                                 self._shard)
        return train_loader(
            self.data.train, self.data.transform, self.loss.views, self.s.batch_size, self._seed_epoch(epoch), self.s.num_workers,
            self.data.unlabeled, self._shard,
        )

    @property
    def _shard(self):
        return distributed.rank(), distributed.world_size()

    @functools.cached_property
    def _device_split(self):
        return DeviceSplit.of(self.data.train, self.s.device, self.data.unlabeled)

    def _step(self, views, labels, progress):
        """One optimiser step; ``progress`` (the fraction of training done after it) sets
        the target network's EMA coefficient."""
        batch = torch.cat(views).to(self.s.device, non_blocking=True, memory_format=self.memory_format)
        with autocast(self.s.device, self.s.precision):
            outputs = [distributed.gather(o) for o in self._forward()(batch).float().chunk(len(views))]
            targets = [distributed.gather(t) for t in self.target.outputs(batch, len(views))] if self.target else None
            labels = distributed.gather(labels)  # under DDP the loss sees the whole global batch
            loss = self.loss(list(outputs), labels, targets)
        self.optimizer.zero_grad(set_to_none=True)
        if not torch.isfinite(loss):
            return float(loss.detach())
        self.scaler.scale(loss).backward()
        if self.s.grad_clip is not None:
            self.scaler.unscale_(self.optimizer)
            trainable = [p for group in self.optimizer.param_groups for p in group["params"]]
            torch.nn.utils.clip_grad_norm_(trainable, self.s.grad_clip)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        if self.target:
            self.target.update(progress)
        return float(loss.detach())

    # -- validation ----------------------------------------------------------
    def _validate(self):
        distributed.sync_buffers(self.model)
        gallery = embed_inputs(self.model, self.data.train.inputs[self.gallery_index], self.s.device, self.s.precision)
        query = embed_inputs(self.model, self.data.val.inputs, self.s.device, self.s.precision)
        context = EvalContext(gallery, self.data.train.labels[self.gallery_index], query, self.data.val.labels)
        return {**validation_score(context, self.data.val), "val_dim99": pca_dimension(context.gallery)}

    # -- checkpoints -----------------------------------------------------------
    def _model_checkpoint(self, epoch, metrics):
        return {
            "architecture": self.model.architecture,
            "model": self.model.state_dict(),
            "loss": self.loss.state_dict(),
            "epoch": epoch,
            "metrics": metrics,
            **self.extras,
        }

    def _save_state(self, epoch):
        state = {
            "fingerprint": self.fingerprint,
            "epoch": epoch,
            "architecture": self.model.architecture,
            "model": self.model.state_dict(),
            "loss": self.loss.state_dict(),
            "target": self.target.state_dict() if self.target else None,
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
            "scaler": self.scaler.state_dict(),
            "stopper": self.stopper.state_dict(),
            "history": self.history,
            "torch_rng": torch.get_rng_state(),
        }
        self._write(self.resume_dir / "state.pt", state)

    def _write(self, path, checkpoint):
        if distributed.is_main():
            save_checkpoint(path, checkpoint)

    def _try_resume(self):
        path = self.resume_dir / "state.pt"
        if not path.exists():
            return
        state = load_checkpoint(path)
        if state.get("fingerprint") != self.fingerprint:
            print(f"note: discarding {self.resume_dir}: it was written with other params or inputs")
            distributed.barrier()  # every rank has read the state before rank 0 removes it
            if distributed.is_main():
                shutil.rmtree(self.resume_dir)
            return
        self.model.load_state_dict(state["model"])
        self.loss.load_state_dict(state["loss"])
        if self.target:
            self.target.load_state_dict(state["target"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        self.scaler.load_state_dict(state["scaler"])
        self.stopper.load_state_dict(state["stopper"])
        torch.set_rng_state(state["torch_rng"])
        self.history = list(state["history"])
        self.start_epoch = state["epoch"] + 1
        for row in self.history:
            self._log(row)
        print(f"note: resuming from {path} after epoch {self.start_epoch}")

    def _log(self, row):
        for name, value in row.items():
            if name != "epoch":
                self.live.log_metric(name, value)
        self.live.next_step()

    # -- the loop ------------------------------------------------------------
    def fit(self):
        if self.s.epochs == 0 or (self.s.freeze_encoder and not self._head_parameters()):
            return self._keep_initial_weights()
        self._try_resume()
        epochs = tqdm(range(self.start_epoch, self.s.epochs), desc="training", initial=self.start_epoch, total=self.s.epochs)
        for epoch in epochs:
            if self.stopper.should_stop:
                break
            train_loss = self._train_epoch(epoch)
            self.scheduler.step()
            row = {"epoch": epoch, "loss": train_loss, **self._validate(), "lr": self.optimizer.param_groups[0]["lr"]}
            if epoch >= self.s.warmup_epochs and self.stopper.update(self._selection_score(row), epoch):
                self._write(self.resume_dir / "best.pt", self._model_checkpoint(epoch, row))
            self.history.append(row)
            self._log(row)
            self._save_epoch(epoch, row)
            self._save_state(epoch)
            epochs.set_postfix(loss=f"{train_loss:.4f}", val=f"{row[validation_key(self.data.val)]:.4f}", dim99=row["val_dim99"])
        return self._finish()

    def _selection_score(self, row):
        """The validation score picks the checkpoint and stops early (MonoCon: 5-NN). A loss
        that uses no labels keeps its last epoch instead, as SimCLR and ReLIC are evaluated,
        so no label reaches a self-supervised model, not even through checkpoint selection."""
        return row[validation_key(self.data.val)] if self.loss.uses_labels else row["epoch"]

    def _keep_initial_weights(self):
        """No epochs, or nothing to train (a frozen encoder without a head): validate the
        initial (e.g. pretrained) weights once, log that as step 0 and keep them as the
        best checkpoint."""
        row = {"epoch": 0, **self._validate()}
        self._log(row)
        best = self._model_checkpoint(0, row)
        self._write(self.run_dir / "best.pt", best)
        self._publish_epochs()
        return best

    def _finish(self):
        distributed.barrier()  # rank 0 has written the best checkpoint
        best = load_checkpoint(self.resume_dir / "best.pt")
        self._write(self.run_dir / "best.pt", best)
        self._publish_epochs()
        return best

    def discard_resume_state(self):
        """Call once every output of the run is in place: a kill before this point
        resumes from the last epoch instead of starting over."""
        if distributed.is_main():
            shutil.rmtree(self.resume_dir, ignore_errors=True)

    # -- per-epoch checkpoints (MonoCon keeps one every epoch to study training dynamics) --
    def _save_epoch(self, epoch, row):
        """Kept beside the resume state, so a resumed run still has the earlier epochs."""
        if self.s.save_every_epoch:
            self._write(self.resume_dir / "epochs" / f"{epoch:04d}.pt", self._model_checkpoint(epoch, row))

    def _publish_epochs(self):
        """Copy (hard-link) the per-epoch checkpoints to ``run_dir/epochs``; the folder is
        always made (empty when ``save_every_epoch`` is off), as DVC expects a declared
        output. The resume state keeps its own links until it is discarded."""
        if not distributed.is_main():
            return
        kept = self.resume_dir / "epochs"
        with atomic_dir(self.run_dir / "epochs") as target:
            if kept.is_dir():
                shutil.copytree(kept, target, copy_function=os.link, dirs_exist_ok=True)
