"""Helpers the training stage scripts share, so each stays a thin ``main()``."""

import hashlib
import json
from pathlib import Path

from embedlab.data.augment import AUGMENTATIONS
from embedlab.data.prepared import load_meta, load_split_arrays
from embedlab.paths import MODELS, PREPARED, live_dir
from embedlab.registry import Spec
from embedlab.training.runtime import start
from embedlab.training.trainer import Settings, TrainData

__all__ = ["start", "train", "training_data"]


def open_live(role):
    """A dvclive logger that leaves the hand-written dvc.yaml alone."""
    from dvclive import Live

    return Live(str(live_dir(role)), dvcyaml=None, save_dvc_exp=False, report=None)


def training_data(params):
    meta = load_meta(PREPARED)
    image_size = meta["image_shape"][-1]
    transform = AUGMENTATIONS.build(Spec.parse(params.augment, "augment"), "augment", image_size)
    data = TrainData(load_split_arrays(PREPARED, "train"), load_split_arrays(PREPARED, "val"), transform)
    return data, meta


def num_classes(split):
    return int(split.labels.max()) + 1


def settings(recipe, base, device, warmup=None):
    fields = recipe.model_dump()
    if warmup is not None:
        fields.update(warmup_epochs=warmup.epochs, warmup_lr=warmup.lr)
    return Settings(**fields, seed=base.seed, device=device, amp=base.amp, num_workers=base.num_workers)


def fingerprint(params, sections, files=()):
    """Hash of the params sections a stage reads and of its input files: a resume state
    is only trusted when this matches."""
    digest = hashlib.sha256()
    dumped = params.model_dump(mode="json")
    digest.update(json.dumps({name: dumped[name] for name in sections}, sort_keys=True).encode())
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def train(params, role, model, data, recipe, device, warmup=None, sections=(), inputs=()):
    """Train ``model`` with the params' loss; logs to metrics/train/<role>, writes
    models/<role>/best.pt and returns that checkpoint."""
    from embedlab.losses import LossContext, build_loss
    from embedlab.training.trainer import Trainer

    loss = build_loss(params.loss, LossContext(model.dim, num_classes(data.train)))
    live = open_live(role)
    trainer = Trainer(
        model, loss, data, settings(recipe, params.base, device, warmup), MODELS / role, live,
        fingerprint(params, sections, inputs),
    )
    best = trainer.fit()
    live.end()
    return best
