"""The two training jobs of the pipeline -- pretraining the encoder and fine-tuning the
baseline or the model from it -- so that the stage scripts stay a thin ``main()`` and
benchmarks can run the same jobs into other folders."""

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from embedlab.data.augment import AUGMENTATIONS
from embedlab.data.prepared import load_meta, load_split_arrays, load_unlabeled
from embedlab.io import atomic_dir, write_json
from embedlab.models import build_embedder
from embedlab.models.heads import has_parameters
from embedlab.paths import MODELS, PREPARED, RUN_INFO, live_dir
from embedlab.registry import Spec
from embedlab.training.checkpoint import load_checkpoint
from embedlab.training.trainer import Settings, TrainData, Trainer

PRETRAINED = MODELS / "pretrain" / "best.pt"


@dataclass(frozen=True)
class RunPaths:
    """Where one training run writes: ``checkpoints`` (best.pt, resume/) and ``live``
    (dvclive's metrics.json and per-epoch TSVs)."""

    checkpoints: Path
    live: Path

    @classmethod
    def of(cls, role):
        return cls(MODELS / role, live_dir(role))


def pretrain(params, device, paths=RunPaths.of("pretrain")):
    """Train the encoder without a head (with ``pretrain.epochs`` 0, its initial weights,
    e.g. ImageNet ones, are validated once and kept as they are). A loss that needs no
    labels also trains on the dataset's unlabeled images, if it has any (STL10)."""
    data, meta = training_data(params)
    model = build_embedder(params.encoder, "none", meta["image_shape"][0], load_weights=True)
    inputs = [PREPARED / "split.json"]
    return _train(params, "pretrain", model, data, params.pretrain, device, None, paths, inputs, use_unlabeled=True)


def fine_tune(params, role, device, paths=None):
    """Fine-tune from the pretrained encoder: ``baseline`` without a head, ``model`` with
    the head named in params (warm-up first when the head has weights)."""
    data, meta = training_data(params)
    pretrained = load_checkpoint(PRETRAINED)
    head = params.head if role == "model" else "none"
    model = build_embedder(pretrained["architecture"]["encoder"], head, meta["image_shape"][0])
    model.load_encoder(pretrained)
    warmup = params.warmup if has_parameters(model.head) else None
    inputs = [PREPARED / "split.json", PRETRAINED]
    return _train(params, f"train_{role}", model, data, params.train, device, warmup, paths or RunPaths.of(role), inputs)


def training_data(params):
    meta = load_meta(PREPARED)
    transform = AUGMENTATIONS.build(Spec.parse(params.augment, "augment"), "augment", meta["image_shape"][-1])
    data = TrainData(load_split_arrays(PREPARED, "train"), load_split_arrays(PREPARED, "val"), transform)
    return data, meta


def _train(params, stage, model, data, recipe, device, warmup, paths, inputs, use_unlabeled=False):
    from dvclive import Live

    from embedlab.losses import LossContext, build_nested_loss

    context = LossContext(model.dim, int(data.train.labels.max()) + 1)
    loss = build_nested_loss(params.loss, context, params.matryoshka_dims, params.matryoshka_weights)
    if use_unlabeled and not loss.uses_labels:
        data.unlabeled = load_unlabeled(PREPARED)
    started = time.perf_counter()
    with atomic_dir(paths.live) as staging:  # the logs appear only when training completed
        live = Live(str(staging), dvcyaml=None, save_dvc_exp=False, report=None)  # dvc.yaml is hand-written
        trainer = Trainer(model, loss, data, settings(recipe, params.base, device, warmup), paths.checkpoints, live,
                          fingerprint(params, stage, inputs), {"matryoshka_dims": list(params.matryoshka_dims)})
        best = trainer.fit()
        live.end()
    write_json(paths.checkpoints / RUN_INFO, {"device": str(device), "wall_time_s": round(time.perf_counter() - started, 1)})
    trainer.discard_resume_state()
    return best


def settings(recipe, base, device, warmup=None):
    fields = recipe.model_dump()
    if warmup is not None:
        fields.update(warmup_epochs=warmup.epochs, warmup_lr=warmup.lr)
    return Settings(**fields, seed=base.seed, device=device, amp=base.amp, num_workers=base.num_workers)


def fingerprint(params, stage, files=()):
    """Hash of the params the stage declares in dvc.yaml and of its input files: a
    resume state is trusted only when this matches."""
    declared = yaml.safe_load(Path("dvc.yaml").read_text())["stages"][stage]["params"] if Path("dvc.yaml").exists() else None
    dumped = params.model_dump(mode="json")
    digest = hashlib.sha256(json.dumps({k: dumped[k] for k in declared or dumped}, sort_keys=True).encode())
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
