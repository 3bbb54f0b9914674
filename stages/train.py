"""Stage train: fine-tune from the pretrained encoder, as the baseline (no head) or as
the model (encoder + the head named by ``head``), with the same recipe and budget."""

import argparse

from embedlab.config import load_params
from embedlab.errors import one_line_errors
from embedlab.models import build_embedder
from embedlab.models.heads import has_parameters
from embedlab.paths import MODELS, PREPARED, ROLES
from embedlab.pipeline import start, train, training_data
from embedlab.training.checkpoint import load_checkpoint

SECTIONS = {"baseline": ("base", "loss", "augment", "train"), "model": ("base", "head", "loss", "augment", "train", "warmup")}


@one_line_errors
def main(role):
    params = load_params()
    device = start(params)
    data, meta = training_data(params)
    pretrained_path = MODELS / "pretrain" / "best.pt"
    pretrained = load_checkpoint(pretrained_path)
    head = params.head if role == "model" else "none"
    model = build_embedder(pretrained["architecture"]["encoder"], head, meta["image_shape"][0])
    model.load_encoder(pretrained)
    warmup = params.warmup if role == "model" and has_parameters(model.head) else None
    train(params, role, model, data, params.train, device, warmup, SECTIONS[role], [PREPARED / "split.json", pretrained_path])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=ROLES)
    main(parser.parse_args().role)
